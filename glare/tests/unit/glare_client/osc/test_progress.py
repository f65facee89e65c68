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


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class TestProgressBar(testtools.TestCase):
    def test_draws_percentage_and_throttles(self):
        out = io.StringIO()
        clock = Clock()
        bar = progress.ProgressBar(out, clock)
        bar(0, 2048)
        bar(1024, 2048)  # too soon: not drawn
        clock.now = 1
        bar(1024, 2048)
        bar(2048, 2048)  # the end is always drawn
        bar.finish()
        lines = out.getvalue().split('\r')[1:]
        self.assertEqual(3, len(lines))
        self.assertIn(' 50% 1.0 KiB / 2.0 KiB', lines[1])
        self.assertTrue(lines[2].startswith('[' + '=' * progress.WIDTH))
        self.assertTrue(lines[2].endswith('100% 2.0 KiB / 2.0 KiB\n'))

    def test_unknown_total(self):
        out = io.StringIO()
        bar = progress.ProgressBar(out, Clock())
        bar(5, None)
        bar.finish()
        self.assertEqual('\r5 B transferred\n', out.getvalue())

    def test_wanted_on_a_terminal_or_when_forced(self):
        class Tty(io.StringIO):
            def isatty(self):
                return True

        self.assertTrue(progress.wanted(False, Tty()))
        self.assertFalse(progress.wanted(False, io.StringIO()))
        self.assertTrue(progress.wanted(True, io.StringIO()))

    def test_human_size(self):
        self.assertEqual('12 B', progress.human_size(12))
        self.assertEqual('1.5 MiB', progress.human_size(1.5 * 1024 ** 2))
