"""The shared taxonomy of fields of activity, in Russian, Estonian and English.

Slugs are the contract between apps (calls use them too); names and keywords feed the
directory search, so keywords list the words and word forms people actually type."""

ACTIVITY_FIELDS = {
    "youth": {
        "ru": ("Молодёжная работа", "молодёжь\nмолодежь\nподростки\nмолодёжный центр\nюношество"),
        "et": ("Noorsootöö", "noored\nnoorte\nnoorsootöö\nnoortekeskus\nnoorsugu"),
        "en": ("Youth work", "youth\nyoung people\nteenagers\nyouth centre"),
    },
    "culture": {
        "ru": ("Культура", "культура\nискусство\nтеатр\nмузыка\nхор\nтанцы\nфольклор"),
        "et": ("Kultuur", "kultuur\nkunst\nteater\nmuusika\nkoor\ntants\nrahvakultuur"),
        "en": ("Culture", "culture\narts\ntheatre\nmusic\nchoir\ndance\nfolklore"),
    },
    "education": {
        "ru": ("Образование", "образование\nобучение\nшкола\nкурсы\nпросвещение\nучёба"),
        "et": ("Haridus", "haridus\nõpe\nkoolitus\nkool\nkursused\nõppimine"),
        "en": ("Education", "education\nlearning\ntraining\nschool\ncourses"),
    },
    "social-welfare": {
        "ru": (
            "Социальная помощь",
            "социальная помощь\nсоциальная работа\nпожилые\nпенсионеры\nмалоимущие\nинвалиды",
        ),
        "et": (
            "Sotsiaalhoolekanne",
            "hoolekanne\nsotsiaaltöö\neakad\npuuetega inimesed\ntoimetulek\nabivajajad",
        ),
        "en": ("Social welfare", "social welfare\nsocial work\nelderly\ndisability\ncare"),
    },
    "environment": {
        "ru": ("Экология и природа", "экология\nприрода\nокружающая среда\nклимат\nпереработка"),
        "et": ("Keskkond ja loodus", "keskkond\nloodus\nkliima\nloodushoid\nprügi\ntaaskasutus"),
        "en": ("Environment", "environment\nnature\nclimate\necology\nrecycling"),
    },
    "integration": {
        "ru": (
            "Интеграция",
            "интеграция\nэстонский язык\nязыковое погружение\nадаптация\nновые иммигранты",
        ),
        "et": ("Lõimumine", "lõimumine\nintegratsioon\neesti keel\nkeelekümblus\nuussisserändajad"),
        "en": ("Integration", "integration\nlanguage learning\nnewcomers\nmigrants"),
    },
    "health": {
        "ru": ("Здоровье", "здоровье\nпрофилактика\nзависимости\nпсихическое здоровье"),
        "et": ("Tervis", "tervis\nennetus\nsõltuvus\nvaimne tervis\ntervisedendus"),
        "en": ("Health", "health\nprevention\naddiction\nmental health"),
    },
    "sport": {
        "ru": ("Спорт", "спорт\nфизкультура\nтренировки\nфутбол\nшахматы"),
        "et": ("Sport", "sport\nliikumine\ntreening\njalgpall\nmale"),
        "en": ("Sport", "sport\nexercise\ntraining\nfootball\nchess"),
    },
    "community-development": {
        "ru": (
            "Развитие местных сообществ",
            "сообщество\nместное сообщество\nсоседи\nдеревня\nжители",
        ),
        "et": ("Kogukonna areng", "kogukond\nkülaselts\nküla\nkohalik elu\nnaabrid"),
        "en": ("Community development", "community\nneighbourhood\nvillage\nlocal life"),
    },
    "human-rights": {
        "ru": (
            "Права человека",
            "права человека\nравноправие\nдискриминация\nгражданство\nюридическая помощь",
        ),
        "et": (
            "Inimõigused",
            "inimõigused\nvõrdne kohtlemine\ndiskrimineerimine\nkodakondsus\nõigusabi",
        ),
        "en": ("Human rights", "human rights\nequal treatment\ndiscrimination\ncitizenship"),
    },
    "media": {
        "ru": ("СМИ и медиа", "сми\nмедиа\nжурналистика\nмедиаграмотность\nрадио"),
        "et": ("Meedia", "meedia\najakirjandus\nmeediapädevus\nraadio\najaleht"),
        "en": ("Media", "media\njournalism\nmedia literacy\nradio"),
    },
    "volunteering": {
        "ru": ("Волонтёрство", "волонтёры\nволонтеры\nволонтёрство\nдобровольцы"),
        "et": ("Vabatahtlik tegevus", "vabatahtlik\nvabatahtlikud\nvabatahtlikkus\ntalgud"),
        "en": ("Volunteering", "volunteering\nvolunteers\nvolunteer"),
    },
}
