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

"""The one transaction context of glare.db (glare.db.transaction)."""

from glare.db import deletions
from glare.db import leases
from glare.db import models
from glare.db import transaction
from glare.tests.unit.db import rows


class TestTransaction(rows.DbTestCase):
    def test_modules_called_in_one_transaction_commit_together(self):
        ctx = rows.context()
        with transaction.CONTEXT.writer.using(ctx) as session:
            leases.acquire(ctx, 'job', 'me', 60)
            deletions.queue(session, 'file:///a', 'fast')
        self.assertEqual('me', leases.holder(self.ctx, 'job')[0])
        self.assertEqual(1, len(deletions.pending(self.ctx)))

    def test_modules_called_in_one_transaction_roll_back_together(self):
        # A change is never half applied across glare.db modules.
        ctx = rows.context()
        try:
            with transaction.CONTEXT.writer.using(ctx) as session:
                leases.acquire(ctx, 'job', 'me', 60)
                deletions.queue(session, 'file:///a', 'fast')
                raise RuntimeError('the change failed')
        except RuntimeError:
            pass
        self.assertIsNone(leases.holder(self.ctx, 'job'))
        self.assertEqual([], deletions.pending(self.ctx))

    def test_removing_an_artifact_removes_its_parts(self):
        # Foreign keys hold on SQLite too: parts never outlive their
        # artifact.
        art = self.add_artifact(tags=['t'], properties=[
            {'name': 'n', 'int_value': 1}])
        self.add_blob(art, 'image')
        with self.session() as session:
            session.query(models.Artifact).filter_by(id=art).delete()
        for model in (models.ArtifactTag, models.ArtifactProperty,
                      models.ArtifactBlob):
            self.assertEqual(0, self.count(model), model.__name__)
