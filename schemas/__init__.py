"""Reviewable JSON shipped with raqib as package data (found with ``pipeline.resources.shipped``).

``*.schema.json``: the Kafka messages' JSON Schemas (``raqib schemas write``); ``index/``: the search
engine's index templates; ``kibana/``: Kibana 8 saved objects (``raqib kibana import``).
"""
