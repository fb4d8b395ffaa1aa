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


class LegalForm(models.TextChoices):
    NON_PROFIT = "non-profit", _("Non-profit association")
    FOUNDATION = "foundation", _("Foundation")
    INFORMAL = "informal", _("Informal group")
    OTHER = "other", _("Other")


# The first digit of an Estonian registry code says which register the entity is in.
REGISTRY_CODE_PREFIX = {
    LegalForm.NON_PROFIT: "8",
    LegalForm.FOUNDATION: "9",
}

# Names of the counties as people type them, in Estonian, Russian and English: indexed with
# every organisation of the county so that "Ида-Вирумаа" or "Harjumaa" find it.
COUNTY_SEARCH_NAMES = {
    County.HARJU: "Harjumaa Harju maakond Харьюмаа Харьюский уезд Harju County",
    County.HIIU: "Hiiumaa Hiiu maakond Хийумаа Хийуский уезд Hiiu County",
    County.IDA_VIRU: "Ida-Virumaa Ida-Viru maakond Ида-Вирумаа Ида-Вируский уезд Ida-Viru County",
    County.JOGEVA: "Jõgevamaa Jõgeva maakond Йыгевамаа Йыгеваский уезд Jõgeva County",
    County.JARVA: "Järvamaa Järva maakond Ярвамаа Ярваский уезд Järva County",
    County.LAANE: "Läänemaa Lääne maakond Ляэнемаа Ляэнеский уезд Lääne County",
    County.LAANE_VIRU: (
        "Lääne-Virumaa Lääne-Viru maakond Ляэне-Вирумаа Ляэне-Вируский уезд Lääne-Viru County"
    ),
    County.POLVA: "Põlvamaa Põlva maakond Пыльвамаа Пылваский уезд Põlva County",
    County.PARNU: "Pärnumaa Pärnu maakond Пярнумаа Пярнуский уезд Pärnu County",
    County.RAPLA: "Raplamaa Rapla maakond Рапламаа Раплаский уезд Rapla County",
    County.SAARE: "Saaremaa Saare maakond Сааремаа Сааремааский уезд Saare County",
    County.TARTU: "Tartumaa Tartu maakond Тартумаа Тартуский уезд Tartu County",
    County.VALGA: "Valgamaa Valga maakond Валгамаа Валгаский уезд Valga County",
    County.VILJANDI: "Viljandimaa Viljandi maakond Вильяндимаа Вильяндиский уезд Viljandi County",
    County.VORU: "Võrumaa Võru maakond Вырумаа Выруский уезд Võru County",
}
