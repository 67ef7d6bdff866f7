"""Search engine side of raqib: client, index templates, queries (OpenSearch 2 or Elasticsearch 8)."""
