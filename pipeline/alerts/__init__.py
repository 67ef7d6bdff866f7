"""Alerts: rules (percolator queries), novelty of statements, and delivery to channels."""
