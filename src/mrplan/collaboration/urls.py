from django.urls import path

from mrplan.collaboration.views import library, overview, partners, records

urlpatterns = [
    path("", overview.home, name="collaboration-home"),
    path("oversikt/", overview.overview, name="collaboration-overview"),
    path("partner/", partners.partner_list, name="collaboration-partner-list"),
    path("partner/ny/", partners.partner_create, name="collaboration-partner-create"),
    path("partner/<int:pk>/", partners.partner_detail, name="collaboration-partner-detail"),
    path("partner/<int:pk>/andra/", partners.partner_edit, name="collaboration-partner-edit"),
    path(
        "partner/<int:pk>/kontaktpersoner/ny/",
        partners.contact_create,
        name="collaboration-contact-create",
    ),
    path("kontaktpersoner/granska/", overview.contact_review, name="collaboration-contact-review"),
    path(
        "kontaktpersoner/<int:pk>/andra/", partners.contact_edit, name="collaboration-contact-edit"
    ),
    path(
        "kontaktpersoner/<int:pk>/aktuell/",
        partners.contact_mark_used,
        name="collaboration-contact-mark-used",
    ),
    path(
        "kontaktpersoner/<int:pk>/registerutdrag/",
        overview.contact_export,
        name="collaboration-contact-export",
    ),
    path(
        "kontaktpersoner/<int:pk>/radera/",
        overview.contact_erase,
        name="collaboration-contact-erase",
    ),
    path("samarbeten/", records.collaboration_list, name="collaboration-collaboration-list"),
    path(
        "samarbeten/nytt/",
        records.collaboration_create,
        name="collaboration-collaboration-create",
    ),
    path(
        "samarbeten/<int:pk>/",
        records.collaboration_detail,
        name="collaboration-collaboration-detail",
    ),
    path(
        "samarbeten/<int:pk>/andra/",
        records.collaboration_edit,
        name="collaboration-collaboration-edit",
    ),
    path("dialoger/", records.dialogue_list, name="collaboration-dialogue-list"),
    path("dialoger/ny/", records.dialogue_create, name="collaboration-dialogue-create"),
    path("dialoger/<int:pk>/", records.dialogue_detail, name="collaboration-dialogue-detail"),
    path("dialoger/<int:pk>/andra/", records.dialogue_edit, name="collaboration-dialogue-edit"),
    path("material/", library.material_list, name="collaboration-material-list"),
    path("material/nytt/", library.material_create, name="collaboration-material-create"),
    path("material/<int:pk>/", library.material_detail, name="collaboration-material-detail"),
    path("material/<int:pk>/andra/", library.material_edit, name="collaboration-material-edit"),
    path("material/<int:pk>/fil/", library.material_file, name="collaboration-material-file"),
    path("utbildning/", library.training, name="collaboration-training"),
    path(
        "utbildning/insatser/ny/", library.offer_create, name="collaboration-training-offer-create"
    ),
    path(
        "utbildning/insatser/<int:pk>/",
        library.offer_detail,
        name="collaboration-training-offer-detail",
    ),
    path(
        "utbildning/insatser/<int:pk>/andra/",
        library.offer_edit,
        name="collaboration-training-offer-edit",
    ),
    path(
        "utbildning/tillfallen/nytt/",
        library.session_create,
        name="collaboration-training-session-create",
    ),
    path(
        "utbildning/tillfallen/<int:pk>/",
        library.session_detail,
        name="collaboration-training-session-detail",
    ),
    path(
        "utbildning/tillfallen/<int:pk>/andra/",
        library.session_edit,
        name="collaboration-training-session-edit",
    ),
]
