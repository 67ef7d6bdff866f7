"""raqib (رقيب): streaming ingestion, enrichment, search and alerting for Arabic news."""

__version__ = "0.1.0"
