from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "mrplan.worklist"
    verbose_name = "Mina uppgifter"
