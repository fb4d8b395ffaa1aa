"""Settings shared by every environment. The environment is read here, once."""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, ""),
    DEFAULT_FROM_EMAIL=(str, "Sild <sild@example.org>"),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    NEWSLETTER_RATE_PER_SECOND=(float, 10.0),
    NEWSLETTER_LEASE_SECONDS=(int, 60),
    NEWSLETTER_POSTAL_ADDRESS=(str, "Sild, Tallinn, Estonia"),
    TASKS_BACKEND=(str, "database"),
    EMAIL_BACKEND=(str, ""),
    EMAIL_TIMEOUT=(int, 10),
    TRUSTED_PROXY_COUNT=(int, 0),
    CONSULTATION_RETENTION_DAYS=(int, 730),
    ADMIN_REQUIRE_MFA=(bool, False),
    LIBRETRANSLATE_URL=(str, ""),
    LIBRETRANSLATE_API_KEY=(str, ""),
    DEEPL_API_KEY=(str, ""),
    MACHINE_TRANSLATION_TIMEOUT=(int, 5),
    PAGE_CACHE_SECONDS=(int, 300),
)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Project apps come first so that their templates override third-party ones.
    "portal",
    "home",
    "directory",
    "calls",
    "events",
    "bulletins",
    "consultations",
    "impact",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.NulFreeQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them) and before CommonMiddleware
    # (whose slash redirects must already see the language prefix).
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous pages from the cache: after everything whose output it reads (the language,
    # the CSRF cookie, messages), before everything a page needs no longer once stored.
    "portal.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.AdminTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.machine_translation.MachineTranslationErrorMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # Last: on pages being stored, the CSRF token is a placeholder.
                "portal.page_cache.csrf",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep server connections open between requests (a new PostgreSQL connection costs more than
# most of Sild's views); health checks drop a connection the server has closed.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sild",
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

# Anonymous pages are kept this long at most in the cache above (portal.page_cache); 0: off.
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
if env("TASKS_BACKEND") == "rq":
    # Workers on several machines share one queue in Redis:
    # `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job default`.
    if not REDIS_URL:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif env("TASKS_BACKEND") == "immediate":
    # For one-off commands run before any worker is up (seed_demo, a first import): their
    # tasks (search and reference index updates) run inside the command itself.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: Russian is the default language of the network's bulletin.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("et", "Eesti"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Sild's own catalogues, then the Estonian that Wagtail and the other apps of the admin lack
# (without it Django shows those strings in Russian, the default language; see
# portal/admin_catalogue.py).
# LOCALE_PATHS win over the apps' catalogues, the first entry over the second, and the admin's
# JavaScript catalogues read them too. The second one is not called "locale" and lies outside
# BASE_DIR / "locale", so `make messages` (makemessages) never rewrites it.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "portal" / "admin_locale"]
TIME_ZONE = "Europe/Tallinn"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_URL = env("EMAIL_URL")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
if env("EMAIL_BACKEND"):
    # An e-mail service through django-anymail, e.g. anymail.backends.mailgun.EmailBackend,
    # with its settings in ANYMAIL_* variables (ANYMAIL_MAILGUN_API_KEY=...).
    EMAIL_BACKEND = env("EMAIL_BACKEND")
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in env.ENVIRON.items()
    if name.startswith("ANYMAIL_")
}
# django-environ's EMAIL_URL options do not set a timeout: without one, a server that accepts
# the connection and never answers would hold a task worker forever.
EMAIL_TIMEOUT = env("EMAIL_TIMEOUT")
# portal.mail: a message that met temporary failures is tried this many times in all, with
# delays doubling from 30 seconds (about 15 minutes for the last).
EMAIL_SEND_ATTEMPTS = 6
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NEWSLETTER_RATE_PER_SECOND = env("NEWSLETTER_RATE_PER_SECOND")
NEWSLETTER_LEASE_SECONDS = env("NEWSLETTER_LEASE_SECONDS")
# Deliveries one send task claims, sends over one SMTP connection and commits one by one.
NEWSLETTER_BATCH_SIZE = 200
# A temporary refusal (4xx) is tried again after this many seconds, doubling each time, up to
# EMAIL_SEND_ATTEMPTS attempts; this many permanent refusals (5xx) mark the address bounced.
NEWSLETTER_RETRY_SECONDS = 60
NEWSLETTER_HARD_BOUNCES = 3
# Printed at the foot of every bulletin, with the reason the reader gets it.
NEWSLETTER_POSTAL_ADDRESS = env("NEWSLETTER_POSTAL_ADDRESS")

# Proxies in front of the site whose X-Forwarded-For entries are trusted (portal.ratelimit).
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Public forms (portal.ratelimit): so many uses per period, per client address and per subject.
RATE_LIMITS = {
    "contact": {"ip": "5/h", "sender": "3/h", "organisation": "10/d"},
    "follow": {"ip": "20/h", "recipient": "5/d"},
    "subscribe": {"ip": "10/h", "recipient": "3/d"},
    # Test sends of a bulletin from the admin, per editor and per address.
    "bulletin_test": {"ip": "30/h", "recipient": "10/h"},
    # Every form of the member area (directory.my), then the actions with their own limits.
    "member": {"ip": "300/h", "user": "120/h"},
    "organisation_new": {"ip": "20/d", "user": "5/d"},
    "join_request": {"user": "10/d"},
    "profile_edit": {"organisation": "200/d"},
    "news": {"organisation": "20/d"},
    "project": {"organisation": "20/d"},
    "consultation": {"ip": "5/h", "email": "3/d"},
    # Machine-translated drafts of a profile version (the service may count requests).
    "machine_draft": {"organisation": "10/d"},
    "survey": {"ip": "10/h"},
}
# Consultation requests are anonymised this many days after they arrived (consultations).
CONSULTATION_RETENTION_DAYS = env("CONSULTATION_RETENTION_DAYS")

# allauth: e-mail is the login, and it must be confirmed before the first sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# A reset asked for an unknown address sends nothing (no mail bombing through the form).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
# No page tells whether an address has an account (allauth's default, said out loud).
ACCOUNT_PREVENT_ENUMERATION = True
# Sign in with a one-time code sent by e-mail, as well as with the password.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Changing the e-mail address (and deleting the account, directory.my) asks for the password
# again when it was last given more than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds ago.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Two-factor authentication (TOTP apps and recovery codes) for anyone who turns it on; with
# ADMIN_REQUIRE_MFA the admin requires it (portal.middleware.AdminTwoFactorMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sild"
ADMIN_REQUIRE_MFA = env("ADMIN_REQUIRE_MFA")
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# Wagtail
WAGTAIL_SITE_NAME = "Sild"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
# The admin signs in through allauth, with its rate limits; Wagtail's own reset is off.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always streamed through Wagtail's view, which checks the privacy of their
# collection; never a redirect to the file's URL (Wagtail's default with remote storage).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# No SVG: an SVG is a document that can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Avatars from Gravatar would leak editors' address hashes and cannot load offline; nor does the
# admin ask wagtail.io whether a new release exists.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Logos uploaded by organisation members (directory.my.uploads).
MEMBER_LOGO_MAX_BYTES = 2 * 1024 * 1024
MEMBER_LOGO_MAX_PIXELS = 4_000_000
# Machine-translated first drafts (portal.machine_translation): a self-hosted LibreTranslate
# when LIBRETRANSLATE_URL is set, else DeepL when DEEPL_API_KEY is; neither: no machine drafts.
MACHINE_TRANSLATION_TIMEOUT = env("MACHINE_TRANSLATION_TIMEOUT")
if env("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "portal.machine_translation.LibreTranslate",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL").rstrip("/"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY"),
            "TIMEOUT": MACHINE_TRANSLATION_TIMEOUT,
        },
    }
elif env("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "portal.machine_translation.DeepL",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_API_KEY"), "TIMEOUT": MACHINE_TRANSLATION_TIMEOUT},
    }
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (django-csp). Every asset ships with the site: nothing from elsewhere,
# no inline script. The JSON-LD of profiles is data, which no script policy concerns; the
# standalone 500 page styles itself with a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "style-src": [SELF, NONCE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# The Wagtail admin (/admin/) needs more: Wagtail's date widgets and wagtail-localize's editor
# are inline scripts, its components set inline styles, its icons and image previews use data:
# and blob: URLs, and its preview panel frames pages of the admin.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# The admin would otherwise ask gravatar.com for avatars and releases.wagtail.org for updates:
# no request leaves for another site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
