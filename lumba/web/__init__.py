"""The lumba web app (Django): the check, the result, the advice library and the JSON API."""
