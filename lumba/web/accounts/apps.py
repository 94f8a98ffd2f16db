from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lumba.web.accounts"
    label = "lumba_accounts"
    default_auto_field = "django.db.models.BigAutoField"
