from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "lumba.web.diary"
    label = "lumba_diary"
    default_auto_field = "django.db.models.BigAutoField"
