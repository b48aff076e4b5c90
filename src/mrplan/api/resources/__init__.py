"""The API's endpoints, one module per resource; mounted at /api/v1/ by mrplan/api/api.py."""
