"""lumba's one settings module: everything comes from the environment.

Local runs need nothing set. With LUMBA_ENV=production lumba refuses to
start without a real secret key, with debug on, or without allowed hosts.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from platformdirs import user_data_dir

from lumba.catalogues import LOCALE_DIR, languages
from lumba.core.input_limits import MAX_BODY_BYTES
from lumba.web.serving import environment as env

BASE_DIR = Path(__file__).resolve().parent
LUMBA_ENV = env.choice("LUMBA_ENV", "local", ("local", "production", "test"))
PRODUCTION = LUMBA_ENV == "production"

DATA_DIR = Path(env.text("LUMBA_DATA_DIR") or user_data_dir("lumba"))

_PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret", "insecure", "placeholder", "xxx"}
# Locally, each installation makes its own random key in its data folder;
# production must be given one (several app servers need the same key).
SECRET_KEY = env.text("LUMBA_SECRET_KEY") or (
    "" if PRODUCTION else env.installation_secret(DATA_DIR / "secret_key")
)
DEBUG = env.boolean("LUMBA_DEBUG", default=False)

if PRODUCTION:
    problems = []
    if SECRET_KEY.lower() in _PLACEHOLDER_KEYS or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append(
            "LUMBA_SECRET_KEY (or LUMBA_SECRET_KEY_FILE) must be a real secret of 50+ characters"
        )
    if DEBUG:
        problems.append("LUMBA_DEBUG must be off in production")
    if not env.words("LUMBA_ALLOWED_HOSTS", []):
        problems.append("LUMBA_ALLOWED_HOSTS must name the host(s) lumba is served on")
    if problems:
        raise env.SettingError("refusing to start in production: " + "; ".join(problems))

ALLOWED_HOSTS = env.words("LUMBA_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.words("LUMBA_CSRF_TRUSTED_ORIGINS", [])

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'lumba.sqlite3'}"
DATABASE_URL = env.text("DATABASE_URL") or DEFAULT_DATABASE_URL
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# Read on any database, so that a bad value is refused before a move to
# PostgreSQL, not then. A worker never uses more connections than it has
# request threads (THREADS_PER_WORKER in lumba/web/serving/server.py).
DB_POOL_SIZE = env.integer("LUMBA_DB_POOL_SIZE", 8, minimum=1, maximum=256)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A worker runs up to hundreds of threads (slow clients wait in them), so
    # connections kept per thread could pass PostgreSQL's max_connections.
    # One pool per worker process bounds them; a thread waits for a free one.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_SIZE,
        "timeout": 10,
    }

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    # lumba's apps come before allauth so that their templates (the page
    # layout and form elements for allauth's pages) are the ones found.
    # lumba.web itself (label "web") holds what every feature shares: the page
    # layout, static files, template tags and the cache table's migration.
    "lumba.web",
    "lumba.web.pages",
    "lumba.web.check",
    "lumba.web.advice",
    "lumba.web.accounts",
    "lumba.web.diary",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    # First, to give every response its X-Request-ID and every log line its id.
    "lumba.web.observability.middleware.RequestObservation",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, with the policy built once (lumba/web/middleware/csp.py).
    "lumba.web.middleware.csp.CSPMiddleware",
    "lumba.web.middleware.json_bodies.JSONBodiesOnly",
    "lumba.web.middleware.body_limit.BodyLimit",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the user is known: ?lang= and the profile's language (lumba/web/visitor/language.py).
    "lumba.web.visitor.language.LanguageChoiceMiddleware",
    "lumba.web.middleware.private_pages.PrivatePagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The same body limit everywhere (lumba.web.middleware.body_limit answers 413 first);
# Django's own is set to match so that no path is looser.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

ROOT_URLCONF = "lumba.web.urls"
WSGI_APPLICATION = "lumba.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lumba.web.visitor.context.lumba",
            ],
        },
    }
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): sign in with an email address and a password.
# lumba stays usable without an account. Confirming the email address is
# optional by default so a person can start at once; LUMBA_EMAIL_VERIFICATION
# =mandatory makes it a condition of signing in. allauth's own rate limits
# (failed logins, sign-ups, password resets) are on.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.choice(
    "LUMBA_EMAIL_VERIFICATION", "optional", ("none", "optional", "mandatory")
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "lumba: "
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/diary/"
# Two-factor sign-in, for a person who turns it on: an authenticator app
# (TOTP) with recovery codes, or a security key or passkey (WebAuthn).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "lumba"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION  # http://localhost while developing

# Email: written to the console unless an SMTP host is set.
EMAIL_HOST = env.text("LUMBA_SMTP_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env.integer("LUMBA_SMTP_PORT", 587)
EMAIL_HOST_USER = env.text("LUMBA_SMTP_USER")
EMAIL_HOST_PASSWORD = env.text("LUMBA_SMTP_PASSWORD")
EMAIL_USE_TLS = env.boolean("LUMBA_SMTP_TLS", default=True)
DEFAULT_FROM_EMAIL = env.text("LUMBA_EMAIL_FROM", "lumba <no-reply@localhost>")

# Languages: the interface text is translated with gettext (lumba/locale, shared
# with the terminal; lumba/catalogues.py compiles it); the
# advice content carries its own languages. Adding a language is data only.
LANGUAGE_CODE = "en"
LOCALE_PATHS = [LOCALE_DIR]


def _languages() -> list[tuple[str, str]]:
    """English, plus every language with a compiled catalogue, each named in itself."""
    from django.conf.locale import LANG_INFO

    found = []
    for language in languages():
        code = language.lower()
        found.append((code, LANG_INFO.get(code, {}).get("name_local", language)))
    return found


LANGUAGES = _languages()
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
# `lumba serve` collects the static files into the data folder before serving
# (it sets LUMBA_STATIC_COLLECTED): names carry a hash of the content, so
# browsers keep them for a year, and gzip and brotli copies are made once, not
# per request. Elsewhere (tests, runserver) WhiteNoise serves the app folders
# as they are, so an edited file shows at once and nothing needs collecting.
STATIC_COLLECTED = env.boolean("LUMBA_STATIC_COLLECTED", default=False)
STATIC_ROOT = DATA_DIR / "static" if STATIC_COLLECTED else None
if STATIC_COLLECTED:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "lumba.web.serving.static_storage.StaticStorage"},
    }
    from whitenoise.compress import Compressor

    # The API docs' source maps (5 MB) are for developers' tools only: not
    # worth seconds of compression.
    WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
    # Pages link only the hashed names; the plain copies would be compressed
    # for nothing.
    WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600  # names without a hash; hashed ones are cached for good

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security headers, on everywhere; HTTPS-only settings in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.boolean("LUMBA_SSL_REDIRECT", default=True)
    # A load balancer checks health over plain HTTP: answer it, not a redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.boolean("LUMBA_HSTS_PRELOAD", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy: everything from lumba itself, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs: one JSON object per line on standard error, each with the request's
# id (also sent as X-Request-ID). They never carry bodies, answers, query
# strings, cookies, email addresses, IP addresses or exception messages;
# paths appear only as route patterns. docs/operations.md lists the fields.
LUMBA_LOG_LEVEL = env.choice("LUMBA_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
# One line per request (method, route, status, duration, id): on by default,
# as an operator expects an access log; LUMBA_ACCESS_LOG=false turns it off.
LUMBA_ACCESS_LOG = env.boolean("LUMBA_ACCESS_LOG", default=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "lumba.web.observability.logs.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "lumba": {"level": LUMBA_LOG_LEVEL},
        # Django's own handlers print plain text: its lines go through the
        # JSON handler instead. Never below WARNING: SQL would carry values.
        "django": {"handlers": [], "level": "WARNING"},
        # 4xx lines repeat the access log; 5xx come with their tracebacks.
        "django.request": {"level": "ERROR"},
    },
}

# /metrics (Prometheus) answers only a bearer of this token; without one it
# is 404. lumba.web.observability.metrics says how workers' counts add up.
LUMBA_METRICS_TOKEN = env.text("LUMBA_METRICS_TOKEN")
if LUMBA_METRICS_TOKEN and len(LUMBA_METRICS_TOKEN) < 16:
    raise env.SettingError("LUMBA_METRICS_TOKEN must be 16+ characters (or unset: no metrics)")
METRICS_DIR = Path(env.text("PROMETHEUS_MULTIPROC_DIR") or DATA_DIR / "metrics")
if PRODUCTION:
    # Prometheus scrapes app servers directly, on the private network.
    SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^metrics$"]

# allauth counts failed logins, sign-ups and password resets in the cache.
# The database holds it, shared by every worker process and app server (a
# per-process cache would let each worker count on its own) and needing no
# new service. The table is made by lumba/web/migrations/0001_cache_table.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lumba_cache",
        # Culling drops counters: keep room for many addresses under attack.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
        "KEY_FUNCTION": "lumba.web.serving.shared_cache.hashed_key",  # no IP address stored
    },
    # Rendered result fragments: the same in every process, so each keeps its
    # own in memory rather than asking the database on every result page.
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Behind a reverse proxy every visitor would share the proxy's address, and
# so one per-address limit: with the number of proxies in front of lumba
# (1 for the compose recipe's nginx) allauth reads the visitor's address from
# X-Forwarded-For. Never more than there are, or a client could choose its own.
ALLAUTH_TRUSTED_PROXY_COUNT = env.integer("LUMBA_TRUSTED_PROXY_COUNT", 0)
