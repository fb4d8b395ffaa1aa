"""A small LibreTranslate- and DeepL-compatible HTTP server on 127.0.0.1, in a thread: the
one external service the machine-translation tests fake.

``service.glossary`` maps source strings to their translations (anything else comes back as
``"[ru] text"``); ``service.answer`` makes it fail: an HTTP status (403, 429, 456, 500...),
``"slow"`` (answers after ``service.delay`` seconds) or ``"garbage"`` (200 with a body that is
not JSON); ``service.stop()`` takes it down. ``service.requests`` records what it was asked."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest


class FakeTranslationService:
    def __init__(self):
        self.glossary = {}
        self.answer = None
        self.delay = 2.5
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.running = False

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        self.running = True
        return self

    def stop(self):
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False

    def translate(self, text, target):
        return self.glossary.get(text, f"[{target.lower()}] {text}")


def _handler(service):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path == "/translate":  # LibreTranslate
                request = json.loads(body)
                texts, target = request["q"], request["target"]
            else:  # DeepL
                request = parse_qs(body.decode())
                texts, target = request["text"], request["target_lang"][0]
            service.requests.append({"path": self.path, **request})
            if service.answer == "slow":
                time.sleep(service.delay)
            elif service.answer == "garbage":
                return self._send(200, b"<html>Gateway</html>", "text/html")
            elif isinstance(service.answer, int):
                error = json.dumps({"error": "refused"}).encode()
                return self._send(service.answer, error)
            translated = [service.translate(text, target) for text in texts]
            if self.path == "/translate":
                payload = {"translatedText": translated}
            else:
                payload = {"translations": [{"text": text} for text in translated]}
            return self._send(200, json.dumps(payload).encode())

        def _send(self, status, body, content_type="application/json"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def libretranslate(settings):
    """The fake service as LibreTranslate, configured as LIBRETRANSLATE_URL would, with a
    one-second timeout."""
    service = FakeTranslationService().start()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "portal.machine_translation.LibreTranslate",
        "OPTIONS": {"LIBRETRANSLATE_URL": service.url, "API_KEY": "", "TIMEOUT": 1},
    }
    yield service
    service.stop()


@pytest.fixture
def deepl(settings):
    service = FakeTranslationService().start()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "portal.machine_translation.DeepL",
        "OPTIONS": {
            "AUTH_KEY": "test-key:fx",
            "API_URL": service.url + "/v2/translate",
            "TIMEOUT": 1,
        },
    }
    yield service
    service.stop()
