"""`mrplan oidc_discover ISSUER`: print the OIDC_* settings an identity provider publishes."""

from typing import Any

import requests
from django.core.management.base import BaseCommand, CommandError, CommandParser

# Discovery document field → mrplan environment variable.
FIELDS = {
    "issuer": "OIDC_OP_ISSUER",
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
}


def discover(issuer: str, timeout: float = 10) -> dict[str, str]:
    """Return the OIDC_OP_* settings from ISSUER's discovery document."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=timeout)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer") != issuer.rstrip("/"):
        raise ValueError(f"The document names another issuer: {document.get('issuer')!r}")
    return {name: str(document[key]) for key, name in FIELDS.items() if document.get(key)}


class Command(BaseCommand):
    help = (
        "Read an OpenID Connect provider's discovery document and print the environment "
        "variables that configure mrplan's single sign-on (add the client id and secret)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("issuer", help="The provider's issuer URL, e.g. https://idp.example.se")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            settings = discover(options["issuer"])
        except (requests.RequestException, ValueError, KeyError) as error:
            raise CommandError(f"Could not read the discovery document: {error}") from error
        for name, value in settings.items():
            self.stdout.write(f"{name}={value}")
        self.stdout.write("OIDC_RP_CLIENT_ID=…")
        self.stdout.write("OIDC_RP_CLIENT_SECRET_FILE=…")
