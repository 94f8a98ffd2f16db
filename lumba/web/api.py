"""The JSON API (placeholder until the API lands)."""

from ninja import NinjaAPI

api = NinjaAPI(title="lumba API", version="1", urls_namespace="api-v1")
