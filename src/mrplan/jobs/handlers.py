"""Handlers of the jobs users start: each parses or builds in the worker, within limits."""
