from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mrplan.accounts"
    label = "accounts"
    verbose_name = _("Konton och behörigheter")

    def ready(self) -> None:
        from mrplan.accounts import signals  # noqa: F401  (connects the sign-in audit)
