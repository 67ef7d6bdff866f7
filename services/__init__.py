"""Maven poms and the OpenSearch launcher behind ``raqib services``, shipped as package data."""
