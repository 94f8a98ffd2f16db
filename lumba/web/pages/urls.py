from django.urls import path

from lumba.web.observability import views as observability
from lumba.web.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", observability.healthz, name="healthz"),
    path("region/", views.set_region, name="set-region"),
]
