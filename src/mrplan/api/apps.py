from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mrplan.api"
    label = "api"
    verbose_name = "API"
