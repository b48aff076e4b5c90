from django.urls import path

from mrplan.knowledge.views import analysis as views_analysis
from mrplan.knowledge.views import areas as views_areas
from mrplan.knowledge.views import datasets as views
from mrplan.knowledge.views import evidence as views_evidence

urlpatterns = [
    path("", views.dataset_list, name="knowledge-dataset-list"),
    path("dataset/nytt/", views.dataset_create, name="knowledge-dataset-create"),
    path("dataset/<slug:slug>/", views.dataset_detail, name="knowledge-dataset-detail"),
    path("dataset/<slug:slug>/import/", views.import_upload, name="knowledge-import"),
    path("import/<uuid:job_id>/", views.import_preview, name="knowledge-import-preview"),
    path(
        "dataset/<slug:slug>/import/bekrafta/",
        views.import_confirm,
        name="knowledge-import-confirm",
    ),
    path(
        "dataset/<slug:slug>/mikrodata/<int:pk>/ta-bort/",
        views.microdata_batch_delete,
        name="knowledge-microdata-delete",
    ),
    path("dataset/<slug:slug>/kolada.json", views.kolada_export, name="knowledge-kolada-export"),
    path("omraden/", views_areas.area_list, name="knowledge-area-list"),
    path("omraden/<int:pk>/andra/", views_areas.area_edit, name="knowledge-area-edit"),
    path(
        "dataset/<slug:slug>/matt/<slug:measure_slug>/stadsdelar.<slug:fmt>",
        views_analysis.comparison_export,
        name="knowledge-measure-comparison-export",
    ),
    path("underlag/", views.record_list, name="knowledge-record-list"),
    path("underlag/nytt/", views.record_create, name="knowledge-record-create"),
    path("underlag/<int:pk>/", views.record_detail, name="knowledge-record-detail"),
    # Analysis and evidence
    path(
        "dataset/<slug:slug>/matt/<slug:measure_slug>/",
        views_analysis.measure_detail,
        name="knowledge-measure",
    ),
    path(
        "dataset/<slug:slug>/matt/<slug:measure_slug>/export.<slug:fmt>",
        views_analysis.measure_export,
        name="knowledge-measure-export",
    ),
    path("koppla/", views_evidence.link_create, name="knowledge-link-create"),
    path(
        "indikatorkalla/",
        views_evidence.indicator_source_create,
        name="knowledge-indicator-source-create",
    ),
    path("kopplingar/<int:pk>/ta-bort/", views_evidence.link_delete, name="knowledge-link-delete"),
    path(
        "mal-utan-underlag/",
        views_evidence.goals_without_evidence,
        name="knowledge-goals-without-evidence",
    ),
    path(
        "plan/<slug:slug>/<int:year>/mal/<int:pk>/",
        views_evidence.goal_evidence,
        name="knowledge-goal-evidence",
    ),
    path(
        "rapport/<slug:slug>/<int:year>/<int:pk>/hamta-varden/",
        views_evidence.report_values_from_source,
        name="knowledge-report-values",
    ),
    path(
        "underlag/<int:pk>/filer/<int:file_pk>/",
        views_evidence.record_file,
        name="knowledge-record-file",
    ),
]
