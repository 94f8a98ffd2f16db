from django.urls import include, path

from lumba.web.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("tokens/", views.tokens, name="tokens"),
    path("", include("allauth.urls")),
]
