from django.urls import path, re_path

from lumba.web.cds_hooks import views

# At the site's root: CDS Hooks fixes the paths as {base}/cds-services and
# {base}/cds-services/{id}, without a trailing slash.
urlpatterns = [
    path("cds-services", views.discovery, name="cds-services"),
    path("cds-services/<str:service_id>", views.call, name="cds-service"),
    # Anything deeper (a feedback call: lumba keeps none) answers in JSON, not HTML.
    re_path(r"^cds-services/(?P<rest>.*)$", views.not_found),
]
