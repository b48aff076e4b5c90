"""History registration for statements."""
