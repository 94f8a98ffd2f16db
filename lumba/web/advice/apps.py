from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "lumba.web.advice"
    label = "lumba_advice"
