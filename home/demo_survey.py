"""The demo needs survey of the network: written in Estonian, translated into Russian through
wagtail-localize as a translator would, and a few answers in each language so that the
admin's charts show something. Idempotent like every demo module."""

from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .demo import ensure_home_pages, ensure_locales
from .models import FormField, FormPage

SLUG = "needs-survey"

# (label, field type, required, choices) in Estonian, then the same in Russian.
QUESTIONS = [
    (
        ("Millist tuge teie organisatsioon vajab?", "Какая поддержка нужна вашей организации?"),
        "checkboxes",
        True,
        [
            ("Rahastuse leidmine", "Поиск финансирования"),
            ("Projektitaotluse kirjutamine", "Написание проектной заявки"),
            ("Raamatupidamine ja aruandlus", "Бухгалтерия и отчётность"),
            ("Õigusabi", "Юридическая помощь"),
            ("Partnerite leidmine", "Поиск партнёров"),
            ("Koolitused", "Обучение"),
            ("Vabatahtlike kaasamine", "Привлечение волонтёров"),
        ],
    ),
    (
        (
            "Mis keeles eelistate infot saada?",
            "На каком языке вы предпочитаете получать информацию?",
        ),
        "radio",
        True,
        [
            ("Eesti keeles", "На эстонском"),
            ("Vene keeles", "На русском"),
            ("Inglise keeles", "На английском"),
        ],
    ),
    (
        (
            "Kust saate infot rahastuse ja koolituste kohta?",
            "Откуда вы узнаёте о финансировании и обучении?",
        ),
        "checkboxes",
        False,
        [
            ("Uudiskiri e-postiga", "Рассылка по электронной почте"),
            ("Veebilehed", "Сайты"),
            ("Sotsiaalmeedia", "Социальные сети"),
            ("Kohtumised ja seminarid", "Встречи и семинары"),
            ("Kolleegid", "Коллеги"),
        ],
    ),
    (
        ("Millised teemad teid huvitavad?", "Какие темы вам интересны?"),
        "checkboxes",
        False,
        [
            ("Taotlusvoorud", "Конкурсы и гранты"),
            ("Koolitused ja üritused", "Обучение и мероприятия"),
            ("Võrgustiku uudised", "Новости сети"),
            ("Teiste organisatsioonide uudised", "Новости других организаций"),
            ("Seadused ja määrused", "Законы и правила"),
        ],
    ),
    (("Organisatsiooni nimi", "Название организации"), "singleline", False, []),
    (("Mida veel soovite meile öelda?", "Что ещё вы хотите нам сказать?"), "multiline", False, []),
]

CONTENT = {
    "et": {
        "title": "Vajaduste uuring",
        "introduction": (
            "Aidake meil mõista, mida teie organisatsioon vajab: vastused kujundavad "
            "võrgustiku nõustamist, koolitusi ja infolisti. Vastamine võtab viis minutit."
        ),
        "thank_you_text": "<p>Aitäh! Teie vastused on kohale jõudnud.</p>",
    },
    "ru": {
        "title": "Исследование потребностей",
        "introduction": (
            "Помогите нам понять, что нужно вашей организации: ответы определят консультации, "
            "обучение и рассылку сети. Ответы займут пять минут."
        ),
        "thank_you_text": "<p>Спасибо! Ваши ответы получены.</p>",
    },
}

# Demo answers: (language, indexes of support needed, language index, channels, topics).
ANSWERS = [
    ("et", [0, 1], 0, [0, 4], [0, 1]),
    ("et", [0, 4], 0, [1], [0]),
    ("et", [2], 0, [0, 2], [1, 2]),
    ("et", [4, 5], 1, [3], [3]),
    ("ru", [0, 1, 3], 1, [0, 2], [0, 4]),
    ("ru", [0, 4], 1, [2], [0, 3]),
    ("ru", [1, 5], 1, [0, 4], [1]),
    ("ru", [3], 0, [2, 3], [4]),
    ("ru", [0, 6], 1, [0], [0, 2]),
    ("ru", [4], 2, [1, 2], [3]),
]


def _choices(pairs, language):
    index = 0 if language == "et" else 1
    return "\n".join(pair[index] for pair in pairs)


def _translations():
    """Estonian text -> Russian text, for every segment of the survey."""
    pairs = {CONTENT["et"][key]: CONTENT["ru"][key] for key in ("title", "introduction")}
    pairs["Aitäh! Teie vastused on kohale jõudnud."] = "Спасибо! Ваши ответы получены."
    for (label_et, label_ru), _type, _required, choices in QUESTIONS:
        pairs[label_et] = label_ru
        if choices:
            pairs[_choices(choices, "et")] = _choices(choices, "ru")
    return pairs


def _ensure_source(home):
    page = FormPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is not None:
        return page, False
    page = FormPage(slug=SLUG, show_in_menus=True, **CONTENT["et"])
    for number, ((label, _ru), field_type, required, choices) in enumerate(QUESTIONS):
        page.form_fields.add(
            FormField(
                sort_order=number,
                label=label,
                field_type=field_type,
                required=required,
                choices=_choices(choices, "et"),
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def translate_page(source_page, target_locale, pairs, changed):
    """Translate ``source_page`` as a translator does in wagtail-localize: a translation
    source, a translation, one StringTranslation per segment, then the target saved and
    published. ``pairs`` maps source texts to their translations, as plain text."""
    # wagtail-localize keeps a plain-text segment as HTML (a new line becomes <br>).
    pairs = {
        StringValue.from_plaintext(text).data: StringValue.from_plaintext(translated).data
        for text, translated in pairs.items()
    }
    source, created = TranslationSource.get_or_create_from_instance(source_page)
    existing = source_page.get_translation_or_none(target_locale)
    if existing is not None and not created and not changed and existing.live:
        return existing.specific
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_locale
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target_locale,
            context=segment.context,
            defaults={"data": pairs.get(segment.string.data, segment.string.data)},
        )
    # A draft first, published right away: save_target(publish=True) waits for the
    # transaction to commit, and seed_demo runs in one transaction.
    translation.save_target(publish=False)
    target = source_page.get_translation(target_locale).specific
    target.get_latest_revision().publish()
    return type(source_page).objects.get(pk=target.pk)


def _ensure_answers(pages):
    if FormSubmission.objects.filter(page__in=pages.values()).exists():
        return
    for language, support, info_language, channels, topics in ANSWERS:
        page = pages[language]
        fields = list(page.get_form_fields())
        column = 0 if language == "et" else 1

        def chosen(question, indexes, column=column):
            return [QUESTIONS[question][3][index][column] for index in indexes]

        FormSubmission.objects.create(
            page=page,
            form_data={
                fields[0].clean_name: chosen(0, support),
                fields[1].clean_name: chosen(1, [info_language])[0],
                fields[2].clean_name: chosen(2, channels),
                fields[3].clean_name: chosen(3, topics),
                fields[4].clean_name: "",
                fields[5].clean_name: "",
            },
        )


@transaction.atomic
def seed():
    locales = ensure_locales()
    homes = ensure_home_pages()
    source, created = _ensure_source(homes["et"])
    russian = translate_page(source, locales["ru"], _translations(), created)
    pages = {"et": source, "ru": russian}
    _ensure_answers(pages)
    return {"survey": pages}
