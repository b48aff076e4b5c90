from django.urls import path

from mrplan.public import feeds
from mrplan.public.views import indicators as views_indicators
from mrplan.public.views import opendata as views_opendata
from mrplan.public.views import pages as views_pages
from mrplan.public.views import search as views_search
from mrplan.public.views import site as views

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
    # -- search --
    path("sok/", views_search.search, name="public-search"),
    # -- open data --
    path("data/", views_opendata.index, name="public-opendata"),
    path("data/alla.zip", views_opendata.download_all, name="public-opendata-all"),
    path("data/datapackage.json", views_opendata.datapackage, name="public-datapackage"),
    path("data/dcat.<slug:fmt>", views_opendata.dcat_catalogue, name="public-dcat"),
    path(
        "data/<slug:name>.<slug:fmt>",
        views_opendata.download,
        name="public-opendata-download",
    ),
    # -- indicator permalinks --
    path(
        "organisationer/<slug:slug>/<int:year>/indikatorer/<int:pk>/",
        views_indicators.indicator_detail,
        name="public-indicator",
    ),
    path(
        "organisationer/<slug:slug>/<int:year>/indikatorer/<int:pk>/diagram.<slug:fmt>",
        views_indicators.indicator_chart,
        name="public-indicator-chart",
    ),
    path(
        "organisationer/<slug:slug>/<int:year>/indikatorer/<int:pk>/inbaddning/",
        views_indicators.indicator_embed,
        name="public-indicator-embed",
    ),
    # -- Atom feeds --
    path("flode/rapporter/", feeds.ReportFeed(), name="public-feed-reports"),
    path(
        "flode/rapporter/<slug:kind>/<slug:slug>/",
        feeds.ReportFeed(),
        name="public-feed-reports-scoped",
    ),
    path("flode/remisser/", feeds.ConsultationFeed(), name="public-feed-consultations"),
    path(
        "flode/remisser/<slug:kind>/<slug:slug>/",
        feeds.ConsultationFeed(),
        name="public-feed-consultations-scoped",
    ),
    # -- pages --
    path("remisser/", views_pages.consultation_list, name="public-consultation-list"),
    path(
        "remisser/<int:pk>/",
        views_pages.consultation_detail,
        name="public-consultation-detail",
    ),
    path(
        "remisser/underlag/<int:pk>/",
        views_pages.consultation_document,
        name="public-consultation-document",
    ),
    path("handlingsplaner/", views_pages.action_plan_list, name="public-action-plan-list"),
    path(
        "handlingsplaner/<slug:slug>/",
        views_pages.action_plan_detail,
        name="public-action-plan",
    ),
    path("lattlast/", views_pages.easy_read_list, name="public-easy-read-list"),
    path(
        "lattlast/<slug:kind>/<slug:slug>/",
        views_pages.easy_read_detail,
        name="public-easy-read",
    ),
    path(
        "lattlast/<slug:kind>/<slug:slug>/redigera/",
        views_pages.easy_read_edit,
        name="public-easy-read-edit",
    ),
    path("tillganglighet/", views_pages.accessibility_statement, name="public-accessibility"),
    path(
        "tillganglighet/tack/",
        views_pages.accessibility_thanks,
        name="public-accessibility-thanks",
    ),
]
