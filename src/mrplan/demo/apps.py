from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data loader (`mrplan load_demo`): it sits above every app it fills."""

    name = "mrplan.demo"
    label = "demo"
    verbose_name = _("Demodata")
