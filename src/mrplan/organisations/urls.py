from django.urls import path

from mrplan.organisations import views

# "ny" is reserved: organisation_create never gives an organisation that slug.
urlpatterns = [
    path("", views.organisation_list, name="organisations-list"),
    path("ny/", views.organisation_create, name="organisations-create"),
    path("<slug:slug>/", views.organisation_detail, name="organisations-detail"),
    path("<slug:slug>/andra/", views.organisation_edit, name="organisations-edit"),
    path(
        "<slug:slug>/avdelningar/ny/",
        views.department_create,
        name="organisations-department-create",
    ),
    path(
        "<slug:slug>/avdelningar/<int:pk>/andra/",
        views.department_edit,
        name="organisations-department-edit",
    ),
    path(
        "<slug:slug>/avdelningar/<int:pk>/ta-bort/",
        views.department_delete,
        name="organisations-department-delete",
    ),
    path("<slug:slug>/behorigheter/", views.members, name="organisations-members"),
    path(
        "<slug:slug>/behorigheter/<int:pk>/ta-bort/",
        views.member_delete,
        name="organisations-member-delete",
    ),
]
