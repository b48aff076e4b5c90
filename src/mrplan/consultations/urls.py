from django.urls import path  # noqa: F401

# Consultations, cases and decisions (one engineer) and statements (another) add
# their paths in the two marked blocks.
urlpatterns: list = [
    # -- consultations, cases, decisions --
    # -- statements --
]
