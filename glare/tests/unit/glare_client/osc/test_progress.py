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

import io

import testtools

from glare_client.osc import progress

MiB = 1024 * 1024


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class TestProgressBar(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.out = io.StringIO()
        self.clock = Clock()

    def bar(self, terminal=True):
        return progress.ProgressBar(self.out, self.clock, terminal=terminal)

    def test_draws_in_place_with_rate_and_time_left(self):
        bar = self.bar()
        bar(0, 4 * MiB)
        self.clock.now = 0.05
        bar(MiB, 4 * MiB)  # too soon: not drawn
        self.clock.now = 1
        bar(MiB, 4 * MiB)
        self.clock.now = 2
        bar(4 * MiB, 4 * MiB)  # the end is always drawn
        bar.finish()
        lines = [line.rstrip() for line in
                 self.out.getvalue().rstrip('\n').split('\r')[1:]]
        self.assertEqual(4, len(lines), lines)
        self.assertEqual('[' + ' ' * progress.WIDTH + ']   0%  0 B / 4.0 MiB',
                         lines[0])
        self.assertIn(' 25%  1.0 MiB / 4.0 MiB  1.0 MiB/s  ETA 0:03',
                      lines[1])
        self.assertTrue(lines[3].startswith('[' + '=' * progress.WIDTH))
        self.assertTrue(lines[3].endswith(
            '100%  4.0 MiB / 4.0 MiB  2.0 MiB/s  in 0:02'), lines[3])
        self.assertTrue(self.out.getvalue().endswith('\n'))

    def test_unknown_total_ends_with_the_real_count(self):
        # Standard input: the callbacks come too fast to draw them all,
        # and the last line must still say how much went.
        bar = self.bar()
        for done in range(64 * 1024, 3 * MiB + 1, 64 * 1024):
            bar(done, None)
        self.clock.now = 3
        bar.finish()
        last = self.out.getvalue().rstrip('\n').split('\r')[-1].rstrip()
        self.assertTrue(last.startswith(
            '[' + '=' * progress.WIDTH + '] 100%  3.0 MiB / 3.0 MiB  '), last)
        self.assertTrue(last.endswith('/s  in 0:03'), last)

    def test_a_resumed_download_counts_only_new_bytes_for_the_rate(self):
        bar = self.bar()
        bar(3 * MiB, 4 * MiB)
        self.clock.now = 1
        bar(3.5 * MiB, 4 * MiB)
        self.assertIn('512.0 KiB/s  ETA 0:01', self.out.getvalue())

    def test_not_a_terminal_writes_whole_lines_now_and_then(self):
        bar = self.bar(terminal=False)
        bar(0, 10)
        self.clock.now = 1
        bar(5, 10)  # within LOG_INTERVAL: not written
        self.clock.now = 1 + progress.LOG_INTERVAL
        bar(6, 10)
        bar.finish()
        lines = self.out.getvalue().splitlines()
        self.assertNotIn('\r', self.out.getvalue())
        self.assertEqual(3, len(lines), lines)
        self.assertIn(' 60%', lines[1])
        self.assertIn(' 60%', lines[2])

    def test_wanted_on_a_terminal_or_when_forced(self):
        class Tty(io.StringIO):
            def isatty(self):
                return True

        self.assertTrue(progress.wanted(False, Tty()))
        self.assertFalse(progress.wanted(False, io.StringIO()))
        self.assertTrue(progress.wanted(True, io.StringIO()))
        self.assertTrue(progress.ProgressBar(Tty()).terminal)
        self.assertFalse(progress.ProgressBar(io.StringIO()).terminal)

    def test_duration(self):
        self.assertEqual('0:07', progress.duration(7.2))
        self.assertEqual('12:05', progress.duration(725))
        self.assertEqual('1:02:03', progress.duration(3723))
