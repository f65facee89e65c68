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

"""Which artifacts a caller may read (glare.db.visibility.readable)."""

import sqlalchemy as sa

from glare.db import models
from glare.db import transaction
from glare.db import visibility
from glare.tests.unit.db import rows


class TestReadable(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.own = self.add_artifact(name='own', owner='p1')
        self.others = self.add_artifact(name='others', owner='p2')
        self.public = self.add_artifact(name='public', owner='p2',
                                        visibility='public')
        self.deleted = self.add_artifact(name='deleted', owner='p1',
                                         status='deleted')
        self.deleted_public = self.add_artifact(
            name='deleted-public', owner='p2', visibility='public',
            status='deleted')

    def names(self, project_id, include_deleted=False):
        with transaction.CONTEXT.reader.using(rows.context()) as session:
            return sorted(session.scalars(
                sa.select(models.Artifact.name).where(
                    visibility.readable(project_id, include_deleted))))

    def test_a_project_reads_its_own_and_public_artifacts(self):
        self.assertEqual(['own', 'public'], self.names('p1'))
        self.assertEqual(['others', 'public'], self.names('p2'))

    def test_a_project_without_artifacts_reads_only_public_ones(self):
        self.assertEqual(['public'], self.names('p3'))

    def test_all_projects_reads_every_artifact_not_deleted(self):
        self.assertEqual(['others', 'own', 'public'], self.names(None))

    def test_deleted_artifacts_only_for_all_projects_on_request(self):
        self.assertEqual(
            ['deleted', 'deleted-public', 'others', 'own', 'public'],
            self.names(None, include_deleted=True))

    def test_a_project_never_reads_deleted_artifacts(self):
        # Not even its own or public ones: restoring is for callers
        # who see every project.
        self.assertEqual(['own', 'public'],
                         self.names('p1', include_deleted=True))
