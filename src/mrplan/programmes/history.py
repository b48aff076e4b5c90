"""Register the programme structure's object kinds for the shared "Historik" page."""

from mrplan.core.history import register
from mrplan.programmes import permissions
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    TargetGroup,
)

register("programme", Programme)(permissions.get_programme_history_for_user)
register("focus-area", FocusArea)(permissions.get_focus_area_history_for_user)
register("action-plan", ActionPlan)(permissions.get_action_plan_history_for_user)
register("development-area", DevelopmentArea)(permissions.get_development_area_history_for_user)
register("city-activity", CityActivity)(permissions.get_city_activity_history_for_user)
register("target-group", TargetGroup)(permissions.get_target_group_history_for_user)
