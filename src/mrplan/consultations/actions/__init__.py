"""Consultation actions; importing the package registers the four status tables.

CONSULTATION_MOVES and RECIPIENT_MOVES (consultations.py), CASE_MOVES (cases.py) and
STATEMENT_MOVES (statements.py): every status change is a named move in one of them.
"""

from mrplan.consultations.actions import cases, consultations, statements

__all__ = ["cases", "consultations", "statements"]
