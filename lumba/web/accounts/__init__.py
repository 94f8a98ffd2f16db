"""Accounts: sign-up, log-in and the rest come from django-allauth; this
folder adds the person's profile (due date, region, history) and the
layout allauth's pages are shown in."""
