"""Small request helpers shared by every app."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the visitor's IP address, trusting MRPLAN_TRUSTED_PROXIES proxies in front.

    With no proxies configured, X-Forwarded-For is ignored (anyone can send it). With N
    proxies, the address is the N-th entry from the right: the one our nearest proxy saw.
    """
    proxies = settings.MRPLAN_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))
