"""The JSON API at /api/v1/ (v1.py), how it reads a body (json_body.py), and
the whole account's routes (account.py), which span the account and its diary."""
