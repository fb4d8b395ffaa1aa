"""Machine-translated first drafts: one service, one setting, one way to fail.

``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` is set in ``portal/settings/base.py`` from
``LIBRETRANSLATE_URL`` (a self-hosted LibreTranslate, preferred) or ``DEEPL_API_KEY``; without
either it is unset, and neither wagtail-localize's "Translate with ..." button nor the member
area's machine draft is offered.

The translators are wagtail-localize's own, with every failure of the service (unreachable,
too slow, quota or rate limit, refused key, an answer that is not a translation) turned into a
``MachineTranslationError`` whose message says what happened, in the reader's language:

* wagtail-localize's views let exceptions through, so ``MachineTranslationErrorMiddleware``
  shows the message and goes back where the editor was; the views that apply machine
  translations write in one transaction after the service has answered, so a failure leaves
  every translation as it was;
* the member area calls ``translate_texts`` and shows the message on its form.
"""

from contextlib import contextmanager

import requests
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.libretranslate import LibreTranslator
from wagtail_localize.strings import StringValue

NOT_CONFIGURED = _("Machine translation is not set up on this portal.")
UNREACHABLE = _(
    "The machine translation service cannot be reached. Nothing was changed: try again later "
    "or translate by hand."
)
TOO_SLOW = _(
    "The machine translation service did not answer within %(seconds)s seconds. Nothing was "
    "changed: try again later or translate by hand."
)
QUOTA = _(
    "The machine translation service refuses more requests for now (its quota or rate limit "
    "is reached). Nothing was changed: try again later or translate by hand."
)
REFUSED_KEY = _(
    "The machine translation service refused the portal's key. Nothing was changed. Ask the "
    "administrator to check LIBRETRANSLATE_API_KEY or DEEPL_API_KEY."
)
FAILED = _(
    "The machine translation service could not translate this (it answered %(status)s). "
    "Nothing was changed: try again later or translate by hand."
)
UNEXPECTED = _(
    "The machine translation service gave an answer the portal does not understand. Nothing "
    "was changed: translate by hand, and tell the administrator."
)

QUOTA_STATUSES = {429, 456}  # 456: DeepL's "quota exceeded"
KEY_STATUSES = {401, 403}


class MachineTranslationError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@contextmanager
def service_errors(timeout):
    """Turn what can go wrong with the service's HTTP API into a ``MachineTranslationError``."""
    try:
        yield
    except requests.Timeout as error:
        raise MachineTranslationError(TOO_SLOW % {"seconds": timeout}) from error
    except requests.ConnectionError as error:
        raise MachineTranslationError(UNREACHABLE) from error
    except requests.HTTPError as error:
        status = error.response.status_code
        if status in QUOTA_STATUSES:
            raise MachineTranslationError(QUOTA) from error
        if status in KEY_STATUSES:
            raise MachineTranslationError(REFUSED_KEY) from error
        raise MachineTranslationError(FAILED % {"status": status}) from error
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        # A JSON body that is not one, or not the translations asked for.
        raise MachineTranslationError(UNEXPECTED) from error


class LibreTranslate(LibreTranslator):
    """LibreTranslate's ``/translate`` API (https://libretranslate.com/docs/)."""

    def translate(self, source_locale, target_locale, strings):
        with service_errors(self.get_timeout()):
            return super().translate(source_locale, target_locale, list(strings))


class DeepL(DeepLTranslator):
    """DeepL's API. ``API_URL`` may point at a proxy (or a test's server)."""

    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        timeout = int(self.options.get("TIMEOUT", 5))
        with service_errors(timeout):
            response = requests.post(
                self.get_api_endpoint(),
                self.get_parameters(source_locale, target_locale, strings),
                timeout=timeout,
                headers=self.get_headers(),
            )
            response.raise_for_status()
            translations = response.json()["translations"]
            return {
                string: StringValue(translation["text"])
                for string, translation in zip(strings, translations, strict=True)
            }


def is_available():
    return get_machine_translator() is not None


def translate_texts(source_language, target_language, texts):
    """``texts`` (plain text, line breaks kept) translated from one language into the other,
    in the same order; empty texts stay empty. Raises ``MachineTranslationError``."""
    translator = get_machine_translator()
    if translator is None:
        raise MachineTranslationError(NOT_CONFIGURED)
    source, target = Locale(language_code=source_language), Locale(language_code=target_language)
    values = {text: StringValue.from_plaintext(text) for text in texts if text.strip()}
    if not values:
        return list(texts)
    translated = translator.translate(source, target, list(dict.fromkeys(values.values())))
    with service_errors(None):
        return [
            translated[values[text]].render_text() if text in values else text for text in texts
        ]


class MachineTranslationErrorMiddleware:
    """Shows a failure of the machine translation service on the page the editor came from
    (wagtail-localize's "Translate with ..." and "Sync translated pages"), instead of an error
    page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MachineTranslationError):
            return None
        messages.error(request, str(exception.message))
        return redirect(get_valid_next_url_from_request(request) or request.get_full_path())
