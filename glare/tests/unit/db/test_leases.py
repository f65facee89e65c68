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

"""One holder per job at a time (glare.db.leases)."""

import datetime

from oslo_utils import fixture as utils_fixture

from glare.db import leases
from glare.tests.unit.db import rows


class TestLeases(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(utils_fixture.TimeFixture(rows.T0))

    def test_first_holder_takes_a_free_lease(self):
        self.assertTrue(leases.acquire(self.ctx, 'scrub', 'host-a', 60))
        self.assertEqual(
            ('host-a', rows.T0 + datetime.timedelta(seconds=60)),
            leases.holder(self.ctx, 'scrub'))

    def test_another_holder_is_refused_while_it_runs(self):
        leases.acquire(self.ctx, 'scrub', 'host-a', 60)
        self.clock.advance_time_seconds(59)
        self.assertFalse(leases.acquire(self.ctx, 'scrub', 'host-b', 60))
        self.assertEqual('host-a', leases.holder(self.ctx, 'scrub')[0])

    def test_the_holder_renews_it(self):
        leases.acquire(self.ctx, 'scrub', 'host-a', 60)
        self.clock.advance_time_seconds(50)
        self.assertTrue(leases.acquire(self.ctx, 'scrub', 'host-a', 60))
        self.assertEqual(rows.T0 + datetime.timedelta(seconds=110),
                         leases.holder(self.ctx, 'scrub')[1])

    def test_an_expired_lease_is_taken_over(self):
        leases.acquire(self.ctx, 'scrub', 'host-a', 60)
        self.clock.advance_time_seconds(61)
        self.assertTrue(leases.acquire(self.ctx, 'scrub', 'host-b', 60))
        self.assertEqual('host-b', leases.holder(self.ctx, 'scrub')[0])
        # The old holder learns it lost the lease.
        self.assertFalse(leases.acquire(self.ctx, 'scrub', 'host-a', 60))

    def test_leases_of_different_jobs_are_independent(self):
        self.assertTrue(leases.acquire(self.ctx, 'scrub', 'host-a', 60))
        self.assertTrue(leases.acquire(self.ctx, 'notify', 'host-b', 60))

    def test_release_frees_the_lease_at_once(self):
        leases.acquire(self.ctx, 'scrub', 'host-a', 60)
        leases.release(self.ctx, 'scrub', 'host-a')
        self.assertIsNone(leases.holder(self.ctx, 'scrub'))
        self.assertTrue(leases.acquire(self.ctx, 'scrub', 'host-b', 60))

    def test_only_the_holder_releases(self):
        leases.acquire(self.ctx, 'scrub', 'host-a', 60)
        leases.release(self.ctx, 'scrub', 'host-b')
        self.assertEqual('host-a', leases.holder(self.ctx, 'scrub')[0])

    def test_no_holder_for_an_unknown_lease(self):
        self.assertIsNone(leases.holder(self.ctx, 'never'))
