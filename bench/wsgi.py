"""Timing requests through the WSGI application itself: every middleware, the view and the
template, as a gunicorn worker runs them, without the test client's template instrumentation
(which copies every template context and would dominate the figures)."""

import statistics
import time
from dataclasses import dataclass


@dataclass
class Timing:
    median: float
    p95: float
    max: float
    statuses: list
    size: int

    def line(self, name, requests):
        return (
            f"{name:48} median {self.median:6.1f} ms   p95 {self.p95:6.1f} ms   "
            f"max {self.max:6.1f} ms   ({requests} requests, status {self.statuses})"
        )


def measure(handler, path, params_list, requests, before=None, headers=None):
    """Request ``path`` with each of ``params_list`` in turn, ``requests`` times in all, after
    a warm-up; ``before()``, if given, runs before each timed request, outside the timing.
    ``headers`` are extra WSGI environ entries (e.g. ``HTTP_COOKIE`` for a signed-in user)."""
    from django.test import RequestFactory

    factory = RequestFactory()

    def request(params):
        environ = factory.get(path, params, **(headers or {})).environ
        statuses = []
        body = b"".join(handler(environ, lambda status, headers, *args: statuses.append(status)))
        return statuses[0], len(body)

    for params in params_list * 3:
        request(params)
    timings, statuses, size = [], set(), 0
    for number in range(requests):
        params = params_list[number % len(params_list)]
        if before is not None:
            before()
        started = time.perf_counter()
        status, size = request(params)
        timings.append((time.perf_counter() - started) * 1000)
        statuses.add(status)
    timings.sort()
    return Timing(
        median=statistics.median(timings),
        p95=timings[int(len(timings) * 0.95) - 1],
        max=timings[-1],
        statuses=sorted(statuses),
        size=size,
    )
