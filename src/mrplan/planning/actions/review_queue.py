"""Approve several submitted reports at once from the coordinator's review queue."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from mrplan.accounts.models import User
from mrplan.planning.actions.reports import report_approve
from mrplan.planning.models import Report
from mrplan.planning.permissions import check_review


@dataclass
class BulkApproval:
    approved: list[Report] = field(default_factory=list)
    # Reports that could not be approved, each with the Swedish reason.
    refused: list[tuple[Report, str]] = field(default_factory=list)


def reports_approve(*, actor: User, reports: Iterable[Report]) -> BulkApproval:
    """Approve each report through report_approve, each in its own transaction.

    A report someone else reviewed meanwhile (or that cannot be approved for another
    reason) is listed with the reason; the others are still approved, snapshotted,
    published and announced, exactly as when approved one by one.
    """
    check_review(actor)
    result = BulkApproval()
    for report in reports:
        try:
            result.approved.append(report_approve(actor=actor, report=report))
        except ValidationError as error:
            result.refused.append((report, " ".join(error.messages)))
    return result
