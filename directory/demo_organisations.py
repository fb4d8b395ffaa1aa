"""Demo organisations: how Russian- and Estonian-speaking NGOs of Estonia describe
themselves. Invented, but written as real profiles are: names, places and fields are
realistic, registry codes are valid (8… for associations, 9… for foundations), contacts use
the reserved ``.example`` domain."""


def v(title, introduction, description, target_groups="", partner_wanted="", short_name=""):
    return {
        "title": title,
        "short_name": short_name,
        "introduction": introduction,
        "description": description,
        "target_groups": target_groups,
        "partner_wanted": partner_wanted,
    }


# slug, registered name, code number, legal form, founded, county, town, fields,
# working languages ("ru et en" + other), looking for partners, versions by language
ORGANISATIONS = [
    {
        "slug": "narva-noortekeskus",
        "name": "MTÜ Narva Noortekeskus",
        "code": 1001,
        "year": 2004,
        "county": "ida-viru",
        "town": "Narva",
        "fields": ["youth", "education", "volunteering"],
        "languages": "ru et",
        "partners": True,
        "versions": {
            "ru": v(
                "Нарвский молодёжный центр",
                "Открытое пространство для подростков Нарвы: кружки, проекты и первая работа.",
                "Мы работаем с молодёжью Нарвы с 2004 года. Каждую неделю у нас проходят "
                "занятия по робототехнике, видеосъёмке и эстонскому языку, а летом — "
                "трудовой лагерь для подростков. Молодые люди сами предлагают и ведут "
                "проекты, мы помогаем с наставниками и финансированием.",
                "подростки 12–19 лет, молодые люди до 26 лет",
                "Ищем эстоноязычный молодёжный центр из Тарту или Вильянди для совместного "
                "летнего лагеря и обмена группами в 2026 году.",
            ),
            "et": v(
                "Narva Noortekeskus",
                "Avatud noortekeskus Narvas: huviringid, projektid ja esimene töökogemus.",
                "Teeme Narva noortega tööd alates 2004. aastast. Igal nädalal toimuvad "
                "robootika-, videotöö- ja eesti keele ringid, suvel malev. Noored algatavad "
                "ise projekte, meie leiame juhendajad ja raha.",
                "noored vanuses 12–26",
                "Otsime eestikeelset noortekeskust Tartust või Viljandist, et korraldada "
                "ühine suvelaager ja noortevahetus 2026. aastal.",
            ),
        },
    },
    {
        "slug": "johvi-vabatahtlike-keskus",
        "name": "MTÜ Jõhvi Vabatahtlike Keskus",
        "code": 1002,
        "year": 2011,
        "county": "ida-viru",
        "town": "Jõhvi",
        "fields": ["volunteering", "community-development"],
        "languages": "ru et",
        "partners": False,
        "versions": {
            "ru": v(
                "Йыхвиский центр добровольцев",
                "Соединяем тех, кто хочет помочь, с теми, кому нужна помощь.",
                "Мы ведём базу добровольцев Ида-Вирумаа и помогаем организациям находить "
                "волонтёров для мероприятий, социальных проектов и толок. Проводим обучение "
                "для координаторов волонтёров на русском и эстонском языках.",
                "жители Ида-Вирумаа, некоммерческие организации региона",
            ),
        },
    },
    {
        "slug": "kohtla-jarve-pensionaride-selts",
        "name": "MTÜ Kohtla-Järve Pensionäride Selts",
        "code": 1003,
        "year": 1998,
        "county": "ida-viru",
        "town": "Kohtla-Järve",
        "fields": ["social-welfare", "culture", "health"],
        "languages": "ru",
        "partners": True,
        "versions": {
            "ru": v(
                "Общество пенсионеров Кохтла-Ярве",
                "Клуб, хор и взаимопомощь для пожилых людей города.",
                "Наше общество объединяет около 300 пенсионеров. У нас есть хор «Рябинушка», "
                "группа скандинавской ходьбы, компьютерные курсы для начинающих и служба "
                "соседской помощи: волонтёры навещают одиноких пожилых людей.",
                "пенсионеры, одинокие пожилые люди",
                "Хотим найти эстоноязычный клуб пожилых для совместных концертов и поездок: "
                "нашим участникам важно общение и практика эстонского языка.",
            ),
        },
    },
    {
        "slug": "sillamae-kultuuriselts-slavjanka",
        "name": "MTÜ Sillamäe Kultuuriselts Slavjanka",
        "code": 1004,
        "year": 2001,
        "county": "ida-viru",
        "town": "Sillamäe",
        "fields": ["culture"],
        "languages": "ru",
        "partners": False,
        "versions": {
            "ru": v(
                "Культурное общество «Славянка»",
                "Народная песня и танец в Силламяэ.",
                "Ансамбль «Славянка» хранит русскую, украинскую и белорусскую песенную "
                "традицию. Мы выступаем на праздниках города, участвуем в Днях культуры "
                "национальных меньшинств и учим детей народным танцам.",
                "дети, семьи, любители народной музыки",
                short_name="Славянка",
            ),
        },
    },
    {
        "slug": "maardu-lastevanemate-liit",
        "name": "MTÜ Maardu Lastevanemate Liit",
        "code": 1005,
        "year": 2013,
        "county": "harju",
        "town": "Maardu",
        "fields": ["education", "community-development"],
        "languages": "ru et",
        "partners": True,
        "versions": {
            "ru": v(
                "Союз родителей Маарду",
                "Родители, которые хотят хорошую школу для своих детей.",
                "Мы организуем встречи родителей с учителями, лекции о переходе на обучение "
                "на эстонском языке и летние программы для детей. Помогаем семьям разобраться "
                "в школьной системе Эстонии.",
                "родители школьников, семьи с детьми",
                "Ищем партнёров среди эстоноязычных родительских объединений: хотим "
                "организовать совместные семейные выходные и обмен опытом.",
            ),
            "et": v(
                "Maardu Lastevanemate Liit",
                "Lapsevanemad, kes soovivad oma lastele head kooli.",
                "Korraldame lastevanemate ja õpetajate kohtumisi, loenguid eestikeelsele "
                "õppele ülemineku kohta ja suviseid programme lastele.",
                "kooliealiste laste vanemad",
                "Otsime eestikeelseid lastevanemate ühendusi ühiste pereürituste ja "
                "kogemuste vahetamiseks.",
            ),
        },
    },
    {
        "slug": "lasnamae-naabrid",
        "name": "MTÜ Lasnamäe Naabrid",
        "code": 1006,
        "year": 2016,
        "county": "harju",
        "town": "Tallinn",
        "fields": ["community-development", "environment"],
        "languages": "ru et en",
        "partners": True,
        "versions": {
            "ru": v(
                "Соседи Ласнамяэ",
                "Делаем дворы Ласнамяэ зелёными и дружными.",
                "Мы объединяем жителей многоэтажек Ласнамяэ: сажаем общественные огороды, "
                "устраиваем соседские праздники и толоки, добиваемся от города удобных "
                "дворов и детских площадок.",
                "жители Ласнамяэ, квартирные товарищества",
                "Ищем партнёров для проекта общественных огородов: нужен опыт эстонских "
                "городских садоводов.",
            ),
            "et": v(
                "Lasnamäe Naabrid",
                "Teeme Lasnamäe hoovid roheliseks ja sõbralikuks.",
                "Toome kokku Lasnamäe korterelamute elanikud: rajame kogukonnaaedu, "
                "korraldame naabrite päevi ja talguid.",
                "Lasnamäe elanikud, korteriühistud",
                "Otsime partnereid kogukonnaaedade projekti: vajame linnaaednike kogemust.",
            ),
            "en": v(
                "Lasnamäe Neighbours",
                "Making the courtyards of Lasnamäe green and friendly.",
                "We bring together residents of Lasnamäe's apartment blocks: community "
                "gardens, neighbours' days, clean-ups and a say in how the city plans "
                "courtyards and playgrounds.",
                "residents of Lasnamäe, apartment associations",
                "Looking for partners with urban gardening experience for our community "
                "gardens project.",
            ),
        },
    },
    {
        "slug": "tallinna-vene-teater-sober",
        "name": "MTÜ Teatristuudio Rampa",
        "code": 1007,
        "year": 2009,
        "county": "harju",
        "town": "Tallinn",
        "fields": ["culture", "youth"],
        "languages": "ru",
        "partners": False,
        "versions": {
            "ru": v(
                "Театральная студия «Рампа»",
                "Любительский театр для подростков и взрослых в Таллинне.",
                "Студия ставит два спектакля в год, проводит летнюю театральную школу и "
                "выезжает на фестивали любительских театров в Эстонии и Латвии.",
                "подростки от 14 лет, взрослые",
            ),
        },
    },
    {
        "slug": "integratsiooni-ja-keeleklubi-sild",
        "name": "MTÜ Keeleklubi Koos",
        "code": 1008,
        "year": 2015,
        "county": "harju",
        "town": "Tallinn",
        "fields": ["integration", "education"],
        "languages": "ru et en",
        "partners": True,
        "versions": {
            "ru": v(
                "Языковой клуб «Коос»",
                "Разговорный эстонский язык в кругу друзей.",
                "Каждую неделю мы собираем разговорные группы, где русскоязычные взрослые "
                "практикуют эстонский с эстонскими волонтёрами. Для новых иммигрантов есть "
                "группы на английском языке.",
                "взрослые, изучающие эстонский язык, новые иммигранты",
                "Ищем эстонские организации, которые готовы принимать участников клуба на "
                "языковую практику у себя.",
            ),
            "et": v(
                "Keeleklubi Koos",
                "Eesti keel sõprade seltsis.",
                "Igal nädalal kogunevad vestlusrühmad, kus venekeelsed täiskasvanud "
                "harjutavad eesti keelt vabatahtlikega.",
                "eesti keele õppijad, uussisserändajad",
                "Otsime eesti organisatsioone, kes võtaksid klubi liikmeid keelepraktikale.",
            ),
        },
    },
    {
        "slug": "ida-virumaa-inimoiguste-keskus",
        "name": "MTÜ Ida-Virumaa Õigusabi",
        "code": 1009,
        "year": 2012,
        "county": "ida-viru",
        "town": "Narva",
        "fields": ["human-rights", "integration"],
        "languages": "ru et en",
        "partners": False,
        "versions": {
            "ru": v(
                "Правовая помощь Ида-Вирумаа",
                "Бесплатные консультации по гражданству, работе и жилью.",
                "Юристы-волонтёры консультируют жителей Нарвы и окрестностей по вопросам "
                "гражданства, вида на жительство, трудовых споров и защиты от дискриминации.",
                "жители Ида-Вирумаа, люди без гражданства",
            ),
            "en": v(
                "Ida-Viru Legal Aid",
                "Free advice on citizenship, work and housing.",
                "Volunteer lawyers advise people in Narva and around on citizenship, residence "
                "permits, labour disputes and protection from discrimination.",
                "residents of Ida-Viru County, stateless people",
            ),
        },
    },
    {
        "slug": "narva-joesuu-merekool",
        "name": "MTÜ Narva-Jõesuu Merekool",
        "code": 1010,
        "year": 2018,
        "county": "ida-viru",
        "town": "Narva-Jõesuu",
        "fields": ["youth", "sport", "environment"],
        "languages": "ru et",
        "partners": True,
        "versions": {
            "ru": v(
                "Морская школа Нарва-Йыэсуу",
                "Парусный спорт и экология моря для детей.",
                "Учим детей ходить под парусом, проводим экологические экспедиции по реке "
                "Нарве и побережью Финского залива.",
                "дети и подростки 8–18 лет",
                "Ищем партнёрский яхт-клуб из Пярну или Хаапсалу для совместной регаты.",
            ),
        },
    },
    {
        "slug": "kivioli-kogukonnamaja",
        "name": "MTÜ Kiviõli Kogukonnamaja",
        "code": 1011,
        "year": 2019,
        "county": "ida-viru",
        "town": "Kiviõli",
        "fields": ["community-development", "social-welfare"],
        "languages": "ru et",
        "partners": False,
        "versions": {
            "et": v(
                "Kiviõli Kogukonnamaja",
                "Koht, kus linna inimesed saavad kokku.",
                "Kogukonnamajas on avatud köök, riiete taaskasutuspunkt ja ruum huviringidele. "
                "Suhtleme nii eesti kui vene keeles.",
                "Kiviõli elanikud, pered, eakad",
            ),
            "ru": v(
                "Общественный дом Кивиыли",
                "Место, где встречаются жители города.",
                "В общественном доме работают открытая кухня, пункт обмена одеждой и "
                "помещение для кружков. Говорим по-эстонски и по-русски.",
                "жители Кивиыли, семьи, пожилые люди",
            ),
        },
    },
    {
        "slug": "tartu-vene-kultuuri-selts",
        "name": "MTÜ Tartu Slaavi Kultuuri Selts",
        "code": 1012,
        "year": 1995,
        "county": "tartu",
        "town": "Tartu",
        "fields": ["culture", "education"],
        "languages": "ru et",
        "partners": False,
        "versions": {
            "ru": v(
                "Тартуское общество славянской культуры",
                "Литературные вечера, библиотека и воскресная школа в Тарту.",
                "Общество проводит литературные вечера, ведёт русскую библиотеку и "
                "воскресную школу для детей. Каждый год организуем Дни славянской "
                "письменности вместе с Тартуским университетом.",
                "русскоязычные жители Тарту, студенты",
            ),
        },
    },
    {
        "slug": "parnu-vene-noored",
        "name": "MTÜ Pärnu Noorte Algatus",
        "code": 1013,
        "year": 2020,
        "county": "parnu",
        "town": "Pärnu",
        "fields": ["youth", "volunteering"],
        "languages": "ru et",
        "partners": True,
        "versions": {
            "ru": v(
                "Молодёжная инициатива Пярну",
                "Молодёжь Пярну делает город интереснее.",
                "Мы организуем молодёжные фестивали, дебаты и волонтёрские акции. Наши "
                "участники говорят по-русски и по-эстонски и хотят делать проекты вместе.",
                "молодёжь 15–26 лет",
                "Ищем молодёжные организации Ида-Вирумаа для обмена молодёжными группами.",
            ),
        },
    },
    {
        "slug": "valga-piirilinna-selts",
        "name": "MTÜ Valga Piirilinna Selts",
        "code": 1014,
        "year": 2007,
        "county": "valga",
        "town": "Valga",
        "fields": ["community-development", "culture"],
        "languages": "ru et en",
        "partners": True,
        "versions": {
            "et": v(
                "Valga Piirilinna Selts",
                "Valga ja Valka: üks linn kahes riigis.",
                "Korraldame Eesti-Läti piirilinna festivale, ühiseid kontserte ja "
                "linnaretki eesti, läti ja vene keeles.",
                "Valga ja Valka elanikud",
                "Otsime kultuuriühendusi, kes tahaksid osaleda piirilinna festivalil.",
            ),
            "en": v(
                "Valga Border Town Society",
                "Valga and Valka: one town in two countries.",
                "We organise Estonian-Latvian border town festivals, joint concerts and town "
                "walks in Estonian, Latvian and Russian.",
                "people of Valga and Valka",
                "Looking for cultural associations to take part in the border town festival.",
            ),
        },
    },
    {
        "slug": "ukraina-kultuurikeskus-tallinn",
        "name": "MTÜ Ukraina Kultuurikeskus",
        "code": 1015,
        "year": 2003,
        "county": "harju",
        "town": "Tallinn",
        "fields": ["culture", "integration"],
        "languages": "ru et",
        "other": "українська",
        "partners": False,
        "versions": {
            "ru": v(
                "Украинский культурный центр",
                "Украинская культура и поддержка беженцев в Таллинне.",
                "Центр проводит курсы эстонского языка для беженцев из Украины, концерты и "
                "выставки, помогает семьям освоиться в Эстонии.",
                "беженцы из Украины, украинская община",
            ),
            "et": v(
                "Ukraina Kultuurikeskus",
                "Ukraina kultuur ja sõjapõgenike tugi Tallinnas.",
                "Keskus korraldab Ukraina sõjapõgenikele eesti keele kursusi, kontserte ja "
                "näitusi ning aitab peredel Eestis kohaneda.",
                "Ukraina sõjapõgenikud",
            ),
        },
    },
    {
        "slug": "narva-male-klubi",
        "name": "MTÜ Narva Maleklubi",
        "code": 1016,
        "year": 1997,
        "county": "ida-viru",
        "town": "Narva",
        "fields": ["sport", "youth"],
        "languages": "ru",
        "partners": False,
        "versions": {
            "ru": v(
                "Нарвский шахматный клуб",
                "Шахматы для детей и взрослых.",
                "Клуб проводит тренировки для детей с 6 лет, городские турниры и "
                "командные матчи с клубами Таллинна и Тарту.",
                "дети с 6 лет, взрослые",
            ),
        },
    },
    {
        "slug": "paldiski-kogukonnaselts",
        "name": "MTÜ Paldiski Kogukonnaselts",
        "code": 1017,
        "year": 2014,
        "county": "harju",
        "town": "Paldiski",
        "fields": ["community-development", "environment"],
        "languages": "ru et",
        "partners": True,
        "versions": {
            "ru": v(
                "Общество жителей Палдиски",
                "Чистое побережье и живая городская среда.",
                "Мы проводим толоки на побережье, восстанавливаем тропу на Пакри и "
                "организуем городские праздники. Участники говорят на двух языках.",
                "жители Палдиски",
                "Ищем партнёров для проекта по очистке побережья — лучше всего из Сааремаа "
                "или Хийумаа.",
            ),
            "et": v(
                "Paldiski Kogukonnaselts",
                "Puhas rannik ja elav linnaruum.",
                "Korraldame ranna-talguid, taastame Pakri matkarada ja korraldame linnapäevi.",
                "Paldiski elanikud",
                "Otsime partnereid rannikukoristuse projekti, eelistatult Saaremaalt või "
                "Hiiumaalt.",
            ),
        },
    },
    {
        "slug": "vene-emade-klubi-tartu",
        "name": "MTÜ Perekeskus Pesake",
        "code": 1018,
        "year": 2010,
        "county": "tartu",
        "town": "Tartu",
        "fields": ["social-welfare", "education"],
        "languages": "ru et",
        "partners": False,
        "versions": {
            "ru": v(
                "Семейный центр «Гнёздышко»",
                "Поддержка молодых семей в Тарту.",
                "Группы для мам с малышами, консультации психолога, двуязычный детский клуб.",
                "молодые семьи, мамы в декрете",
            ),
        },
    },
    {
        "slug": "ida-viru-meediakeskus",
        "name": "MTÜ Ida-Viru Meediakeskus",
        "code": 1019,
        "year": 2017,
        "county": "ida-viru",
        "town": "Jõhvi",
        "fields": ["media", "youth", "education"],
        "languages": "ru et en",
        "partners": True,
        "versions": {
            "ru": v(
                "Медиацентр Ида-Вирумаа",
                "Учим подростков отличать новости от пропаганды.",
                "Мы проводим уроки медиаграмотности в школах, ведём молодёжную редакцию "
                "подкастов и обучаем журналистов местных СМИ.",
                "школьники, учителя, местные журналисты",
                "Ищем эстоноязычную школу или медиаклуб для совместного подкаста на двух языках.",
            ),
            "et": v(
                "Ida-Viru Meediakeskus",
                "Õpetame noori eristama uudiseid propagandast.",
                "Anname koolides meediapädevuse tunde, peame noorte podcastitoimetust ja "
                "koolitame kohalikke ajakirjanikke.",
                "õpilased, õpetajad, ajakirjanikud",
                "Otsime eestikeelset kooli või meediaklubi kakskeelse podcasti tegemiseks.",
            ),
            "en": v(
                "Ida-Viru Media Centre",
                "Teaching teenagers to tell news from propaganda.",
                "We give media literacy lessons in schools, run a youth podcast newsroom and "
                "train local journalists.",
                "pupils, teachers, local journalists",
                "Looking for an Estonian-speaking school or media club for a bilingual podcast.",
            ),
        },
    },
    {
        "slug": "tallinna-puuetega-inimeste-abi",
        "name": "MTÜ Tugikäsi",
        "code": 1020,
        "year": 2008,
        "county": "harju",
        "town": "Tallinn",
        "fields": ["social-welfare", "health"],
        "languages": "ru",
        "partners": False,
        "versions": {
            "ru": v(
                "«Рука поддержки»",
                "Помощь людям с инвалидностью и их близким.",
                "Консультируем по социальным пособиям, ведём группы поддержки для родителей "
                "детей с особыми потребностями, организуем транспорт к врачам.",
                "люди с инвалидностью, их семьи",
            ),
        },
    },
    {
        "slug": "narva-hoiukodu",
        "name": "SA Narva Heategevusfond",
        "code": 1021,
        "form": "foundation",
        "year": 2006,
        "county": "ida-viru",
        "town": "Narva",
        "fields": ["social-welfare", "volunteering"],
        "languages": "ru et",
        "partners": True,
        "versions": {
            "ru": v(
                "Нарвский благотворительный фонд",
                "Продуктовая помощь и поддержка малоимущих семей.",
                "Фонд собирает и раздаёт продуктовые наборы, организует сбор школьных "
                "принадлежностей и новогодние подарки детям из малоимущих семей.",
                "малоимущие семьи, пожилые люди",
                "Ищем продовольственные банки и фонды из других уездов для обмена опытом.",
            ),
        },
    },
    # --- Estonian-speaking organisations ------------------------------------------------
    {
        "slug": "tartu-noorte-omaalgatus",
        "name": "MTÜ Tartu Noorte Omaalgatus",
        "code": 2001,
        "year": 2012,
        "county": "tartu",
        "town": "Tartu",
        "fields": ["youth", "volunteering"],
        "languages": "et",
        "partners": True,
        "versions": {
            "et": v(
                "Tartu Noorte Omaalgatus",
                "Noorte ideed saavad Tartus teoks.",
                "Aitame Tartu noortel oma projekte ellu viia: nõustame, leiame mentorid ja "
                "raha. Korraldame igal sügisel noorte algatuste laada.",
                "noored vanuses 13–26",
                "Otsime venekeelset noorteühendust Ida-Virumaalt ühiseks noortevahetuseks "
                "ja suvelaagriks.",
            ),
        },
    },
    {
        "slug": "viljandi-kultuuriakadeemia-sober",
        "name": "MTÜ Viljandi Pärimusmuusika Sõbrad",
        "code": 2002,
        "year": 2005,
        "county": "viljandi",
        "town": "Viljandi",
        "fields": ["culture", "education"],
        "languages": "et en",
        "partners": True,
        "versions": {
            "et": v(
                "Viljandi Pärimusmuusika Sõbrad",
                "Pärimusmuusika õpitoad ja kontserdid Viljandis.",
                "Korraldame pärimusmuusika õpitubasid lastele ja täiskasvanutele, toetame "
                "noori muusikuid ja aitame korraldada folgifestivali.",
                "muusikahuvilised, noored muusikud",
                "Otsime vene kultuuriseltsi, kellega teha ühine pärimusmuusika kontsert.",
            ),
            "en": v(
                "Friends of Viljandi Folk Music",
                "Folk music workshops and concerts in Viljandi.",
                "We run folk music workshops for children and adults, support young musicians "
                "and help organise the folk festival.",
                "music lovers, young musicians",
                "Looking for a Russian cultural society for a joint folk music concert.",
            ),
        },
    },
    {
        "slug": "parnumaa-kuladeliit",
        "name": "MTÜ Pärnumaa Külade Liit",
        "code": 2003,
        "year": 2001,
        "county": "parnu",
        "town": "Pärnu",
        "fields": ["community-development"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Pärnumaa Külade Liit",
                "Külaseltside katusorganisatsioon Pärnumaal.",
                "Ühendame üle 60 külaseltsi. Nõustame külavanemaid, korraldame külade päeva "
                "ja esindame maapiirkondade huve maakonnas.",
                "külaseltsid, külavanemad",
            ),
        },
    },
    {
        "slug": "saaremaa-loodusturism",
        "name": "MTÜ Saaremaa Looduse Sõbrad",
        "code": 2004,
        "year": 2010,
        "county": "saare",
        "town": "Kuressaare",
        "fields": ["environment", "education"],
        "languages": "et en",
        "partners": True,
        "versions": {
            "et": v(
                "Saaremaa Looduse Sõbrad",
                "Loodusharidus ja rannikute hoid Saaremaal.",
                "Viime läbi loodusõpperetki koolidele, koristame randu ja loendame "
                "rändlinde koos vabatahtlikega.",
                "koolid, loodushuvilised, vabatahtlikud",
                "Otsime Ida-Virumaa kooli või noorteühendust, kes tahaks tulla Saaremaale "
                "loodusõppelaagrisse.",
            ),
        },
    },
    {
        "slug": "hiiumaa-kogukonnaradio",
        "name": "MTÜ Hiiu Kogukonnaraadio",
        "code": 2005,
        "year": 2016,
        "county": "hiiu",
        "town": "Kärdla",
        "fields": ["media", "community-development"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Hiiu Kogukonnaraadio",
                "Saarel tehtud raadio saare inimestele.",
                "Vabatahtlikud toimetajad teevad saateid kohalikust elust, kultuurist ja "
                "ettevõtlusest. Koolitame noori raadiotegijaid.",
                "hiidlased, noored raadiotegijad",
            ),
        },
    },
    {
        "slug": "rakvere-eakate-klubi",
        "name": "MTÜ Rakvere Eakate Klubi",
        "code": 2006,
        "year": 1999,
        "county": "laane-viru",
        "town": "Rakvere",
        "fields": ["social-welfare", "culture", "health"],
        "languages": "et",
        "partners": True,
        "versions": {
            "et": v(
                "Rakvere Eakate Klubi",
                "Seltsielu, liikumine ja õppimine eakatele.",
                "Klubis tegutsevad koor, tantsurühm, arvutiring ja kepikõnni rühm. Korraldame "
                "ekskursioone ja tervisepäevi.",
                "eakad, pensionärid",
                "Otsime venekeelset pensionäride ühendust ühisteks kontsertideks ja "
                "väljasõitudeks.",
            ),
        },
    },
    {
        "slug": "voru-seto-kultuur",
        "name": "MTÜ Võru Kandi Kultuuriselts",
        "code": 2007,
        "year": 2003,
        "county": "voru",
        "town": "Võru",
        "fields": ["culture"],
        "languages": "et",
        "other": "võru keel",
        "partners": False,
        "versions": {
            "et": v(
                "Võru Kandi Kultuuriselts",
                "Võru keel ja kultuur elavaks.",
                "Korraldame võrukeelseid kirjandusõhtuid, laulupäevi ja keelepesasid lastele.",
                "võrukesed, keelehuvilised",
            ),
        },
    },
    {
        "slug": "polva-noortekeskus",
        "name": "MTÜ Põlva Avatud Noortekeskus",
        "code": 2008,
        "year": 2002,
        "county": "polva",
        "town": "Põlva",
        "fields": ["youth", "sport"],
        "languages": "et",
        "partners": True,
        "versions": {
            "et": v(
                "Põlva Avatud Noortekeskus",
                "Avatud uksed ja huvitav vaba aeg Põlva noortele.",
                "Noortekeskuses on mängutuba, spordisaal ja stuudio. Korraldame "
                "noortemalevat ja väljasõite.",
                "noored vanuses 7–26",
                "Otsime partnerit Narvast või Sillamäelt noortevahetuseks.",
            ),
        },
    },
    {
        "slug": "haapsalu-merepaasteselts",
        "name": "MTÜ Haapsalu Vabatahtlik Merepääste",
        "code": 2009,
        "year": 2008,
        "county": "laane",
        "town": "Haapsalu",
        "fields": ["volunteering", "sport"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Haapsalu Vabatahtlik Merepääste",
                "Vabatahtlikud päästjad Läänemaa rannikul.",
                "Meie vabatahtlikud valvavad suvel randu, koolitavad lapsi veeohutuse "
                "teemal ja aitavad merel hätta sattunuid.",
                "lapsed, rannakülastajad",
            ),
        },
    },
    {
        "slug": "jogeva-kogukonnaaed",
        "name": "MTÜ Jõgeva Kogukonnaaed",
        "code": 2010,
        "year": 2021,
        "county": "jogeva",
        "town": "Jõgeva",
        "fields": ["environment", "community-development"],
        "languages": "et",
        "partners": True,
        "versions": {
            "et": v(
                "Jõgeva Kogukonnaaed",
                "Linnaaed, kus naabrid kasvatavad koos.",
                "Rajasime kesklinna kogukonnaaia, kus on 40 peenart, kompostiväljak ja "
                "õppepeenrad lasteaedadele.",
                "linnaelanikud, lasteaiad",
                "Jagame kogemust ja otsime partnerit linnast, kus kogukonnaaeda alles plaanitakse.",
            ),
        },
    },
    {
        "slug": "paide-teatrisober",
        "name": "MTÜ Järvamaa Harrastusteater",
        "code": 2011,
        "year": 2006,
        "county": "jarva",
        "town": "Paide",
        "fields": ["culture", "youth"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Järvamaa Harrastusteater",
                "Harrastusteater Paides.",
                "Lavastame kaks etendust aastas ja korraldame noorte teatrilaagri.",
                "teatrihuvilised noored ja täiskasvanud",
            ),
        },
    },
    {
        "slug": "rapla-naiste-tugikeskus",
        "name": "MTÜ Rapla Naiste Tugikeskus",
        "code": 2012,
        "year": 2009,
        "county": "rapla",
        "town": "Rapla",
        "fields": ["social-welfare", "human-rights"],
        "languages": "et ru",
        "partners": False,
        "versions": {
            "et": v(
                "Rapla Naiste Tugikeskus",
                "Tugi lähisuhtevägivalla all kannatanud naistele.",
                "Pakume nõustamist, turvalist majutust ja õigusabi. Nõustame ka vene keeles.",
                "naised ja nende lapsed",
            ),
            "ru": v(
                "Центр поддержки женщин Рапла",
                "Помощь женщинам, пострадавшим от насилия в семье.",
                "Консультации, безопасное жильё и юридическая помощь. Консультируем и "
                "на русском языке.",
                "женщины и их дети",
            ),
        },
    },
    {
        "slug": "tartu-keskkonnaharidus",
        "name": "SA Tartu Keskkonnahariduse Keskus",
        "code": 2013,
        "form": "foundation",
        "year": 2000,
        "county": "tartu",
        "town": "Tartu",
        "fields": ["environment", "education"],
        "languages": "et en",
        "partners": True,
        "versions": {
            "et": v(
                "Tartu Keskkonnahariduse Keskus",
                "Keskkonnaharidus lasteaedadele ja koolidele.",
                "Korraldame õppeprogramme Emajõe luhal, koolitame õpetajaid ja viime läbi "
                "kliimateemalisi noorteprojekte.",
                "lasteaiad, koolid, õpetajad",
                "Otsime venekeelseid koole Ida-Virumaalt ühiseks kliimaprojektiks.",
            ),
            "en": v(
                "Tartu Environmental Education Centre",
                "Environmental education for kindergartens and schools.",
                "We run study programmes on the Emajõgi floodplain, train teachers and lead "
                "climate projects for young people.",
                "kindergartens, schools, teachers",
                "Looking for Russian-speaking schools in Ida-Viru County for a joint climate "
                "project.",
            ),
        },
    },
    {
        "slug": "kardla-kunstiselts",
        "name": "MTÜ Hiiumaa Kunstiselts",
        "code": 2014,
        "year": 2013,
        "county": "hiiu",
        "town": "Kärdla",
        "fields": ["culture"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Hiiumaa Kunstiselts",
                "Saare kunstnikud ja nende näitused.",
                "Korraldame suviseid näitusi, kunstilaagreid ja õpitubasid saare lastele.",
                "kunstihuvilised, lapsed",
            ),
        },
    },
    {
        "slug": "tallinna-vabatahtlike-liikumine",
        "name": "MTÜ Tallinna Vabatahtlikud",
        "code": 2015,
        "year": 2011,
        "county": "harju",
        "town": "Tallinn",
        "fields": ["volunteering", "social-welfare"],
        "languages": "et en",
        "partners": True,
        "versions": {
            "et": v(
                "Tallinna Vabatahtlikud",
                "Vabatahtlik tegevus igale linlasele.",
                "Vahendame vabatahtlikke hooldekodudele, toidupangale ja linna üritustele. "
                "Korraldame vabatahtlike koolitusi.",
                "vabatahtlikud, mittetulundusühingud",
                "Otsime venekeelseid ühendusi, kes vajaksid vabatahtlikke oma üritustele.",
            ),
            "en": v(
                "Tallinn Volunteers",
                "Volunteering for everyone in the city.",
                "We match volunteers with care homes, the food bank and city events, and "
                "train volunteer coordinators.",
                "volunteers, non-profits",
                "Looking for Russian-speaking associations that need volunteers for their events.",
            ),
        },
    },
    {
        "slug": "viljandimaa-puuetega-laste-vanemad",
        "name": "MTÜ Viljandimaa Erivajadustega Laste Vanemad",
        "code": 2016,
        "year": 2004,
        "county": "viljandi",
        "town": "Viljandi",
        "fields": ["social-welfare", "health"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Viljandimaa Erivajadustega Laste Vanemad",
                "Vanemad, kes toetavad üksteist.",
                "Korraldame tugigruppe, perepäevi ja teraapialaagreid erivajadustega lastele.",
                "erivajadustega laste pered",
            ),
        },
    },
    {
        "slug": "otepaa-suusaklubi",
        "name": "MTÜ Otepää Noorte Suusaklubi",
        "code": 2017,
        "year": 1996,
        "county": "valga",
        "town": "Otepää",
        "fields": ["sport", "youth"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Otepää Noorte Suusaklubi",
                "Suusatamine lastele ja noortele.",
                "Treenime lapsi alates 7. eluaastast ja korraldame talvel noortevõistlusi.",
                "lapsed ja noored",
            ),
        },
    },
    {
        "slug": "tartu-tervisedenduse-selts",
        "name": "MTÜ Tartu Tervisedenduse Selts",
        "code": 2018,
        "year": 2014,
        "county": "tartu",
        "town": "Tartu",
        "fields": ["health", "youth"],
        "languages": "et ru",
        "partners": True,
        "versions": {
            "et": v(
                "Tartu Tervisedenduse Selts",
                "Vaimne tervis ja sõltuvuste ennetus noortele.",
                "Käime koolides rääkimas vaimsest tervisest, koolitame noorsootöötajaid ja "
                "peame anonüümset nõustamisliini.",
                "noored, noorsootöötajad, õpetajad",
                "Otsime Narva või Jõhvi partnerit, et viia ennetustunnid vene keeles "
                "Ida-Virumaa koolidesse.",
            ),
        },
    },
    {
        "slug": "kogukonnaarenduse-koda",
        "name": "MTÜ Kogukonnaarenduse Koda",
        "code": 2019,
        "year": 2017,
        "county": "laane-viru",
        "town": "Tapa",
        "fields": ["community-development", "integration"],
        "languages": "et ru en",
        "partners": True,
        "versions": {
            "et": v(
                "Kogukonnaarenduse Koda",
                "Aitame väikelinnade kogukondadel ise asju ajada.",
                "Koolitame kogukonnajuhte, nõustame projektitaotluste kirjutamisel ja toome "
                "kokku eesti- ja venekeelsed elanikud.",
                "kogukonnajuhid, külaseltsid",
                "Otsime venekeelseid kogukondi Ida-Virumaalt, kellega koos taotleda "
                "kogukonnaprojekti raha.",
            ),
            "ru": v(
                "Палата развития сообществ",
                "Помогаем сообществам малых городов действовать самим.",
                "Обучаем лидеров сообществ, консультируем по проектным заявкам и сводим "
                "вместе эстоно- и русскоязычных жителей.",
                "лидеры сообществ, сельские общества",
                "Ищем русскоязычные сообщества Ида-Вирумаа для совместной заявки на "
                "проект развития.",
            ),
            "en": v(
                "Chamber of Community Development",
                "Helping small-town communities act for themselves.",
                "We train community leaders, advise on project applications and bring "
                "Estonian- and Russian-speaking residents together.",
                "community leaders, village societies",
                "Looking for Russian-speaking communities in Ida-Viru County to apply for "
                "community project funding together.",
            ),
        },
    },
    {
        "slug": "eesti-pimedate-abi-tartu",
        "name": "MTÜ Lõuna-Eesti Ajakirjanduse Klubi",
        "code": 2020,
        "year": 2019,
        "county": "tartu",
        "town": "Elva",
        "fields": ["media", "education"],
        "languages": "et",
        "partners": False,
        "versions": {
            "et": v(
                "Lõuna-Eesti Ajakirjanduse Klubi",
                "Kohalik ajakirjandus ja meediapädevus.",
                "Koolitame kohalike lehtede vabatahtlikke kaastöölisi ja õpetame koolides "
                "allikakriitikat.",
                "kohalikud ajakirjanikud, õpilased",
            ),
        },
    },
    {
        "slug": "keila-kogukonnakeskus",
        "name": "MTÜ Keila Kogukonnakeskus",
        "code": 2021,
        "year": 2015,
        "county": "harju",
        "town": "Keila",
        "fields": ["community-development", "education", "integration"],
        "languages": "et ru",
        "partners": False,
        "versions": {
            "et": v(
                "Keila Kogukonnakeskus",
                "Kursused, klubid ja naabrusüritused Keilas.",
                "Keskuses toimuvad eesti keele kursused, käsitööklubid ja naabrite "
                "õhtud. Tegutseme eesti ja vene keeles.",
                "Keila elanikud",
            ),
            "ru": v(
                "Общественный центр Кейла",
                "Курсы, клубы и соседские встречи в Кейла.",
                "В центре проходят курсы эстонского языка, клубы рукоделия и соседские "
                "вечера. Работаем на эстонском и русском языках.",
                "жители Кейла",
            ),
        },
    },
    {
        "slug": "informal-narva-kodanikud",
        "name": "Narva linnaaktivistid",
        "code": None,
        "form": "informal",
        "year": 2022,
        "county": "ida-viru",
        "town": "Narva",
        "fields": ["community-development", "human-rights"],
        "languages": "ru en",
        "partners": True,
        "versions": {
            "ru": v(
                "Городские активисты Нарвы",
                "Неформальная группа жителей, которым не всё равно.",
                "Мы следим за решениями городского собрания, проводим открытые обсуждения "
                "городских проектов и учим соседей, как подать петицию.",
                "жители Нарвы",
                "Ищем эстоноязычную организацию, которая занимается гражданским участием, "
                "для совместных семинаров.",
            ),
        },
    },
]


# Target groups (slugs of directory/vocabularies.toml) of each demo organisation, from what
# its profile says it works for.
TARGET_GROUPS = {
    "narva-noortekeskus": ["youth"],
    "johvi-vabatahtlike-keskus": ["volunteers", "ngos"],
    "kohtla-jarve-pensionaride-selts": ["older-people"],
    "sillamae-kultuuriselts-slavjanka": ["children", "families"],
    "maardu-lastevanemate-liit": ["families", "children"],
    "lasnamae-naabrid": [],
    "tallinna-vene-teater-sober": ["youth"],
    "integratsiooni-ja-keeleklubi-sild": ["refugees"],
    "ida-virumaa-inimoiguste-keskus": ["stateless", "national-minorities"],
    "narva-joesuu-merekool": ["children", "youth"],
    "kivioli-kogukonnamaja": ["families", "older-people"],
    "tartu-vene-kultuuri-selts": ["national-minorities", "youth"],
    "parnu-vene-noored": ["youth"],
    "valga-piirilinna-selts": [],
    "ukraina-kultuurikeskus-tallinn": ["refugees", "national-minorities"],
    "narva-male-klubi": ["children"],
    "paldiski-kogukonnaselts": [],
    "vene-emade-klubi-tartu": ["families", "women"],
    "ida-viru-meediakeskus": ["youth"],
    "tallinna-puuetega-inimeste-abi": ["people-with-disabilities", "families"],
    "narva-hoiukodu": ["low-income", "older-people"],
    "tartu-noorte-omaalgatus": ["youth"],
    "viljandi-kultuuriakadeemia-sober": ["youth"],
    "parnumaa-kuladeliit": ["ngos"],
    "saaremaa-loodusturism": ["volunteers"],
    "hiiumaa-kogukonnaradio": ["youth"],
    "rakvere-eakate-klubi": ["older-people"],
    "voru-seto-kultuur": ["national-minorities"],
    "polva-noortekeskus": ["youth"],
    "haapsalu-merepaasteselts": ["children"],
    "jogeva-kogukonnaaed": ["families"],
    "paide-teatrisober": ["youth"],
    "rapla-naiste-tugikeskus": ["women", "victims-of-violence", "children"],
    "tartu-keskkonnaharidus": ["children"],
    "kardla-kunstiselts": ["children"],
    "tallinna-vabatahtlike-liikumine": ["volunteers", "ngos"],
    "viljandimaa-puuetega-laste-vanemad": ["people-with-disabilities", "families", "children"],
    "otepaa-suusaklubi": ["children", "youth"],
    "tartu-tervisedenduse-selts": ["youth"],
    "kogukonnaarenduse-koda": ["ngos"],
    "eesti-pimedate-abi-tartu": [],
    "keila-kogukonnakeskus": ["national-minorities"],
    "informal-narva-kodanikud": [],
}
