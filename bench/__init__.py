"""`make bench`: the city-scale benchmark of issue 14 (docs/performance.md)."""
