"""The advice library (placeholder until the library pages land)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def library(request: HttpRequest) -> HttpResponse:
    return render(request, "lumba/home.html")


def myths(request: HttpRequest) -> HttpResponse:
    return render(request, "lumba/home.html")


def card(request: HttpRequest, card_id: str) -> HttpResponse:
    return render(request, "lumba/home.html")
