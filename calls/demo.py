"""Demo funding calls: Estonian sources translated into Russian through wagtail-localize.

Idempotent: a second run finds the funders, pages and translations of the first and brings
them to the same state. Dates are relative to today (Europe/Tallinn), so that the demo always
shows calls in each status: upcoming, open, closing soon and closed.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from directory.vocabularies import ensure_vocabularies
from home.demo import ensure_home_pages, ensure_locales, ensure_translated_page, translate_page

from .factories import CallPageFactory
from .models import CallIndexPage, CallPage, Funder

FUNDERS = {
    "kysk": {
        "website": "https://www.kysk.ee/",
        "et": (
            "Kodanikuühiskonna Sihtkapital",
            "Riiklik sihtasutus, mis toetab vabaühenduste arengut ja kodanikualgatusi.",
        ),
        "ru": (
            "Фонд гражданского общества (KÜSK)",
            "Государственный фонд, который поддерживает развитие НКО и гражданские инициативы.",
        ),
    },
    "integratsiooni-sihtasutus": {
        "website": "https://www.integratsioon.ee/",
        "et": (
            "Integratsiooni Sihtasutus",
            "Toetab lõimumist, eesti keele õpet ja eri keelerühmade koostööd.",
        ),
        "ru": (
            "Фонд интеграции",
            "Поддерживает интеграцию, изучение эстонского языка и сотрудничество языковых групп.",
        ),
    },
    "tallinn": {
        "website": "https://www.tallinn.ee/",
        "et": ("Tallinna Linnavalitsus", "Tallinna linna toetused kodanikeühendustele."),
        "ru": ("Таллинская городская управа", "Поддержка НКО из бюджета города Таллинна."),
    },
    "narva": {
        "website": "https://www.narva.ee/",
        "et": ("Narva Linnavalitsus", "Narva linna projektitoetused mittetulundusühingutele."),
        "ru": ("Нарвская городская управа", "Проектная поддержка НКО из бюджета города Нарвы."),
    },
    "tartu": {
        "website": "https://www.tartu.ee/",
        "et": ("Tartu Linnavalitsus", "Tartu linna toetused noorsootööle ja kogukondadele."),
        "ru": ("Тартуская городская управа", "Поддержка молодёжной работы и сообществ в Тарту."),
    },
    "euroopa-komisjon": {
        "website": "https://commission.europa.eu/",
        "et": ("Euroopa Komisjon", "Euroopa Liidu programmid, mida komisjon haldab otse."),
        "ru": ("Европейская комиссия", "Программы Европейского союза под управлением комиссии."),
    },
    "harno": {
        "website": "https://harno.ee/",
        "et": (
            "Haridus- ja Noorteamet",
            "Programmi Erasmus+ noortevaldkonna rahvuslik agentuur Eestis.",
        ),
        "ru": (
            "Департамент образования и молодёжи (HARNO)",
            "Национальное агентство программы Erasmus+ по молодёжи в Эстонии.",
        ),
    },
    "siseministeerium": {
        "website": "https://www.siseministeerium.ee/",
        "et": ("Siseministeerium", "Haldab Varjupaiga-, Rände- ja Integratsioonifondi."),
        "ru": (
            "Министерство внутренних дел",
            "Управляет Фондом убежища, миграции и интеграции.",
        ),
    },
    "kultuurkapital": {
        "website": "https://www.kulka.ee/",
        "et": ("Eesti Kultuurkapital", "Toetab kultuuri, rahvakultuuri ja kunstide algatusi."),
        "ru": ("Фонд культуры Эстонии", "Поддерживает культуру, народное творчество и искусство."),
    },
    "kik": {
        "website": "https://kik.ee/",
        "et": ("Keskkonnainvesteeringute Keskus", "Rahastab keskkonnahoiu ja kliimaprojekte."),
        "ru": ("Центр инвестиций в окружающую среду", "Финансирует природоохранные проекты."),
    },
}

INDEX_CONTENT = {
    "ru": {
        "title": "Конкурсы и гранты",
        "introduction": (
            "Все открытые конкурсы для НКО Эстонии в одном месте: кто даёт деньги, кому, "
            "на что и до какого срока."
        ),
    },
    "et": {
        "title": "Taotlusvoorud",
        "introduction": (
            "Kõik vabaühendustele avatud taotlusvoorud ühes kohas: kes rahastab, keda, mida "
            "ja mis kuupäevani."
        ),
    },
    "en": {
        "title": "Funding calls",
        "introduction": (
            "Every open funding call for Estonian non-profits in one place: who funds whom, "
            "for what, and by when."
        ),
    },
}


def _call(slug, funder, offsets, money, eligible, topics, regions, languages, url, et, ru):
    """``offsets`` = (opening, deadline) in days from today; ``et``/``ru`` = (title,
    introduction, programme, [paragraphs], contact role)."""
    return {
        "slug": slug,
        "funder": funder,
        "offsets": offsets,
        "money": money,
        "eligible": eligible,
        "topics": topics,
        "regions": regions,
        "languages": languages,
        "url": url,
        "et": et,
        "ru": ru,
    }


CALLS = [
    _call(
        "vabauhenduste-arenguhupe",
        "kysk",
        (-75, -40),
        (600_000, 5_000, 40_000),
        ["ngo", "foundation"],
        ["community-development", "volunteering"],
        ["all"],
        ["et"],
        "https://www.kysk.ee/arenguhupe",
        (
            "Vabaühenduste arenguhüpe 2026",
            "Toetus ühendustele, kes tahavad kahe aastaga teha oma töös kvalitatiivse hüppe.",
            "Arenguhüppe taotlusvoor",
            [
                "Toetame ühenduse juhtimise, rahastusmudeli ja meeskonna arendamist.",
                "Projekt peab kestma 12 kuni 24 kuud ja lõppema hiljemalt 2028. aasta lõpus.",
            ],
            "Arenguhüppe programmijuht",
        ),
        (
            "Скачок в развитии НКО 2026",
            "Поддержка организаций, которые хотят за два года сделать качественный скачок в "
            "своей работе.",
            "Конкурс «Скачок в развитии»",
            [
                "Поддерживаем развитие управления, модели финансирования и команды организации.",
                "Проект должен длиться от 12 до 24 месяцев и завершиться не позднее конца "
                "2028 года.",
            ],
            "Руководитель программы",
        ),
    ),
    _call(
        "tallinna-kogukondlikud-algatused-1",
        "tallinn",
        (-45, -10),
        (150_000, 500, 5_000),
        ["ngo", "informal-group"],
        ["community-development"],
        ["harju"],
        ["et", "ru"],
        "https://www.tallinn.ee/kogukonnad/toetused",
        (
            "Tallinna kogukondlike algatuste toetus, I voor",
            "Väikesed toetused asumiseltsidele ja kortermajade kogukondadele naabrite "
            "ühistegevuseks.",
            "Kogukondlike algatuste toetus",
            [
                "Toetatakse naabruskonna talguid, õuepidusid, kogukonnaaedu ja "
                "asumipäevi Tallinnas.",
                "Taotleda võivad ka mitteformaalsed rühmad, kui neil on vastutav "
                "täisealine esindaja.",
            ],
            "Linnaosa kogukonnaspetsialist",
        ),
        (
            "Поддержка общественных инициатив Таллинна, I тур",
            "Небольшие гранты для обществ микрорайонов и сообществ многоквартирных домов на "
            "совместные дела соседей.",
            "Поддержка общественных инициатив",
            [
                "Поддерживаются толоки, праздники двора, общественные огороды и дни "
                "микрорайонов в Таллинне.",
                "Подавать заявку могут и неформальные группы, если у них есть "
                "совершеннолетний ответственный представитель.",
            ],
            "Специалист по работе с сообществами",
        ),
    ),
    _call(
        "rahvakultuuri-sihtkapital-iii",
        "kultuurkapital",
        (-30, -2),
        (200_000, None, 3_000),
        ["ngo", "individual", "informal-group"],
        ["culture"],
        ["all"],
        ["et"],
        "https://www.kulka.ee/taotlemine/rahvakultuur",
        (
            "Rahvakultuuri sihtkapitali III voor",
            "Toetus laulu- ja tantsukollektiividele, käsitööringidele ja "
            "pärimuskultuuri sündmustele.",
            "Rahvakultuuri sihtkapital",
            [
                "Toetatakse kollektiivide juhendamist, esinemisrõivaid, festivale ja õppereise.",
                "Üks taotleja võib ühes voorus esitada kuni kaks taotlust.",
            ],
            "Rahvakultuuri sihtkapitali referent",
        ),
        (
            "Эндаумент народной культуры, III тур",
            "Поддержка хоровых и танцевальных коллективов, кружков ремесла и событий "
            "традиционной культуры.",
            "Эндаумент народной культуры",
            [
                "Поддерживаются работа руководителей коллективов, сценические костюмы, "
                "фестивали и учебные поездки.",
                "Один заявитель может подать в одном туре не более двух заявок.",
            ],
            "Референт эндаумента народной культуры",
        ),
    ),
    _call(
        "narva-projektitoetus",
        "narva",
        (-25, 3),
        (80_000, 300, 4_000),
        ["ngo"],
        ["community-development", "culture", "sport"],
        ["ida-viru"],
        ["et", "ru"],
        "https://www.narva.ee/projektitoetused",
        (
            "Narva linna mittetulundusühingute projektitoetus",
            "Narva ühenduste projektid, mis elavdavad linna kultuuri-, spordi- ja kogukonnaelu.",
            "Mittetulundusühingute projektitoetus",
            [
                "Toetust saavad Narvas registreeritud ühendused, kelle projekt toimub "
                "linnas ja on avatud kõigile elanikele.",
                "Omafinantseering peab olema vähemalt kümme protsenti projekti eelarvest.",
            ],
            "Kultuuriosakonna peaspetsialist",
        ),
        (
            "Проектная поддержка НКО города Нарвы",
            "Проекты нарвских объединений, которые оживляют культурную, спортивную и "
            "общественную жизнь города.",
            "Проектная поддержка НКО",
            [
                "Поддержку получают зарегистрированные в Нарве объединения, чей проект "
                "проходит в городе и открыт для всех жителей.",
                "Самофинансирование должно составлять не менее десяти процентов бюджета проекта.",
            ],
            "Главный специалист отдела культуры",
        ),
    ),
    _call(
        "eesti-keele-kogukonnaprojektid",
        "integratsiooni-sihtasutus",
        (-20, 6),
        (250_000, 2_000, 15_000),
        ["ngo", "foundation", "local-government"],
        ["integration", "education"],
        ["all"],
        ["et", "ru", "en"],
        "https://www.integratsioon.ee/taotlusvoorud/keelepraktika",
        (
            "Eesti keele praktika kogukonnaprojektides",
            "Toetus projektidele, kus täiskasvanud saavad eesti keelt harjutada päris "
            "tegevuse käigus.",
            "Keelepraktika toetusprogramm",
            [
                "Sobivad keeleklubid, ühised matkad, töötoad ja vabatahtlik tegevus, kus "
                "suheldakse eesti keeles.",
                "Eelistame projekte, mis toovad kokku eesti ja vene keelt kõnelevad osalejad.",
            ],
            "Keeleõppe valdkonna juht",
        ),
        (
            "Языковая практика эстонского в проектах сообществ",
            "Поддержка проектов, в которых взрослые практикуют эстонский язык в реальной "
            "совместной деятельности.",
            "Программа поддержки языковой практики",
            [
                "Подходят языковые клубы, совместные походы, мастерские и волонтёрство, где "
                "общение идёт на эстонском.",
                "Предпочтение отдаётся проектам, которые объединяют эсто- и русскоязычных "
                "участников.",
            ],
            "Руководитель направления языкового обучения",
        ),
    ),
    _call(
        "erasmus-noorsootootajate-opiranne",
        "harno",
        (-60, 1),
        (900_000, None, 60_000),
        ["ngo", "foundation", "local-government", "informal-group"],
        ["youth", "education"],
        ["all"],
        ["et", "en"],
        "https://harno.ee/erasmus-noored",
        (
            "Erasmus+ noorsootöötajate õpirändeprojektid",
            "Rahvusvahelised koolitused, seminarid ja varjutamised noorsootöötajatele.",
            "Erasmus+ noortevaldkond, võtmetegevus 1",
            [
                "Projektis osalevad vähemalt kahe riigi organisatsioonid, tegevused kestavad "
                "2 kuni 60 päeva.",
                "Taotlus esitatakse Euroopa Komisjoni veebivormil inglise või eesti keeles.",
            ],
            "Erasmus+ noortevaldkonna konsultant",
        ),
        (
            "Erasmus+: мобильность молодёжных работников",
            "Международные тренинги, семинары и стажировки для молодёжных работников.",
            "Erasmus+ для молодёжи, ключевое действие 1",
            [
                "В проекте участвуют организации как минимум из двух стран, мероприятия "
                "длятся от 2 до 60 дней.",
                "Заявка подаётся на веб-форме Европейской комиссии на английском или "
                "эстонском языке.",
            ],
            "Консультант Erasmus+ по молодёжи",
        ),
    ),
    _call(
        "cerv-kodanike-osalus",
        "euroopa-komisjon",
        (-15, 45),
        (12_000_000, 75_000, 300_000),
        ["ngo", "foundation", "local-government"],
        ["human-rights", "community-development"],
        ["all"],
        ["en"],
        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/cerv",
        (
            "CERV: kodanike kaasamine ja osalus",
            "Euroopa projektid, mis suurendavad kodanike osalust demokraatlikus elus.",
            "Kodanikud, võrdõiguslikkus, õigused ja väärtused (CERV)",
            [
                "Projekt tuleb ellu viia vähemalt kolme riigi partneritega ja see võib "
                "kesta kuni kaks aastat.",
                "Taotlus esitatakse inglise keeles Euroopa Komisjoni rahastuse portaalis.",
            ],
            "CERV-i kontaktpunkt Eestis",
        ),
        (
            "CERV: вовлечение и участие граждан",
            "Европейские проекты, которые расширяют участие граждан в демократической жизни.",
            "Граждане, равенство, права и ценности (CERV)",
            [
                "Проект осуществляется с партнёрами не менее чем из трёх стран и может "
                "длиться до двух лет.",
                "Заявка подаётся на английском языке на портале финансирования Европейской "
                "комиссии.",
            ],
            "Контактный пункт CERV в Эстонии",
        ),
    ),
    _call(
        "kogukondade-koostooprojektid",
        "kysk",
        (-5, 25),
        (400_000, 3_000, 25_000),
        ["ngo", "foundation"],
        ["community-development", "integration"],
        ["all"],
        ["et"],
        "https://www.kysk.ee/koostooprojektid",
        (
            "Kogukondade ja vabaühenduste koostööprojektid",
            "Toetus ühisprojektidele, kus eesti- ja venekeelsed ühendused lahendavad koos "
            "kohalikku probleemi.",
            "Koostööprojektide taotlusvoor",
            [
                "Projektil peab olema vähemalt kaks partnerit, kelle tööskeel on erinev.",
                "Toetame ühiseid sündmusi, vabatahtlike vahetust ja kogemuste jagamist.",
            ],
            "Koostööprojektide programmijuht",
        ),
        (
            "Совместные проекты сообществ и НКО",
            "Поддержка совместных проектов, в которых эсто- и русскоязычные объединения "
            "вместе решают местную проблему.",
            "Конкурс совместных проектов",
            [
                "У проекта должно быть не менее двух партнёров с разным рабочим языком.",
                "Поддерживаем совместные мероприятия, обмен волонтёрами и обмен опытом.",
            ],
            "Руководитель программы совместных проектов",
        ),
    ),
    _call(
        "tartu-noorsootoo-projektitoetus",
        "tartu",
        (-10, 20),
        (60_000, 500, 6_000),
        ["ngo", "informal-group"],
        ["youth"],
        ["tartu"],
        ["et"],
        "https://www.tartu.ee/noorsootoo-toetused",
        (
            "Tartu linna noorsootöö projektitoetus",
            "Noorte omaalgatus, huvitegevus ja noortelaagrid Tartus.",
            "Noorsootöö projektitoetus",
            [
                "Projekti sihtrühm on 7–26-aastased Tartu noored.",
                "Noorte omaalgatusprojektide puhul võib taotlejaks olla ka noorte rühm koos "
                "täisealise juhendajaga.",
            ],
            "Noorsootöö spetsialist",
        ),
        (
            "Поддержка молодёжной работы в Тарту",
            "Молодёжные инициативы, кружки и молодёжные лагеря в Тарту.",
            "Поддержка проектов молодёжной работы",
            [
                "Целевая группа проекта — молодёжь Тарту в возрасте от 7 до 26 лет.",
                "Для молодёжных инициатив заявителем может быть и группа молодых людей с "
                "совершеннолетним руководителем.",
            ],
            "Специалист по молодёжной работе",
        ),
    ),
    _call(
        "kohalikud-keskkonnaprojektid",
        "kik",
        (-3, 60),
        (1_500_000, 2_000, 50_000),
        ["ngo", "foundation", "local-government", "company"],
        ["environment"],
        ["all"],
        ["et"],
        "https://kik.ee/taotlusvoorud/keskkonnaprogramm",
        (
            "Keskkonnaprogrammi kohalikud projektid",
            "Keskkonnateadlikkuse, looduskaitse ja ringmajanduse projektid üle Eesti.",
            "Keskkonnaprogramm",
            [
                "Toetatakse õppepäevi, loodusradade korrastamist ja taaskasutuse algatusi.",
                "Taotlus esitatakse e-toetuste keskkonnas, mille kasutamist tutvustame infopäeval.",
            ],
            "Keskkonnaprogrammi koordinaator",
        ),
        (
            "Местные проекты Программы окружающей среды",
            "Проекты экологического просвещения, охраны природы и экономики замкнутого "
            "цикла по всей Эстонии.",
            "Программа окружающей среды",
            [
                "Поддерживаются учебные дни, обустройство природных троп и инициативы по "
                "повторному использованию.",
                "Заявка подаётся в среде электронных пособий, работу с которой мы покажем на "
                "информационном дне.",
            ],
            "Координатор Программы окружающей среды",
        ),
    ),
    _call(
        "amif-uussisserandajate-kohanemine",
        "siseministeerium",
        (10, 70),
        (1_000_000, 20_000, 150_000),
        ["ngo", "foundation", "local-government"],
        ["integration", "social-welfare"],
        ["all"],
        ["et", "en"],
        "https://www.siseministeerium.ee/amif",
        (
            "AMIF: uussisserändajate kohanemise toetamine",
            "Nõustamine, keeleõpe ja tugivõrgustikud Eestisse hiljuti saabunud inimestele.",
            "Varjupaiga-, Rände- ja Integratsioonifond (AMIF)",
            [
                "Sihtrühm on kuni viis aastat Eestis elanud kolmandate riikide kodanikud.",
                "Projekt võib kesta kuni 36 kuud; omafinantseering on 10 protsenti.",
            ],
            "AMIF-i fondijuht",
        ),
        (
            "AMIF: поддержка адаптации новых иммигрантов",
            "Консультирование, изучение языка и сети поддержки для недавно приехавших в "
            "Эстонию людей.",
            "Фонд убежища, миграции и интеграции (AMIF)",
            [
                "Целевая группа — граждане третьих стран, живущие в Эстонии не более пяти лет.",
                "Проект может длиться до 36 месяцев; самофинансирование — 10 процентов.",
            ],
            "Руководитель фонда AMIF",
        ),
    ),
    _call(
        "eesti-ja-venekeelsete-noorte-uhisprojektid",
        "integratsiooni-sihtasutus",
        (20, 55),
        (120_000, 1_000, 8_000),
        ["ngo", "informal-group", "local-government"],
        ["youth", "integration"],
        ["all"],
        ["et", "ru"],
        "https://www.integratsioon.ee/taotlusvoorud/noorte-uhisprojektid",
        (
            "Eesti- ja venekeelsete noorte ühisprojektid",
            "Laagrid, vahetused ja ühised ettevõtmised eri emakeelega noortele.",
            "Noorte lõimumisprogramm",
            [
                "Projektis osalevad noored nii eesti- kui venekeelsest koolist või "
                "noortekeskusest.",
                "Tegevused peavad toimuma valdavalt eesti keeles ja kestma vähemalt kolm päeva.",
            ],
            "Noorteprogrammide koordinaator",
        ),
        (
            "Совместные проекты эсто- и русскоязычной молодёжи",
            "Лагеря, обмены и совместные дела для молодёжи с разным родным языком.",
            "Программа интеграции молодёжи",
            [
                "В проекте участвуют молодые люди как из эстоноязычной, так и из "
                "русскоязычной школы или молодёжного центра.",
                "Мероприятия должны проходить преимущественно на эстонском языке и длиться "
                "не менее трёх дней.",
            ],
            "Координатор молодёжных программ",
        ),
    ),
    _call(
        "tallinna-kogukondlikud-algatused-2",
        "tallinn",
        (5, 40),
        (150_000, 500, 5_000),
        ["ngo", "informal-group"],
        ["community-development", "volunteering"],
        ["harju"],
        ["et", "ru"],
        "https://www.tallinn.ee/kogukonnad/toetused",
        (
            "Tallinna kogukondlike algatuste toetus, II voor",
            "Sügisvoor asumiseltsidele ja kortermajade kogukondadele naabrite ühistegevuseks.",
            "Kogukondlike algatuste toetus",
            [
                "Sügisvoorus eelistatakse algatusi, mis toovad kokku eri põlvkondi.",
                "Taotlusi saab esitada linna e-teeninduses eesti või vene keeles.",
            ],
            "Linnaosa kogukonnaspetsialist",
        ),
        (
            "Поддержка общественных инициатив Таллинна, II тур",
            "Осенний тур для обществ микрорайонов и сообществ многоквартирных домов.",
            "Поддержка общественных инициатив",
            [
                "В осеннем туре предпочтение отдаётся инициативам, которые объединяют разные "
                "поколения.",
                "Заявки можно подать в городском э-сервисе на эстонском или русском языке.",
            ],
            "Специалист по работе с сообществами",
        ),
    ),
]

CONTACT_NAMES = [
    "Mari Tamm",
    "Jaanus Kask",
    "Olga Ivanova",
    "Kadri Saar",
    "Sergei Petrov",
    "Liis Mets",
]


def _at(days, hour, minute):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def ensure_funders(locales):
    funders = {}
    for slug, data in FUNDERS.items():
        source = Funder.objects.filter(slug=slug, locale=locales["et"]).first()
        name, description = data["et"]
        if source is None:
            source = Funder.objects.create(
                slug=slug,
                locale=locales["et"],
                name=name,
                description=description,
                website=data["website"],
            )
        else:
            Funder.objects.filter(pk=source.pk).update(
                name=name, description=description, website=data["website"]
            )
        name, description = data["ru"]
        russian = Funder.objects.filter(slug=slug, locale=locales["ru"]).first()
        if russian is None:
            russian = source.copy_for_translation(locales["ru"])
        russian.name, russian.description, russian.website = name, description, data["website"]
        russian.save()
        funders[slug] = {"et": source, "ru": russian}
    return funders


def _body(texts, index):
    paragraphs, role = texts[3], texts[4]
    name = CONTACT_NAMES[index % len(CONTACT_NAMES)]
    email = f"{name.split()[0].lower()}@example.ee"
    return [
        ("paragraph", "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)),
        ("contact", {"name": name, "role": role, "email": email, "phone": "+372 600 1234"}),
    ]


def _translations_of(spec):
    """Estonian string -> Russian string, for every translatable text of a call."""
    et, ru = spec["et"], spec["ru"]
    pairs = {et[0]: ru[0], et[1]: ru[1], et[2]: ru[2], et[4]: ru[4]}
    pairs.update(zip(et[3], ru[3], strict=True))
    return pairs


def _ensure_source(spec, index, parent, funders, taxonomy):
    title, introduction, programme = spec["et"][:3]
    opening, deadline = spec["offsets"]
    budget, grant_min, grant_max = spec["money"]
    fields = {
        "title": title,
        "introduction": introduction,
        "programme": programme,
        "funder": funders[spec["funder"]]["et"],
        "opens_at": _at(opening, 10, 0),
        "deadline": _at(deadline, 23, 59),
        "budget_total": budget,
        "grant_min": grant_min,
        "grant_max": grant_max,
        "eligible_applicants": spec["eligible"],
        "regions": spec["regions"],
        "application_languages": spec["languages"],
        "official_url": spec["url"],
    }
    topics = [taxonomy[slug] for slug in spec["topics"]]
    page = CallPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    body = _body(spec["et"], index)
    if page is None:
        page = CallPageFactory(
            parent=parent, slug=spec["slug"], topics=topics, body=body, revision=True, **fields
        )
        return page, True
    changed = (
        any(not _same(getattr(page, name), value) for name, value in fields.items())
        or {topic.pk for topic in page.topics.all()} != {topic.pk for topic in topics}
        or _stream(page.body) != _stream(CallPage(body=body).body)
        or not page.live
        or page.has_unpublished_changes
    )
    if changed:
        for name, value in fields.items():
            setattr(page, name, value)
        page.topics = topics
        page.body = body
        page.save_revision().publish()
        page = CallPage.objects.get(pk=page.pk)
    return page, changed


def _same(current, wanted):
    if isinstance(wanted, list):  # choice lists are stored in the order of the choices
        return set(current) == set(wanted)
    return current == wanted


def _stream(value):
    """A StreamField's content without the random block ids, for comparison."""
    return [(block["type"], block["value"]) for block in value.get_prep_value()]


@transaction.atomic
def seed():
    locales = ensure_locales()
    homes = ensure_home_pages()
    indexes = ensure_translated_page(
        CallIndexPage, homes, "calls", INDEX_CONTENT, show_in_menus=True
    )
    taxonomy = ensure_vocabularies()["activity_fields"]
    funders = ensure_funders(locales)
    calls = []
    for index, spec in enumerate(CALLS):
        source, changed = _ensure_source(spec, index, indexes["et"], funders, taxonomy)
        russian = translate_page(source, locales["ru"], _translations_of(spec), changed)
        calls.append({"et": source, "ru": russian})
    return {"call_indexes": indexes, "calls": calls, "funders": funders}
