from django.urls import path

from mrplan.programmes import views

urlpatterns = [
    path("", views.programme_list, name="programmes-programme-list"),
    path("malgrupper/", views.target_group_list, name="programmes-target-group-list"),
    path("agenda-2030/", views.sdg_list, name="programmes-sdg-list"),
    path(
        "handlingsplaner/<slug:slug>/",
        views.action_plan_detail,
        name="programmes-action-plan-detail",
    ),
    path(
        "utvecklingsomraden/<int:pk>/",
        views.development_area_detail,
        name="programmes-development-area-detail",
    ),
    path("<slug:slug>/", views.programme_detail, name="programmes-programme-detail"),
]
