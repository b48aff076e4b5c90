"""The tasks the worker runs (`mrplan worker`)."""

from django_tasks import task

from mrplan.jobs import mail, runner


@task()
def deliver_email(outbox_id: int) -> str:
    """Deliver one message from the outbox."""
    return mail.deliver(outbox_id)


@task()
def run_job(job_id: str) -> str:
    """Run one user-started job (import, compiled document), then tidy up old ones."""
    outcome = runner.run(job_id)
    runner.prune()
    return outcome


@task()
def send_reminders(date: str | None = None) -> str:
    """Send the daily report reminders (as of DATE, YYYY-MM-DD, or today)."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_reminders", *(["--date", date] if date else []), stdout=out)
    return out.getvalue()[-2000:]
