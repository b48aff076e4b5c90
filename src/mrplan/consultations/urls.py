from django.urls import path  # noqa: F401

from mrplan.consultations.views import amendments as amendment_views
from mrplan.consultations.views import attestation as attestation_views
from mrplan.consultations.views import cases as case_views
from mrplan.consultations.views import compilation as compilation_views
from mrplan.consultations.views import consultations as consultation_views
from mrplan.consultations.views import decisions as decision_views
from mrplan.consultations.views import importing as import_views
from mrplan.consultations.views import statements as statement_views

# Consultations, cases and decisions (one engineer) and statements (another) add
# their paths in the two marked blocks.
urlpatterns: list = [
    # -- consultations, cases, decisions --
    path("", consultation_views.consultation_list, name="consultations-list"),
    path("ny/", consultation_views.consultation_create, name="consultations-create"),
    path("<int:pk>/", consultation_views.consultation_detail, name="consultations-detail"),
    path("<int:pk>/andra/", consultation_views.consultation_edit, name="consultations-edit"),
    path(
        "<int:pk>/underlag/",
        consultation_views.consultation_document_add,
        name="consultations-document-add",
    ),
    path(
        "underlag/<int:pk>/",
        consultation_views.consultation_document,
        name="consultations-document",
    ),
    path("<int:pk>/skicka/", consultation_views.consultation_send, name="consultations-send"),
    path(
        "attesteringsregel/",
        attestation_views.attestation_policy,
        name="consultations-attestation-policy",
    ),
    path("<int:pk>/avsluta/", amendment_views.consultation_close, name="consultations-close"),
    path(
        "<int:pk>/andra-skickad/",
        amendment_views.consultation_amend,
        name="consultations-amend",
    ),
    path(
        "instanser/<int:pk>/avsta/",
        consultation_views.recipient_decline,
        name="consultations-recipient-decline",
    ),
    path(
        "instanser/<int:pk>/oppna-igen/",
        consultation_views.recipient_reopen,
        name="consultations-recipient-reopen",
    ),
    path(
        "instanser/<int:pk>/arende/",
        consultation_views.recipient_case_open,
        name="consultations-recipient-case-open",
    ),
    path("diarium/<slug:slug>/", case_views.diary, name="consultations-diary"),
    path("diarium/<slug:slug>/nytt/", case_views.case_create, name="consultations-case-create"),
    path("arenden/<int:pk>/", case_views.case_detail, name="consultations-case-detail"),
    path("arenden/<int:pk>/andra/", case_views.case_edit, name="consultations-case-edit"),
    path(
        "arenden/<int:pk>/makulera/",
        case_views.case_cancel_view,
        name="consultations-case-cancel",
    ),
    path(
        "utlatanden/<int:pk>/beslut/",
        decision_views.decision_create,
        name="consultations-decision-create",
    ),
    # -- statements --
    path(
        "arenden/<int:case_pk>/utlatande/",
        statement_views.statement_create,
        name="consultations-statement-create",
    ),
    path(
        "utlatanden/<int:pk>/",
        statement_views.statement_detail,
        name="consultations-statement-detail",
    ),
    path(
        "utlatanden/<int:pk>/andra/",
        statement_views.statement_edit,
        name="consultations-statement-edit",
    ),
    path(
        "utlatanden/<int:pk>/beredning/",
        statement_views.statement_preparation,
        name="consultations-statement-preparation",
    ),
    path(
        "utlatanden/<int:pk>/attesteringsordning/",
        statement_views.statement_steps,
        name="consultations-statement-steps",
    ),
    path(
        "utlatanden/<int:pk>/attestera/",
        statement_views.statement_approve,
        name="consultations-statement-approve",
    ),
    path(
        "utlatanden/<int:pk>/versioner/",
        statement_views.statement_versions,
        name="consultations-statement-versions",
    ),
    path(
        "utlatanden/<int:pk>/tjansteutlatande.pdf",
        statement_views.statement_pdf,
        name="consultations-statement-pdf",
    ),
    path(
        "utlatanden/<int:pk>/tjansteutlatande.docx",
        statement_views.statement_docx,
        name="consultations-statement-docx",
    ),
    path(
        "utlatanden/<int:pk>/verifiera/",
        statement_views.statement_verify,
        name="consultations-statement-verify",
    ),
    path(
        "utlatanden/<int:pk>/verifiera.json",
        statement_views.statement_verify_json,
        name="consultations-statement-verify-json",
    ),
    # -- compilation and import --
    path(
        "<int:pk>/sammanstallning/",
        compilation_views.compilation_page,
        name="consultations-compilation",
    ),
    path(
        "<int:pk>/sammanstallning.pdf",
        compilation_views.compilation_pdf,
        name="consultations-compilation-pdf",
    ),
    path(
        "<int:pk>/sammanstallning.docx",
        compilation_views.compilation_docx,
        name="consultations-compilation-docx",
    ),
    path("importera/", import_views.import_upload, name="consultations-import"),
    path("importera/bekrafta/", import_views.import_confirm, name="consultations-import-confirm"),
    path(
        "importera/<uuid:job_id>/",
        import_views.import_preview,
        name="consultations-import-preview",
    ),
]
