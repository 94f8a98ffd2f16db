from django.urls import include, path, re_path

from lumba.web.api.v1 import api, not_found
from lumba.web.observability import views as observability

urlpatterns = [
    path("", include("lumba.web.pages.urls")),
    path("metrics", observability.metrics, name="metrics"),
    path("check/", include("lumba.web.check.urls")),
    path("advice/", include("lumba.web.advice.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", not_found),
    path("accounts/", include("lumba.web.accounts.urls")),
    path("diary/", include("lumba.web.diary.urls")),
    path("fhir/", include("lumba.web.fhir.urls")),
    path("", include("lumba.web.cds_hooks.urls")),
]
