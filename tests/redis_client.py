from django_redis.client import DefaultClient
from django_redis.client.default import glob_escape


class PrefixScopedClient(DefaultClient):
    """django-redis's client whose ``clear()`` deletes only this test run's keys (those under
    its ``KEY_PREFIX``, whatever their version) instead of emptying the whole Redis database
    with FLUSHDB.

    Every test clears the cache before and after it runs; with FLUSHDB, two test processes
    sharing a Redis database (pytest-xdist's workers, each with its own prefix) would wipe each
    other's cached pages, rate-limit windows and RQ queues mid-test."""

    def clear(self, client=None):
        prefix = self._backend.key_prefix
        if not prefix:
            raise ValueError("A Redis database shared by test runs needs a KEY_PREFIX per run.")
        if client is None:
            client = self.get_client(write=True)
        keys = list(client.scan_iter(match=f"{glob_escape(prefix)}:*", count=1000))
        if keys:
            client.delete(*keys)
