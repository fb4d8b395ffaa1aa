"""A bulletin as an e-mail, rendered once per language; only the token links differ per reader.

``render_bulletin(page, language)`` renders the subject, the HTML part (table layout, CSS
inlined with css-inline, absolute links and images) and the plain-text part of one language's
version, with a marker where each reader's own links (unsubscribe, preferences) go.
``BulletinMail`` then builds the MIME message once; for each reader it swaps the markers for
that reader's links and adds the To, Date, Message-ID and List-Unsubscribe headers, without
rendering anything again. Building a Django ``EmailMessage`` per reader costs several times
more than sending it, so the SMTP path writes the bytes itself; other backends (an e-mail
service through django-anymail, files in development) get an ordinary ``EmailMultiAlternatives``
made from the same rendering.

There are no tracking pixels and no per-person click tracking: the only per-reader parts are
the two token links.
"""

import html
import re
import secrets
import textwrap
from base64 import encodebytes
from dataclasses import dataclass
from email.header import Header
from email.utils import formatdate, parseaddr
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from .models import BulletinPage
from .tokens import PREFERENCES, UNSUBSCRIBE, URL_NAMES, make_token

MAIN_LANGUAGE = "ru"
LINKS = {"unsubscribe": UNSUBSCRIBE, "preferences": PREFERENCES}
# RFC 5322 allows 998 bytes a line; long lines are folded well before that.
FOLD_AT = 240
MAX_LINE_BYTES = 998

_inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def mail_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def language_versions(page, *, live=True):
    """The versions of ``page`` by language code (only live ones unless ``live`` is False)."""
    versions = BulletinPage.objects.filter(translation_key=page.translation_key).select_related(
        "locale"
    )
    if live:
        versions = versions.live()
    return {version.locale.language_code: version for version in versions}


def version_for(page, language, versions=None):
    """The version a reader of ``language`` gets: theirs, else the Russian one, else ``page``."""
    versions = language_versions(page) if versions is None else versions
    return versions.get(language) or versions.get(MAIN_LANGUAGE) or page


@dataclass(frozen=True)
class RenderedBulletin:
    page: BulletinPage
    language: str
    subject: str
    html: str
    text: str
    # link name ("unsubscribe", "preferences") -> the marker standing for it in html and text
    markers: dict

    def with_links(self, links):
        """The HTML and the text with each marker replaced by the reader's link."""
        html_part, text_part = self.html, self.text
        for name, marker in self.markers.items():
            html_part = html_part.replace(marker, html.escape(links[name]))
            text_part = text_part.replace(marker, links[name])
        return html_part, text_part


def render_bulletin(page, language=None, *, draft=False):
    """Render ``page`` (already the language version to send) for ``language`` readers.

    ``draft`` renders the latest revision (previews and test sends before publishing)."""
    if draft:
        page = page.get_latest_revision_as_object()
    language = language or page.locale.language_code
    # A nonce per rendering: text an editor typed can never be taken for a marker.
    nonce = secrets.token_hex(8)
    markers = {name: f"https://sild-link-{nonce}.invalid/{name}" for name in LINKS}
    with translation.override(language):
        context = {
            "page": page,
            "language": language,
            "base_url": base_url(),
            "web_url": page.get_full_url() or base_url(),
            "postal_address": settings.NEWSLETTER_POSTAL_ADDRESS,
            "unsubscribe_url": markers["unsubscribe"],
            "preferences_url": markers["preferences"],
        }
        subject = page.title
        html_sections = [_render_block(block, context, "html") for block in page.body]
        text_sections = [_render_block(block, context, "txt") for block in page.body]
        html_part = render_to_string(
            "bulletins/email/bulletin.html",
            {**context, "subject": subject, "sections": html_sections},
        )
        text_part = render_to_string(
            "bulletins/email/bulletin.txt",
            {**context, "subject": subject, "sections": text_sections},
        )
    html_part = _fold_html(_absolute_links(_inliner.inline(html_part)))
    text_part = _wrap_text(text_part)
    return RenderedBulletin(
        page=page,
        language=language,
        subject=" ".join(subject.split()),
        html=html_part,
        text=text_part,
        markers=markers,
    )


def _render_block(block, context, suffix):
    """A body block in its e-mail template (``bulletins/email/blocks/<type>.html|.txt``), or,
    for a block that has none, its web rendering (as text, for the plain part)."""
    block_context = {**context, "value": block.value, "block_type": block.block_type}
    try:
        template = get_template(f"bulletins/email/blocks/{block.block_type}.{suffix}")
    except TemplateDoesNotExist:
        web = block.render(block_context)
        return web if suffix == "html" else html_to_text(web)
    return template.render(block_context)


_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|ul|ol|table|tr|blockquote)>|<br\s*/?>", re.I)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.I)
_LINK = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.I | re.S)


def html_to_text(fragment):
    """Plain text of an HTML fragment: paragraphs on their own lines, links as "text <url>"."""

    def link(match):
        url, label = match.group(1), strip_tags(match.group(2)).strip()
        if url.startswith("/"):
            url = base_url() + url
        # Angle brackets only after the tags are gone (stripping would take "<url>" too).
        return f"{label} \x02{url}\x03" if label and label != url else url

    text = _LINK.sub(link, fragment)
    text = _LIST_ITEM.sub("- ", text)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(strip_tags(text)).replace("\x02", "<").replace("\x03", ">")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_DOTS = re.compile(rb"^\.", re.M)
_RELATIVE = re.compile(r"""(\s(?:href|src)=)(["'])/(?!/)""", re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)


def _absolute_links(document):
    """Links and images pointing at this site (``/ru/...``) made absolute; images without a
    text alternative get an empty one (decorative) rather than none."""
    document = _RELATIVE.sub(lambda match: f"{match[1]}{match[2]}{base_url()}/", document)
    return _IMG.sub(
        lambda match: match[0] if " alt=" in match[0] else match[0][:-1].rstrip("/ ") + ' alt="">',
        document,
    )


def _fold_html(document):
    """Lines of at most FOLD_AT characters, broken only at spaces outside quoted attribute
    values (where a line break means the same as a space)."""
    return "\n".join(_fold_line(line) for line in document.splitlines())


def _fold_line(line):
    if len(line) <= FOLD_AT:
        return line
    pieces, start, last_space = [], 0, None
    in_tag, quote_char = False, None
    for index, char in enumerate(line):
        if quote_char:
            if char == quote_char:
                quote_char = None
        elif in_tag and char in "\"'":
            quote_char = char
        elif char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        elif char == " ":
            last_space = index
        if index - start >= FOLD_AT and last_space is not None and last_space > start:
            pieces.append(line[start:last_space])
            start, last_space = last_space + 1, None
    pieces.append(line[start:])
    return "\n".join(pieces)


def _wrap_text(text):
    lines = []
    for line in text.splitlines():
        if len(line) <= 76:
            lines.append(line)
        else:
            lines.extend(
                textwrap.wrap(line, 76, break_long_words=False, break_on_hyphens=False) or [""]
            )
    return "\n".join(lines).strip() + "\n"


class BulletinMail:
    """One language's bulletin as a message to send to many readers.

    ``message_bytes()`` gives the whole message for one reader (SMTP); ``email_message()``
    the same content as an ``EmailMultiAlternatives`` (other backends)."""

    def __init__(self, rendered, *, test=False):
        self.rendered = rendered
        self._link_templates = None
        self.subject = rendered.subject
        if test:
            with translation.override(rendered.language):
                self.subject = gettext("[Test] %(subject)s") % {"subject": self.subject}
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.envelope_from = sanitize_address(self.from_email, "utf-8")
        self.domain = mail_domain()
        self.list_id = f"Sild <bulletin.{self.domain}>"
        # A request to leave by mail reaches the sender's address (the staff act on it).
        self.unsubscribe_mailto = f"mailto:{parseaddr(self.from_email)[1]}?subject=unsubscribe"
        boundary = f"=_sild_{secrets.token_hex(12)}"
        self._head = (
            f"From: {self.envelope_from}\r\n"
            f"Subject: {_header_text(self.subject)}\r\n"
            f"List-Id: {self.list_id}\r\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n'
        ).encode()
        self._parts = [
            (f"--{boundary}\r\n".encode(), "text/plain", rendered.text),
            (f"--{boundary}\r\n".encode(), "text/html", rendered.html),
        ]
        self._tail = f"--{boundary}--\r\n".encode()
        self._eight_bit = all(
            len(line.encode()) <= MAX_LINE_BYTES
            for _boundary, _type, content in self._parts
            for line in content.splitlines()
        )
        if self._eight_bit:
            # Built once: per reader only the markers are replaced in these bytes.
            self._body = (
                b"".join(
                    [
                        self._part_head(boundary_line, content_type) + _crlf(content).encode()
                        for boundary_line, content_type, content in self._parts
                    ]
                )
                + self._tail
            )
            self._smtp_body = _DOTS.sub(b"..", self._body)
        else:
            self._smtp_body = None

    @staticmethod
    def _part_head(boundary_line, content_type, encoding="8bit"):
        return (
            boundary_line
            + (
                f'Content-Type: {content_type}; charset="utf-8"\r\n'
                f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
            ).encode()
        )

    def message_id(self, key):
        return f"<bulletin.{key}@{self.domain}>"

    def links_for(self, subscriber):
        """The reader's own links; a test sent to someone who is no subscriber links to the
        bulletin on the web instead."""
        if subscriber is None:
            web = self.rendered.page.get_full_url() or base_url()
            return dict.fromkeys(LINKS, web)
        if self._link_templates is None:
            # Resolved once per language instead of twice per reader.
            self._link_templates = {
                name: token_url_template(purpose) for name, purpose in LINKS.items()
            }
        return {
            name: make_token(subscriber, LINKS[name]).join(parts)
            for name, parts in self._link_templates.items()
        }

    def _headers(self, links):
        return {
            "List-Unsubscribe": f"<{links['unsubscribe']}>, <{self.unsubscribe_mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id,
        }

    def smtp_data(self, to, message_id, links):
        """The message as an SMTP transaction's DATA: lines starting with a dot doubled (in the
        body, once per language: links never start a line with one) and the final dot."""
        return self.message_bytes(to, message_id, links, body=self._smtp_body) + b".\r\n"

    def message_bytes(self, to, message_id, links, body=None):
        head = (
            self._head
            + (
                f"To: {to}\r\n"
                f"Date: {formatdate()}\r\n"
                f"Message-ID: {message_id}\r\n"
                f"List-Unsubscribe: {self._headers(links)['List-Unsubscribe']}\r\n\r\n"
            ).encode()
        )
        if self._eight_bit:
            body = body or self._body
            # Token links have nothing HTML would escape, so one replacement fits both parts.
            for name, marker in self.rendered.markers.items():
                body = body.replace(marker.encode(), links[name].encode())
            return head + body
        html_part, text_part = self.rendered.with_links(links)
        # Base64 lines never start with a dot: nothing to double for SMTP.
        body = b"".join(
            self._part_head(boundary_line, content_type, "base64")
            + encodebytes(content.encode()).replace(b"\n", b"\r\n")
            for (boundary_line, content_type, _content), content in zip(
                self._parts, (text_part, html_part), strict=True
            )
        )
        return head + body + self._tail

    def email_message(self, to, message_id, links, connection=None):
        html_part, text_part = self.rendered.with_links(links)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=text_part,
            from_email=self.from_email,
            to=[to],
            headers={**self._headers(links), "Message-ID": message_id},
            connection=connection,
        )
        message.attach_alternative(html_part, "text/html")
        return message


def token_url_template(purpose):
    """The URL ``tokens.token_url`` makes for ``purpose``, as (before, after) the token."""
    marker = "TOKEN-GOES-HERE"
    return tuple((base_url() + reverse(URL_NAMES[purpose], args=[marker])).split(marker))


def _header_text(value):
    try:
        value.encode("ascii")
    except UnicodeEncodeError:
        return Header(value, "utf-8", maxlinelen=76).encode()
    return value


def _crlf(text):
    """CRLF line ends, and one at the end (a MIME boundary must start a line)."""
    return text.replace("\r\n", "\n").rstrip("\n").replace("\n", "\r\n") + "\r\n"
