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

"""What operators watch of the database (glare.db.health)."""

from glare.db import deletions
from glare.db import health
from glare.tests.unit.db import rows


class TestHealth(rows.DbTestCase):
    def test_ping_answers(self):
        self.assertIsNone(health.ping(self.ctx))

    def test_the_scrubber_queue_counts_failing_entries(self):
        self.assertEqual((0, 0), health.deletion_queue(self.ctx))
        with self.session() as session:
            for name in ('a', 'b', 'c'):
                deletions.queue(session, 'file:///data/' + name, 'fs')
        first = deletions.pending(self.ctx)[0]
        deletions.failed(self.ctx, first.id, 'read-only file system')
        self.assertEqual((3, 1), health.deletion_queue(self.ctx))
