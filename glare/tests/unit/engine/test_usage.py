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

"""Downloads are tallied and written in batches."""

import datetime

import fixtures

from glare.engine import usage
from glare.tests import base

T0 = datetime.datetime(2026, 12, 1, 12, 0, 0)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class TestTally(base.TestCase):
    def setUp(self):
        super().setUp()
        self.clock = Clock()
        self.tally = usage.Tally(self.clock)
        self.record = self.useFixture(fixtures.MockPatch(
            'glare.db.usage.record')).mock

    def test_downloads_are_written_once_the_interval_has_passed(self):
        self.flags(usage_flush_interval=60)
        for _ in range(3):
            usage.downloaded(None, 'a1', self.tally)
        self.record.assert_not_called()
        self.clock.now = 61
        usage.downloaded(None, 'a2', self.tally)
        self.assertEqual(1, self.record.call_count)
        written = self.record.call_args[0][1]
        self.assertEqual({'a1': 3, 'a2': 1},
                         {k: v[0] for k, v in written.items()})
        # The tally starts again.
        usage.downloaded(None, 'a1', self.tally)
        self.assertEqual(1, self.record.call_count)

    def test_zero_interval_writes_every_download(self):
        self.flags(usage_flush_interval=0)
        usage.downloaded(None, 'a1', self.tally)
        usage.downloaded(None, 'a1', self.tally)
        self.assertEqual(2, self.record.call_count)

    def test_a_failed_write_keeps_the_downloads(self):
        self.flags(usage_flush_interval=0)
        self.record.side_effect = [RuntimeError('db down'), None]
        usage.downloaded(None, 'a1', self.tally)
        usage.downloaded(None, 'a1', self.tally)
        self.assertEqual({'a1': 2},
                         {k: v[0] for k, v in
                          self.record.call_args[0][1].items()})

    def test_give_back_keeps_the_latest_time(self):
        self.tally.give_back({'a1': (2, T0)})
        self.tally.give_back({'a1': (1, T0 + datetime.timedelta(1))})
        self.assertEqual({'a1': (3, T0 + datetime.timedelta(1))},
                         self.tally.take())
