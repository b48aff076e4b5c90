"""Register the knowledge base's object kinds for the shared "Historik" page."""

from mrplan.core.history import register
from mrplan.knowledge import permissions
from mrplan.knowledge.models import Dataset, QualitativeRecord

register("dataset", Dataset)(permissions.get_dataset_history_for_user)
register("qualitative-record", QualitativeRecord)(permissions.get_record_history_for_user)
