from django.urls import path

from mrplan.programmes import views

# Fixed addresses come before /<slug>/; programme slugs that would clash are refused
# (actions.RESERVED_PROGRAMME_SLUGS).
urlpatterns = [
    path("", views.programme_list, name="programmes-programme-list"),
    path("ny/", views.programme_create, name="programmes-programme-create"),
    path("malgrupper/", views.target_group_list, name="programmes-target-group-list"),
    path("malgrupper/ny/", views.target_group_create, name="programmes-target-group-create"),
    path(
        "malgrupper/<int:pk>/redigera/",
        views.target_group_edit,
        name="programmes-target-group-edit",
    ),
    path("agenda-2030/", views.sdg_list, name="programmes-sdg-list"),
    path(
        "fokusomraden/<int:pk>/redigera/",
        views.focus_area_edit,
        name="programmes-focus-area-edit",
    ),
    path(
        "handlingsplaner/<slug:slug>/",
        views.action_plan_detail,
        name="programmes-action-plan-detail",
    ),
    path(
        "handlingsplaner/<slug:slug>/redigera/",
        views.action_plan_edit,
        name="programmes-action-plan-edit",
    ),
    path(
        "handlingsplaner/<slug:slug>/utvecklingsomraden/ny/",
        views.development_area_create,
        name="programmes-development-area-create",
    ),
    path(
        "utvecklingsomraden/<int:pk>/",
        views.development_area_detail,
        name="programmes-development-area-detail",
    ),
    path(
        "utvecklingsomraden/<int:pk>/redigera/",
        views.development_area_edit,
        name="programmes-development-area-edit",
    ),
    path(
        "utvecklingsomraden/<int:pk>/aktiviteter/ny/",
        views.city_activity_create,
        name="programmes-city-activity-create",
    ),
    path(
        "aktiviteter/<int:pk>/redigera/",
        views.city_activity_edit,
        name="programmes-city-activity-edit",
    ),
    path(
        "aktiviteter/<int:pk>/ta-bort/",
        views.city_activity_delete,
        name="programmes-city-activity-delete",
    ),
    path("<slug:slug>/", views.programme_detail, name="programmes-programme-detail"),
    path("<slug:slug>/redigera/", views.programme_edit, name="programmes-programme-edit"),
    path(
        "<slug:slug>/fokusomraden/ny/",
        views.focus_area_create,
        name="programmes-focus-area-create",
    ),
    path(
        "<slug:slug>/handlingsplaner/ny/",
        views.action_plan_create,
        name="programmes-action-plan-create",
    ),
]
