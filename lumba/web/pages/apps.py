from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "lumba.web.pages"
    label = "lumba_pages"
