"""Language-neutral vocabularies shared by the directory and the calls.

The values are stable identifiers stored in the database; the labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.TextChoices):
    HARJU = "harju", _("Harju County")
    HIIU = "hiiu", _("Hiiu County")
    IDA_VIRU = "ida-viru", _("Ida-Viru County")
    JOGEVA = "jogeva", _("Jõgeva County")
    JARVA = "jarva", _("Järva County")
    LAANE = "laane", _("Lääne County")
    LAANE_VIRU = "laane-viru", _("Lääne-Viru County")
    POLVA = "polva", _("Põlva County")
    PARNU = "parnu", _("Pärnu County")
    RAPLA = "rapla", _("Rapla County")
    SAARE = "saare", _("Saare County")
    TARTU = "tartu", _("Tartu County")
    VALGA = "valga", _("Valga County")
    VILJANDI = "viljandi", _("Viljandi County")
    VORU = "voru", _("Võru County")


class WorkingLanguage(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    ESTONIAN = "et", _("Estonian")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other languages")
