"""The "Mina uppgifter" page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.accounts.reader_cache import cached_body
from mrplan.worklist.selectors import worklist


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    """List what the signed-in person has to do, with due dates, across the whole app."""

    def render_body() -> str:
        sections = worklist(request.user)
        context = {
            "sections": sections,
            "total": sum(len(section.tasks) for section in sections),
        }
        return render_to_string("worklist/my_tasks_body.html", context, request)

    context = {
        # The same for the reader until something changes: cached (accounts/reader_cache.py).
        "body": cached_body(request, "worklist", render_body),
        "nav": "worklist",
        "crumbs": [(None, _("Mina uppgifter"))],
    }
    return render(request, "worklist/my_tasks.html", context)
