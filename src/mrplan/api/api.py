"""The JSON API at /api/v1/, documented at /api/v1/docs (see docs/api.md)."""

from ninja import NinjaAPI

from mrplan.api import (
    consultations,
    me,
    open_data,
    organisations,
    planning_write,
    programmes,
    taxonomies,
)
from mrplan.api.auth import READ_AUTH
from mrplan.api.docs import LocalSwagger, docs_asset
from mrplan.api.errors import register_error_handlers
from mrplan.api.statements import router as statements_router
from mrplan.collaboration import api as collaboration_api
from mrplan.knowledge import api as knowledge_api

api = NinjaAPI(
    title="mrplan API",
    version="1",
    description="Öppet API för stadens program för de mänskliga rättigheterna. "
    "Utan inloggning visas bara det som är publicerat. Logga in eller skicka "
    "`Authorization: Bearer <API-nyckel>` (skapas på Min sida) för att se mer.",
    urls_namespace="api-v1",
    auth=READ_AUTH,
    docs=LocalSwagger(),
)
register_error_handlers(api)

api.add_router("", organisations.router)
api.add_router("", programmes.router)
api.add_router("", taxonomies.router)
api.add_router("", me.router)
api.add_router("", planning_write.router)  # the planning router, with its writes
api.add_router("", collaboration_api.router)
api.add_router("", consultations.router)
api.add_router("", statements_router)
api.add_router("", knowledge_api.router)
api.add_router("", open_data.router)
api.get("/docs/assets/{name}", auth=None, include_in_schema=False, url_name="docs-asset")(
    docs_asset
)
