"""The planning pages: the cycle, an organisation's plan, its reports."""
