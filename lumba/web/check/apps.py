from django.apps import AppConfig


class CheckConfig(AppConfig):
    name = "lumba.web.check"
    label = "lumba_check"
