"""Knowledge pages: datasets and imports, analysis, evidence links."""
