from django.urls import include, path, re_path

from lumba.web import api_guard
from lumba.web.api import api
from lumba.web.observability import views as observability
from lumba.web.views import advice, check, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("metrics", observability.metrics, name="metrics"),
    path("region/", pages.set_region, name="set-region"),
    path("check/", check.start, name="check-start"),
    path("check/region/", check.region, name="check-region"),
    path("check/answers/", check.answers, name="check-answers"),
    path("check/result/", check.result, name="check-result"),
    path("check/result/print/", check.result_print, name="check-result-print"),
    path("check/restart/", check.restart, name="check-restart"),
    path("check/<slug:step_id>/", check.step, name="check-step"),
    path("advice/", advice.library, name="advice"),
    path("advice/myths/", advice.myths, name="advice-myths"),
    path("advice/<slug:card_id>/", advice.card, name="advice-card"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_guard.not_found),
    path("accounts/", include("lumba.web.accounts.urls")),
    path("diary/", include("lumba.web.diary.urls")),
    path("fhir/", include("lumba.web.fhir.urls")),
    path("", include("lumba.web.cds_hooks.urls")),
]
