from django.urls import path

from mrplan.planning.views import (
    attachments,
    citywide,
    compiled,
    cycle,
    next_year,
    plan,
    reports,
    review_comments,
    review_queue,
    transfer,
)

urlpatterns = [
    path("", cycle.year_list, name="planning-year-list"),
    path("ar/ny/", cycle.year_create, name="planning-year-create"),
    path("ar/<int:year>/perioder/ny/", cycle.period_create, name="planning-period-create"),
    path("perioder/<int:pk>/andra/", cycle.period_edit, name="planning-period-edit"),
    path("perioder/<int:pk>/oppna/", cycle.period_open, name="planning-period-open"),
    path("perioder/<int:pk>/stang/", cycle.period_close, name="planning-period-close"),
    path("oversikt/", citywide.citywide_view, name="planning-citywide"),
    path("granskning/", review_queue.review_queue, name="planning-review-queue"),
    path("sammanstallning/", compiled.compiled_list, name="planning-compiled-list"),
    path(
        "sammanstallning/<slug:slug>/<int:year>/<str:code>/text/",
        compiled.compiled_text,
        name="planning-compiled-text",
    ),
    path(
        "sammanstallning/<slug:slug>/<int:year>/<str:code>.pdf",
        compiled.compiled_pdf,
        name="planning-compiled-pdf",
    ),
    path(
        "sammanstallning/<slug:slug>/<int:year>/<str:code>.docx",
        compiled.compiled_docx,
        name="planning-compiled-docx",
    ),
    path("<slug:slug>/", cycle.organisation_plan, name="planning-organisation"),
    path("<slug:slug>/<int:year>/", plan.plan, name="planning-plan"),
    path(
        "<slug:slug>/<int:year>/fran-forra-aret/",
        next_year.copy_from_previous_year,
        name="planning-copy-previous-year",
    ),
    path("<slug:slug>/<int:year>/mal/ny/", plan.goal_create, name="planning-goal-create"),
    path("<slug:slug>/<int:year>/mal/<int:pk>/andra/", plan.goal_edit, name="planning-goal-edit"),
    path(
        "<slug:slug>/<int:year>/mal/<int:pk>/ta-bort/",
        plan.goal_delete,
        name="planning-goal-delete",
    ),
    path(
        "<slug:slug>/<int:year>/mal/<int:goal_pk>/indikatorer/ny/",
        plan.indicator_create,
        name="planning-indicator-create",
    ),
    path(
        "<slug:slug>/<int:year>/indikatorer/<int:pk>/andra/",
        plan.indicator_edit,
        name="planning-indicator-edit",
    ),
    path(
        "<slug:slug>/<int:year>/indikatorer/<int:pk>/ta-bort/",
        plan.indicator_delete,
        name="planning-indicator-delete",
    ),
    path(
        "<slug:slug>/<int:year>/aktiviteter/ny/",
        plan.activity_create,
        name="planning-activity-create",
    ),
    path(
        "<slug:slug>/<int:year>/aktiviteter/<int:pk>/andra/",
        plan.activity_edit,
        name="planning-activity-edit",
    ),
    path(
        "<slug:slug>/<int:year>/aktiviteter/<int:pk>/ta-bort/",
        plan.activity_delete,
        name="planning-activity-delete",
    ),
    path(
        "<slug:slug>/<int:year>/intern-attest/",
        reports.sign_off_setting,
        name="planning-sign-off-setting",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/ny/",
        reports.report_create,
        name="planning-report-create",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/",
        reports.report_detail,
        name="planning-report",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/skicka-in/",
        reports.report_submit,
        name="planning-report-submit",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>.pdf",
        reports.report_pdf,
        name="planning-report-pdf",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>.docx",
        reports.report_docx,
        name="planning-report-docx",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/dra-tillbaka/",
        reports.report_withdraw,
        name="planning-report-withdraw",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/attestera/",
        reports.report_sign_off,
        name="planning-report-sign-off",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/returnera/",
        reports.report_return,
        name="planning-report-return",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/kommentarer/ny/",
        review_comments.review_comment_create,
        name="planning-review-comment-create",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/godkann/",
        reports.report_approve,
        name="planning-report-approve",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/oppna-igen/",
        reports.report_reopen,
        name="planning-report-reopen",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:pk>/bilagor/ny/",
        attachments.attachment_add,
        name="planning-report-attachment-add",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:report_pk>/bilagor/<int:pk>/",
        attachments.attachment_download,
        name="planning-report-attachment",
    ),
    path(
        "<slug:slug>/<int:year>/rapporter/<int:report_pk>/bilagor/<int:pk>/ta-bort/",
        attachments.attachment_delete,
        name="planning-report-attachment-delete",
    ),
    path(
        "<slug:slug>/<int:year>/export/<slug:what>.<slug:fmt>",
        transfer.export,
        name="planning-export",
    ),
    path(
        "<slug:slug>/<int:year>/import/<slug:what>/",
        transfer.import_upload,
        name="planning-import",
    ),
    path(
        "<slug:slug>/<int:year>/import/<slug:what>/bekrafta/",
        transfer.import_confirm,
        name="planning-import-confirm",
    ),
    path("import/<uuid:job_id>/", transfer.import_preview, name="planning-import-preview"),
]
