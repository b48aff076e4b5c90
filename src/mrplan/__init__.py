"""mrplan: plan, carry out and follow up a city's human-rights programme."""
