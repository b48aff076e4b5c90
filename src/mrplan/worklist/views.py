"""The "Mina uppgifter" page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.worklist.selectors import worklist


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    """List what the signed-in person has to do, with due dates, across the whole app."""
    sections = worklist(request.user)
    context = {
        "sections": sections,
        "total": sum(len(section.tasks) for section in sections),
        "nav": "worklist",
        "crumbs": [(None, _("Mina uppgifter"))],
    }
    return render(request, "worklist/my_tasks.html", context)
