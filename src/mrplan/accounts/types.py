"""Who a permission check is about."""

from django.contrib.auth.models import AnonymousUser

from mrplan.accounts.models import User

# Whom a permission check (`may_*`, `check_*`) asks about: a signed-in user, an anonymous
# visitor (`request.user` on a public page), or None where nobody signed in (the API's
# anonymous caller): None counts as anonymous (`accounts.permissions.roles_for`). Actions
# take a User (or `User | None` where the system acts), since only a signed-in user changes
# anything. `core` names these only under `if TYPE_CHECKING:`.
Actor = User | AnonymousUser | None
