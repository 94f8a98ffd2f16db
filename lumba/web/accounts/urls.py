from django.urls import include, path

from lumba.web.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("", include("allauth.urls")),
]
