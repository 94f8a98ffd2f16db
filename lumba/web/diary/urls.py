from django.urls import path

from lumba.web.diary import views

urlpatterns = [
    path("", views.home, name="diary"),
    path("entries/new/", views.entry, name="diary-entry-new"),
    path("entries/<int:entry_id>/", views.entry, name="diary-entry"),
    path("entries/<int:entry_id>/delete/", views.delete, name="diary-entry-delete"),
    path("entries/<int:entry_id>/result/", views.result, name="diary-entry-result"),
    path("checks/save/", views.save_check, name="diary-save-check"),
    path("chart.svg", views.chart, name="diary-chart"),
    path("entries.csv", views.entries_csv, name="diary-entries-csv"),
    path("summary/", views.summary, name="diary-summary"),
    path("summary.pdf", views.summary_pdf, name="diary-summary-pdf"),
]
