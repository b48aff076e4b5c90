from django.urls import path

from mrplan.core import views

urlpatterns = [
    path("historik/<str:kind>/<str:key>/", views.history, name="core-history"),
]
