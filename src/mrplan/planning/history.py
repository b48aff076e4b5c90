"""Register the plan's object kinds for the shared "Historik" page."""

from mrplan.core.history import register
from mrplan.planning import permissions
from mrplan.planning.models import Activity, Goal, Indicator, Report, ReportingPeriod

register("goal", Goal)(permissions.get_goal_history_for_user)
register("activity", Activity)(permissions.get_activity_history_for_user)
register("indicator", Indicator)(permissions.get_indicator_history_for_user)
register("report", Report)(permissions.get_report_history_for_user)
register("reporting-period", ReportingPeriod)(permissions.get_period_history_for_user)
