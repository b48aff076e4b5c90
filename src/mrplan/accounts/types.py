"""Types shared by the apps' permission helpers and actions."""

from django.contrib.auth.models import AnonymousUser

from mrplan.accounts.models import User

# Whoever asks: a signed-in user, or an anonymous visitor (request.user either way).
Actor = User | AnonymousUser
