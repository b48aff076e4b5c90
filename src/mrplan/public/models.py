"""Models of the public site: publication rules and easy-read texts."""
