"""Text normalisation for search, shared by every search in Sild and by every backend."""

import unicodedata

QUERY_MAX_LENGTH = 200


def clean_query(raw, max_length=QUERY_MAX_LENGTH):
    """What a person typed, made safe for any search backend: control characters (NUL breaks
    PostgreSQL) removed, whitespace collapsed, length capped."""
    printable = "".join(
        char if unicodedata.category(char)[0] != "C" else " " for char in raw[: max_length * 4]
    )
    return " ".join(printable.split())[:max_length].strip()
