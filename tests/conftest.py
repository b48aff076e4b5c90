import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# from that thread (fixtures, assertions) are safe because they are not concurrent.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: object) -> None:
    """Hash passwords quickly in tests; the real hasher is tested by Django itself."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
