"""Validators for the facts of an organisation profile, with translated messages."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REGISTRY_CODE_RE = re.compile(r"^[0-9]{8}$")


def registry_code_check_digit(first_seven):
    """The check digit of an Estonian registry code: the modulo-11 method of the personal
    identification code (weights 1…7, then 3…9 when the first remainder is 10)."""
    digits = [int(char) for char in first_seven]
    for weights in ((1, 2, 3, 4, 5, 6, 7), (3, 4, 5, 6, 7, 8, 9)):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder < 10:
            return remainder
    return 0


def validate_registry_code(value):
    """An Estonian registry code: eight digits, the last one a check digit. Non-profit
    associations are registered with codes beginning with 8, foundations with 9."""
    value = (value or "").strip()
    if not REGISTRY_CODE_RE.match(value):
        raise ValidationError(
            _("A registry code has exactly eight digits, for example 80012345."),
            code="registry_code_format",
        )
    if value[0] not in "89":
        raise ValidationError(
            _(
                "This is not the code of a non-profit: the registry codes of non-profit "
                "associations begin with 8 and those of foundations with 9."
            ),
            code="registry_code_register",
        )
    if registry_code_check_digit(value[:7]) != int(value[7]):
        raise ValidationError(
            _("This registry code does not exist: please check its digits."),
            code="registry_code_checksum",
        )


def validate_founding_year(value):
    if value is not None and not 1800 <= value <= timezone.now().year:
        raise ValidationError(
            _("Enter a founding year between 1800 and this year."), code="founding_year"
        )


PHONE_RE = re.compile(r"^\+?[0-9 ()-]{5,25}$")


def validate_phone(value):
    if value and not PHONE_RE.match(value):
        raise ValidationError(
            _("Enter a phone number with digits, spaces and an optional +, e.g. +372 5555 1234."),
            code="phone",
        )


def social_link_lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def validate_social_links(value):
    url_validator = URLValidator(schemes=["http", "https"])
    for line in social_link_lines(value):
        try:
            url_validator(line)
        except ValidationError:
            raise ValidationError(
                _("“%(line)s” is not a web address. Put one address per line."),
                code="social_links",
                params={"line": line[:100]},
            ) from None
