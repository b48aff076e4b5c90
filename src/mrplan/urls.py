from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from mrplan.api.api import api
from mrplan.api.reference import api_reference
from mrplan.core import health
from mrplan.programmes.views import home

urlpatterns = [
    path("healthz", health.healthz, name="core-healthz"),
    path("readyz", health.readyz, name="core-readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

urlpatterns += i18n_patterns(
    # The start page keeps its historical name.
    path("", home, name="core-home"),
    path("", include("mrplan.core.urls")),
    path("konto/", include("mrplan.accounts.urls")),
    path("organisationer/", include("mrplan.organisations.urls")),
    path("program/", include("mrplan.programmes.urls")),
    path("planering/", include("mrplan.planning.urls")),
    path("remisser/", include("mrplan.consultations.urls")),
    path("kunskap/", include("mrplan.knowledge.urls")),
    path("samverkan/", include("mrplan.collaboration.urls")),
    path("mina-uppgifter/", include("mrplan.worklist.urls")),
    path("oppet/api/", api_reference, name="api-reference"),
    path("oppet/", include("mrplan.public.urls")),
    path("jobb/", include("mrplan.jobs.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# Uploaded files are never served from MEDIA_URL: each app serves its files
# through a view that checks who may read them.
