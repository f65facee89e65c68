"""glare's benchmark: real servers, real clients, ratios against baselines.

Run it with ``tox -e bench`` (``-- --quick`` for a short run); see
``doc/source/benchmark.rst``. It is not part of the test suite: a smoke
test in ``glare/tests/functional/test_bench.py`` only keeps it working.
"""
