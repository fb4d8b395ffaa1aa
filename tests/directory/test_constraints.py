"""The rules of an organisation's facts hold in the database too, not only in its forms."""

import pytest
from django.db import IntegrityError, transaction

from directory.factories import OrganisationFactory
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def refused(organisation, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(**values)
    return True


NO_LANGUAGE = {
    "works_in_russian": False,
    "works_in_estonian": False,
    "works_in_english": False,
    "other_languages": "",
}


def test_an_organisation_has_a_working_language(directories):
    organisation = OrganisationFactory()

    assert refused(organisation, **NO_LANGUAGE)
    for language in ("works_in_russian", "works_in_estonian", "works_in_english"):
        Organisation.objects.filter(pk=organisation.pk).update(**{**NO_LANGUAGE, language: True})
    Organisation.objects.filter(pk=organisation.pk).update(
        **{**NO_LANGUAGE, "other_languages": "Ukrainian"}
    )


def test_a_published_address_is_there(directories):
    organisation = OrganisationFactory(email="", publish_email=False)

    assert refused(organisation, publish_email=True)
    Organisation.objects.filter(pk=organisation.pk).update(
        publish_email=True, email="info@org.example"
    )
    assert refused(organisation, email="")


def test_a_direct_create_is_refused_too(directories):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(**NO_LANGUAGE)
