from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lumba.web.accounts"
    label = "lumba_accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from allauth.account.signals import password_changed, password_reset, password_set
        from django.contrib.auth.models import User

        from lumba.web.accounts.tokens import revoke_all

        def end_tokens(sender: object, request: object, user: User, **kwargs: object) -> None:
            revoke_all(user)

        for signal in (password_changed, password_reset, password_set):
            signal.connect(end_tokens, dispatch_uid=f"lumba-tokens-{signal}", weak=False)
