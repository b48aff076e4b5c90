from django.urls import path

from mrplan.organisations import views

urlpatterns = [
    path("", views.organisation_list, name="organisations-list"),
    path("<slug:slug>/", views.organisation_detail, name="organisations-detail"),
]
