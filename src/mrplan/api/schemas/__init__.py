"""What the API sends and accepts, one module per part of the domain.

Ids are database primary keys: stable integers. Related rows are read through `.all()`
so that the querysets' prefetches are used and every endpoint costs a fixed number of
queries. The class names are the schema names in the OpenAPI document: keep them.
"""
