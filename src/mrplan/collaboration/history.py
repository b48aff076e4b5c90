"""Register the collaboration objects for the shared "Historik" page."""

from mrplan.collaboration import permissions
from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    Material,
    Partner,
    TrainingOffer,
    TrainingSession,
)
from mrplan.core.history import register

register("partner", Partner)(permissions.get_partner_history)
register("contact-person", ContactPerson)(permissions.get_contact_history)
register("collaboration", Collaboration)(permissions.get_collaboration_history)
register("dialogue", Dialogue)(permissions.get_dialogue_history)
register("material", Material)(permissions.get_material_history)
register("training-offer", TrainingOffer)(permissions.get_offer_history)
register("training-session", TrainingSession)(permissions.get_session_history)
