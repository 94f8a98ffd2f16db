from django.urls import path

from lumba.web.check import views

urlpatterns = [
    path("", views.start, name="check-start"),
    path("region/", views.region, name="check-region"),
    path("answers/", views.answers, name="check-answers"),
    path("result/", views.result, name="check-result"),
    path("result/print/", views.result_print, name="check-result-print"),
    path("restart/", views.restart, name="check-restart"),
    path("<slug:step_id>/", views.step, name="check-step"),
]
