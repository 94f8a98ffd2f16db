from django.urls import path

from lumba.web.advice import views

urlpatterns = [
    path("", views.library, name="advice"),
    path("myths/", views.myths, name="advice-myths"),
    path("<slug:card_id>/", views.card, name="advice-card"),
]
