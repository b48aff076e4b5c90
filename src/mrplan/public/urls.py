from django.urls import path

from mrplan.public import views

urlpatterns = [
    path("", views.start, name="public-start"),
    path("malgrupper/", views.target_groups, name="public-target-groups"),
    path(
        "organisationer/<slug:slug>/<int:year>/",
        views.organisation_plan,
        name="public-organisation-plan",
    ),
    path("publicering/", views.publication, name="public-publication"),
    path(
        "publicering/<slug:kind>/<int:pk>/publicera/",
        views.publish,
        name="public-publish",
    ),
    path(
        "publicering/<slug:kind>/<int:pk>/avpublicera/",
        views.unpublish,
        name="public-unpublish",
    ),
]
