from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from mrplan.accounts import oidc, views
from mrplan.accounts.forms import LoginForm
from mrplan.accounts.views import two_factor as two_factor_views

urlpatterns = [
    path(
        "logga-in/",
        views.SignInView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="accounts-login",
    ),
    path("sso/", oidc.sso_start, name="accounts-sso-start"),
    path("sso/tillbaka/", oidc.sso_callback, name="accounts-sso-callback"),
    path("sso/koppla/", oidc.sso_link_start, name="accounts-sso-link"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="accounts-logout"),
    path(
        "losenord/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts-password-change-done")
        ),
        name="accounts-password-change",
    ),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="accounts-password-change-done",
    ),
    path(
        "aterstall/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts-password-reset-done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="accounts-password-reset",
    ),
    path(
        "aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="accounts-password-reset-done",
    ),
    path(
        "aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts-password-reset-complete")
        ),
        name="accounts-password-reset-confirm",
    ),
    path(
        "aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="accounts-password-reset-complete",
    ),
    path("tvastegs/", two_factor_views.overview, name="accounts-two-factor"),
    path("tvastegs/aktivera/", two_factor_views.enrol, name="accounts-two-factor-enrol"),
    path("tvastegs/verifiera/", two_factor_views.verify, name="accounts-two-factor-verify"),
    path(
        "tvastegs/reservkoder/",
        two_factor_views.backup_codes,
        name="accounts-two-factor-backup-codes",
    ),
    path("tvastegs/stang-av/", two_factor_views.disable, name="accounts-two-factor-disable"),
    path("sakerhet/", two_factor_views.security_policy, name="accounts-security-policy"),
    path("", views.memberships, name="accounts-memberships"),
    path("api-nycklar/", views.token_create, name="accounts-token-create"),
    path("api-nycklar/<int:pk>/ta-bort/", views.token_delete, name="accounts-token-delete"),
]
