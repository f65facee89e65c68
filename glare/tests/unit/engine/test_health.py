# Copyright 2026 The glare Authors.
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License. You may obtain
#    a copy of the License at
#
#         http://www.apache.org/licenses/LICENSE-2.0
#
#    Unless required by applicable law or agreed to in writing, software
#    distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
#    WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
#    License for the specific language governing permissions and limitations
#    under the License.

"""The checks behind /healthcheck: results, reuse, probes that hang."""

import threading

import fixtures

from glare.engine import health
from glare.tests import base


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Probe:
    """Counts its calls; fails while ``error`` is set; may block."""

    def __init__(self):
        self.calls = 0
        self.error = None
        self.release = threading.Event()
        self.release.set()

    def __call__(self):
        self.calls += 1
        self.release.wait(30)
        if self.error:
            raise self.error
        return 'fine'


class TestMonitor(base.TestCase):
    def setUp(self):
        super().setUp()
        self.clock = Clock()
        self.db = Probe()
        self.store = Probe()
        self.monitor = health.Monitor(
            [health.Check('database', self.db, clock=self.clock),
             health.Check('store', self.store, clock=self.clock)],
            cache_time=1.0, timeout=5.0, clock=self.clock)

    def test_every_check_answers(self):
        report = self.monitor.report()
        self.assertEqual(health.OK, report.status)
        self.assertEqual([('database', True, 'fine', False),
                          ('store', True, 'fine', False)],
                         [(r.name, r.ok, r.detail, r.cached)
                          for r in report.results])

    def test_one_failing_check_makes_the_process_unavailable(self):
        self.db.error = RuntimeError('connection refused\nmore lines')
        report = self.monitor.report()
        self.assertEqual(health.UNAVAILABLE, report.status)
        self.assertEqual((False, 'connection refused'),
                         (report.results[0].ok, report.results[0].detail))
        self.assertTrue(report.results[1].ok)

    def test_results_are_reused_for_the_cache_time(self):
        self.monitor.report()
        self.db.error = RuntimeError('down')
        self.clock.now += 0.5
        report = self.monitor.report()
        self.assertEqual(health.OK, report.status)
        self.assertTrue(report.results[0].cached)
        self.assertEqual(1, self.db.calls)
        self.clock.now += 0.6
        self.assertEqual(health.UNAVAILABLE, self.monitor.report().status)
        self.assertEqual(2, self.db.calls)

    def test_recovery_is_seen_without_a_restart(self):
        self.db.error = RuntimeError('down')
        self.assertEqual(health.UNAVAILABLE, self.monitor.report().status)
        self.db.error = None
        self.clock.now += 2
        self.assertEqual(health.OK, self.monitor.report().status)

    def test_a_hanging_probe_is_a_failure_and_runs_once(self):
        self.monitor.timeout = 0.01
        self.db.release.clear()
        self.addCleanup(self.db.release.set)
        report = self.monitor.report()
        self.assertEqual(health.UNAVAILABLE, report.status)
        self.assertEqual('no answer within healthcheck_timeout',
                         report.results[0].detail)
        # No second probe piles up on the hung one.
        self.clock.now += 2
        self.monitor.report()
        self.assertEqual(1, self.db.calls)

    def test_drain_file(self):
        path = self.useFixture(fixtures.TempDir()).join('drain')
        self.monitor.disable_file = path
        self.assertEqual(health.OK, self.monitor.report().status)
        open(path, 'w').close()
        self.assertEqual((health.DISABLED, []),
                         tuple(self.monitor.report()))
