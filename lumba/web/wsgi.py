"""WSGI entry point for lumba's web app."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")
application = get_wsgi_application()
