"""Statements (tjänsteutlåtanden): attestation, comparison, documents, forms, history,
selectors and their fixed texts."""
