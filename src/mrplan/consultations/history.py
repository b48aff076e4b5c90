"""History registration for consultations, cases and decisions."""
