"""Property-based tests (hypothesis): every public form and every query-string filter, fed
with arbitrary text, lengths and encodings. Whatever comes in, the site never answers 500, and
a form either saves one whole record (and redirects) or saves nothing.

The examples are derandomised (the same ones each run, so CI does not flake on a new one);
``FUZZ_RANDOM=1`` explores new ones, ``FUZZ_EXAMPLES=500`` more of them."""

import os
from urllib.parse import quote_from_bytes

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from bulletins.models import Subscriber
from calls.models import CallFollower
from consultations.models import Channel, ConsultationRequest
from consultations.models import Topic as ConsultationTopic
from directory.models import ContactRecord
from home.demo_survey import seed as seed_survey
from tests.bulletins.fixtures_pages import archives  # noqa: F401
from tests.calls.conftest import call_indexes, funders, make_call, topics  # noqa: F401
from tests.directory.conftest import directories, make_organisation  # noqa: F401

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Lone surrogates cannot be sent by any browser (they are not UTF-8); everything else can.
ANY_CHARACTER = st.characters(exclude_categories=("Cs",))
NASTY = [
    "",
    " ",
    "\x00",
    "\x00\x01\x02\x1b[31m",
    "\r\nBcc: victim@example.org",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"unterminated',
    '=HYPERLINK("http://x")',
    "\u202eevil\u202c",
    "𝕬𝖇𝖈 🤝🌉",
    "ё" * 300,
    "a" * 10_000,
    "%00%ff",
    "../../etc/passwd",
    "x@y",
    "olga@ngo.example",
    "OLGA@NGO.EXAMPLE ",
]
TEXT = st.one_of(
    st.text(ANY_CHARACTER, max_size=40),
    st.text(ANY_CHARACTER, min_size=150, max_size=4000),
    st.sampled_from(NASTY),
)
EMAILS = st.one_of(st.emails(), TEXT)


def choice(values):
    """A valid choice, or anything at all."""
    return st.one_of(st.sampled_from(list(values)), TEXT)


MISSING = object()
NAMES = st.text(st.characters(categories=("L",)), min_size=1, max_size=40)
ADDRESSES = st.from_regex(r"[a-z][a-z0-9.]{0,20}@[a-z]{2,12}\.(example|ee|org)", fullmatch=True)
MESSAGES = st.text(ANY_CHARACTER, min_size=20, max_size=600).filter(lambda m: len(m.strip()) >= 20)


@st.composite
def submissions(draw, valid, spoiled=None):
    """A valid submission (its values drawn from ``valid``), then up to three of its fields
    spoiled: left out, or replaced by anything (``spoiled[name]`` or any text)."""
    data = {
        name: draw(value) if isinstance(value, st.SearchStrategy) else value
        for name, value in valid.items()
    }
    for name in draw(st.sets(st.sampled_from(sorted(valid)), max_size=3)):
        value = draw(st.one_of(st.just(MISSING), (spoiled or {}).get(name, TEXT)))
        if value is MISSING:
            data.pop(name)
        else:
            data[name] = value
    return data


def submit(client, path, data, model, complete, success_status=302):
    """POST ``data`` and check the property: an answer below 500; one whole record saved with
    the answer of a success (a redirect, for most forms), else none."""
    cache.clear()  # the rate limits would otherwise stop the saving path after a few examples
    before = model.objects.count()

    response = client.post(path, data)

    assert response.status_code < 500
    added = model.objects.count() - before
    assert added in (0, 1), added
    if response.status_code != success_status:
        assert added == 0, f"{response.status_code} with a record saved"
    if added:
        complete(model.objects.order_by("-pk").first())
    event(f"{response.status_code}, {added} saved")
    return response


# --- forms ------------------------------------------------------------------------------------


def complete_subscriber(subscriber):
    assert subscriber.email and subscriber.email == subscriber.email.strip().lower()
    assert subscriber.language in {"ru", "et", "en"}
    assert subscriber.topics and subscriber.kind
    assert subscriber.consent_text and subscriber.consented_at and subscriber.consent_source


TOPICS = ["calls", "trainings", "network", "organisations"]


@FUZZ
@given(
    data=submissions(
        {
            "email": ADDRESSES,
            "language": st.sampled_from(["ru", "et", "en"]),
            "topics": st.lists(st.sampled_from(TOPICS), min_size=1, unique=True),
            "kind": st.sampled_from(["organisation", "person", "journalist", "other"]),
            "homepage": "",
        },
        {"email": EMAILS, "topics": st.lists(choice(TOPICS), max_size=6)},
    )
)
def test_the_subscription_form(client, site_tree, data):
    submit(client, "/ru/newsletter/subscribe/", data, Subscriber, complete_subscriber)


@pytest.fixture
def call(make_call):  # noqa: F811
    call = make_call("ru")
    call.save_revision().publish()
    return call


def complete_follower(follower):
    assert follower.email and follower.call_id


@FUZZ
@given(data=submissions({"email": ADDRESSES, "website": ""}, {"email": EMAILS}))
def test_following_a_call(client, call, data):
    submit(client, f"{call.url}follow/", data, CallFollower, complete_follower)


@pytest.fixture
def profile(make_organisation):  # noqa: F811
    _organisation, pages = make_organisation(
        {"et": {"title": "Tartu Noored", "description": "Noorteühing."}},
        email="info@noored.example",
    )
    return pages["et"]


def complete_contact(record):
    assert record.organisation_id and record.sender_language and record.profile_language


@FUZZ
@given(
    data=submissions(
        {
            "name": NAMES,
            "email": ADDRESSES,
            "organisation": st.one_of(st.just(""), NAMES),
            "message": MESSAGES,
            "homepage": "",
        },
        {"email": EMAILS},
    )
)
def test_the_contact_form_of_a_profile(client, profile, data):
    submit(client, f"{profile.url}contact/", data, ContactRecord, complete_contact)


def complete_consultation(request):
    assert request.name and request.email and request.message
    assert request.topic and request.channel and request.language
    assert request.consented_at and request.consent_text
    if request.channel == Channel.PHONE:
        assert request.phone


@FUZZ
@given(
    data=submissions(
        {
            "name": NAMES,
            "email": ADDRESSES,
            "organisation_name": st.one_of(st.just(""), NAMES),
            "topic": st.sampled_from(ConsultationTopic.values),
            "channel": st.sampled_from(Channel.values),
            "phone": st.from_regex(r"\+372 ?[0-9]{7,8}", fullmatch=True),
            "language": st.sampled_from(["ru", "et", "en"]),
            "message": MESSAGES,
            "consent": "on",
            "homepage": "",
        },
        {
            "email": EMAILS,
            "organisation": TEXT,
            "topic": choice(ConsultationTopic.values),
            "channel": choice(Channel.values),
        },
    )
)
def test_the_consultation_form(client, site_tree, data):
    submit(client, "/et/consultation/", data, ConsultationRequest, complete_consultation)


@pytest.fixture
def survey(site_tree):
    return seed_survey()["survey"]["et"]


def complete_submission(submission):
    assert submission.form_data


@FUZZ
@given(data=st.data())
def test_the_survey(client, survey, data):
    valid, spoiled = {"homepage": ""}, {}
    for field in survey.get_form_fields():
        options = [option.strip() for option in field.choices.splitlines() if option.strip()]
        if field.field_type == "checkboxes":
            valid[field.clean_name] = st.lists(st.sampled_from(options), min_size=1, unique=True)
            spoiled[field.clean_name] = st.lists(choice(options), max_size=6)
        elif options:
            valid[field.clean_name] = st.sampled_from(options)
        else:
            valid[field.clean_name] = st.text(ANY_CHARACTER, max_size=300)
    answers = data.draw(submissions(valid, spoiled))
    # Wagtail's form pages answer a success with the "thank you" page itself.
    submit(client, survey.url, answers, FormSubmission, complete_submission, success_status=200)


@FUZZ
@given(
    data=submissions(
        {"email": ADDRESSES, "password1": "Sild-fuzz-2026!", "password2": "Sild-fuzz-2026!"},
        {"email": EMAILS},
    )
)
def test_signing_up(client, site_tree, data):
    def complete(user):
        assert user.email and user.emailaddress_set.filter(email__iexact=user.email).exists()

    submit(client, "/et/accounts/signup/", data, get_user_model(), complete)


@FUZZ
@given(
    data=submissions(
        {"login": "editor@sild.example", "password": "sild-editor-2026"}, {"login": EMAILS}
    )
)
def test_signing_in(client, site_tree, data):
    cache.clear()
    response = client.post("/ru/accounts/login/", data)

    assert response.status_code < 500
    client.logout()


# --- query strings ----------------------------------------------------------------------------


@pytest.fixture
def listings(directories, call_indexes, archives):  # noqa: F811
    return None


FILTERS = {
    "/ru/organisations/": ["q", "field", "group", "county", "language", "partners", "page"],
    "/et/calls/": ["status", "topic", "funder", "eligible", "county", "page"],
    "/ru/bulletins/": ["year", "page"],
    "/en/search/": ["q", "page"],
    "/ru/calls/calendar.ics": ["status"],
}
PARAMETER_VALUES = st.one_of(
    TEXT,
    st.lists(TEXT, min_size=2, max_size=4),  # the parameter repeated
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


@FUZZ
@given(
    path=st.sampled_from(sorted(FILTERS)),
    data=st.data(),
)
def test_every_filter_takes_any_value(client, listings, path, data):
    names = st.one_of(st.sampled_from(FILTERS[path]), TEXT)
    params = data.draw(st.dictionaries(names, PARAMETER_VALUES, max_size=6))
    # The test client encodes the values as UTF-8, as browsers do.
    params = {name: value for name, value in params.items() if "\x00" not in name}

    response = client.get(path, params)

    assert response.status_code < 500


@FUZZ
@given(path=st.sampled_from(sorted(FILTERS)), raw=st.binary(max_size=300), name=st.data())
def test_every_filter_takes_any_bytes(client, listings, path, raw, name):
    """Bytes that are not UTF-8, percent-encoded into the query string as a client may."""
    parameter = name.draw(st.sampled_from(FILTERS[path]))
    query = f"{parameter}={quote_from_bytes(raw)}&{quote_from_bytes(raw)}=1"

    response = client.get(path, QUERY_STRING=query)

    assert response.status_code < 500
