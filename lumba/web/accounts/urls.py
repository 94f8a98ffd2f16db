from django.urls import include, path

from lumba.web.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("tokens/", views.tokens, name="tokens"),
    path("delete/", views.delete_account, name="account-delete"),
    path("", include("allauth.urls")),
]
