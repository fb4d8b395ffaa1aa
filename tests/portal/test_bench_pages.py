"""The page benchmark reads wrk's report right: its figures go into the README."""

from bench.bench_pages import parse_wrk

REPORT = """Running 20s test @ http://127.0.0.1:8201/ru/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    42.10ms   12.31ms 201.55ms   81.22%
    Req/Sec    95.12     20.01   140.00     70.00%
  Latency Distribution
     50%   40.02ms
     75%   48.90ms
     90%   60.10ms
     99%    1.20s
  3790 requests in 20.02s, 120.50MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    189.31
Transfer/sec:      6.02MB
"""


def test_wrk_report_gives_rate_percentiles_and_failures():
    figures = parse_wrk(REPORT)
    assert figures["rps"] == 189.31
    assert figures["p50"] == 40.02
    assert figures["p99"] == 1200.0
    assert figures["failed"] == 7


def test_microseconds_and_a_clean_run():
    report = REPORT.replace("40.02ms", "812.50us").split("  Socket errors")[0]
    figures = parse_wrk(report + "Requests/sec:   2000.5\n")
    assert figures["p50"] == 0.8125
    assert figures["failed"] == 0
