"""What planning tells the apps above it, so that it never imports them.

Sent synchronously inside the action's transaction: a receiver that raises undoes the
action. Receivers connect in their AppConfig.ready (knowledge fills indicators from
measures; public publishes and withdraws approved reports).
"""

from django.dispatch import Signal

# A new report has been written and pre-filled. Arguments: report, actor.
report_created = Signal()
# A report was approved (and its snapshot taken). Arguments: report, actor.
report_approved = Signal()
# An approved report was reopened. Arguments: report, actor.
report_reopened = Signal()
