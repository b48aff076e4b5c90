"""A URLconf with the consultations API mounted, until the lead adds it to mrplan.api.api."""

from django.urls import path
from ninja import NinjaAPI

from mrplan.api import consultations
from mrplan.api.auth import READ_AUTH
from mrplan.api.errors import register_error_handlers
from mrplan.urls import urlpatterns as site_urlpatterns

api = NinjaAPI(urls_namespace="api-test-consultations", auth=READ_AUTH, docs_url=None)
register_error_handlers(api)
api.add_router("", consultations.router)

urlpatterns = [
    path("api/test-consultations/", api.urls),
    *site_urlpatterns,
]
