"""Every write to the planning app: the cycle, the plans and the reports."""

from mrplan.planning.actions.attachments import (
    report_attachment_add,
    report_attachment_delete,
)
from mrplan.planning.actions.compiled import compiled_text_update
from mrplan.planning.actions.cycle import (
    planning_year_create,
    reporting_period_close,
    reporting_period_create,
    reporting_period_open,
    reporting_period_update,
)
from mrplan.planning.actions.plan import (
    MilestoneInput,
    activity_create,
    activity_delete,
    activity_update,
    goal_create,
    goal_delete,
    goal_update,
    indicator_create,
    indicator_delete,
    indicator_update,
)
from mrplan.planning.actions.reports import (
    TRANSITIONS,
    ActivityUpdateInput,
    field_name,
    report_approve,
    report_create,
    report_reopen,
    report_return,
    report_sign_off,
    report_submit,
    report_update,
    report_withdraw,
)
from mrplan.planning.actions.review_queue import BulkApproval, reports_approve
from mrplan.planning.actions.sign_off import sign_off_setting_update

__all__ = [
    "TRANSITIONS",
    "ActivityUpdateInput",
    "BulkApproval",
    "MilestoneInput",
    "activity_create",
    "activity_delete",
    "activity_update",
    "compiled_text_update",
    "field_name",
    "goal_create",
    "goal_delete",
    "goal_update",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "planning_year_create",
    "report_approve",
    "report_attachment_add",
    "report_attachment_delete",
    "report_create",
    "report_reopen",
    "report_return",
    "report_sign_off",
    "report_submit",
    "report_update",
    "report_withdraw",
    "reports_approve",
    "reporting_period_close",
    "reporting_period_create",
    "reporting_period_open",
    "reporting_period_update",
    "sign_off_setting_update",
]
