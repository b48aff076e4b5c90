from django.urls import path

from mrplan.knowledge import views

urlpatterns = [
    path("", views.dataset_list, name="knowledge-dataset-list"),
    path("dataset/nytt/", views.dataset_create, name="knowledge-dataset-create"),
    path("dataset/<slug:slug>/", views.dataset_detail, name="knowledge-dataset-detail"),
    path("dataset/<slug:slug>/import/", views.import_upload, name="knowledge-import"),
    path(
        "dataset/<slug:slug>/import/bekrafta/",
        views.import_confirm,
        name="knowledge-import-confirm",
    ),
    path("dataset/<slug:slug>/kolada.json", views.kolada_export, name="knowledge-kolada-export"),
    path("underlag/", views.record_list, name="knowledge-record-list"),
    path("underlag/nytt/", views.record_create, name="knowledge-record-create"),
    path("underlag/<int:pk>/", views.record_detail, name="knowledge-record-detail"),
]
