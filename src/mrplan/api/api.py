"""The JSON API at /api/v1/, documented at /api/v1/docs (see docs/api.md).

One module per resource in mrplan/api/resources/, each with its own router, all mounted
here. Every path belongs to one router: ninja answers 405 when two routers share a path,
so GET, PATCH and DELETE of /goals/{id} live together in resources/goals.py. Operation
ids are given explicitly in each decorator, so that moving an endpoint never changes the
published OpenAPI document.
"""

from ninja import NinjaAPI

from mrplan.api.auth import READ_AUTH
from mrplan.api.docs import LocalSwagger, docs_asset
from mrplan.api.errors import register_error_handlers
from mrplan.api.resources import (
    action_plans,
    activities,
    cases,
    collaborations,
    consultations,
    datasets,
    decisions,
    development_areas,
    dialogues,
    goals,
    indicators,
    material,
    me,
    measures,
    open_data,
    organisations,
    partners,
    planning_years,
    plans,
    programmes,
    reports,
    statements,
    taxonomies,
    training,
)

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

# In the order of the reference documentation (grouped by tag).
RESOURCES = [
    organisations,
    programmes,
    action_plans,
    development_areas,
    taxonomies,
    me,
    planning_years,
    plans,
    goals,
    activities,
    indicators,
    reports,
    partners,
    collaborations,
    dialogues,
    material,
    training,
    consultations,
    cases,
    decisions,
    statements,
    datasets,
    measures,
    open_data,
]
for resource in RESOURCES:
    api.add_router("", resource.router)

api.get("/docs/assets/{name}", auth=None, include_in_schema=False, url_name="docs-asset")(
    docs_asset
)
