"""gunicorn's settings for Sild beyond the command line (deploy/systemd/sild-web.service,
deploy/Procfile): gunicorn reads ``./gunicorn.conf.py`` from its working directory, the
project's root, by default."""

# The languages of simplemma's dictionaries that the search reads (portal/search_text.py).
DICTIONARIES = ("ru", "et", "en")


def when_ready(server):
    """Read the search's word-form dictionaries once, in the master, before it starts its
    workers: each worker, the first ones and those that replace a worker after
    ``--max-requests``, is forked with them in memory. Read in a worker, they took its first
    search seconds, and on a busy machine past the 30 s timeout (a 500, bench_load); read as a
    worker starts, they kept it from answering the arbiter in time. Only simplemma is imported
    here, no code of Sild's, so that ``systemctl reload`` still brings new code to the new
    workers (a new simplemma needs a restart)."""
    import simplemma

    for language in DICTIONARIES:
        simplemma.is_known("a", lang=language)
