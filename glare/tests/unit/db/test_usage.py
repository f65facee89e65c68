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

"""Download counts written in batches (glare.db.usage)."""

import datetime

from glare.db import models
from glare.db import usage
from glare.tests.unit.db import rows

HOUR = datetime.timedelta(hours=1)


class TestUsage(rows.DbTestCase):
    def usage(self, artifact_id):
        with self.session() as session:
            row = session.get(models.Artifact, artifact_id)
            return (row.download_count, row.last_downloaded_at,
                    row.row_version)

    def test_batches_add_up_and_keep_the_latest_download(self):
        art = self.add_artifact(status='active')
        usage.record(self.ctx, {art: (3, rows.T0 + HOUR)})
        # A batch flushed late by another process carries an older time.
        usage.record(self.ctx, {art: (2, rows.T0)})
        self.assertEqual((5, rows.T0 + HOUR, 1), self.usage(art))
        usage.record(self.ctx, {art: (1, rows.T0 + 2 * HOUR)})
        self.assertEqual((6, rows.T0 + 2 * HOUR, 1), self.usage(art))

    def test_one_batch_writes_every_artifact_and_skips_gone_ones(self):
        first = self.add_artifact(status='active', name='a')
        second = self.add_artifact(status='active', name='b')
        usage.record(self.ctx, {first: (1, rows.T0), second: (4, rows.T0),
                                'purged-meanwhile': (1, rows.T0)})
        self.assertEqual(1, self.usage(first)[0])
        self.assertEqual(4, self.usage(second)[0])
