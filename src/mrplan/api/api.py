"""The JSON API at /api/v1/, documented at /api/v1/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="mrplan API",
    version="1",
    description="Öppet API för stadens program för de mänskliga rättigheterna.",
    urls_namespace="api-v1",
)
