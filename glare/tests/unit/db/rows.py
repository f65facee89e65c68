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

"""Rows written straight into a unit test's SQLite database.

The glare.db modules' unit tests arrange their data here, with plain
inserts, so that each test exercises only the module it is about.
"""

import datetime
import uuid

from glare import context as glare_context
from glare.db import models
from glare.db import transaction
from glare.objects import semver
from glare.tests import base

T0 = datetime.datetime(2026, 1, 1, 12, 0, 0)


class DbTestCase(base.TestCase):
    """A test with a fresh, migrated SQLite database of its own."""

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(base.SQLiteDatabase())
        self.ctx = context()

    def session(self):
        """A writer transaction of its own, committed on exit."""
        return transaction.CONTEXT.writer.using(context())

    def add_artifact(self, **values):
        with self.session() as session:
            return artifact(session, **values)

    def add_blob(self, artifact_id, field_name='image', **values):
        with self.session() as session:
            return blob(session, artifact_id, field_name, **values)

    def count(self, model, *where):
        with transaction.CONTEXT.reader.using(context()) as session:
            query = session.query(model)
            if where:
                query = query.filter(*where)
            return query.count()


def context(project_id='p1'):
    return glare_context.RequestContext(project_id=project_id,
                                        all_projects=False)


def artifact(session, id=None, type_name='images', name='art',
             version='1.0.0', owner='p1', visibility='private',
             status='drafted', properties=(), tags=(), created_at=None,
             identity_key='', **values):
    """Insert an artifact row; ``properties`` are ArtifactProperty kwargs."""
    id = id or str(uuid.uuid4())
    created_at = created_at or T0
    session.add(models.Artifact(
        id=id, type_name=type_name, name=name, version=version,
        version_key=semver.sort_key(version), visibility=visibility,
        status=status, owner=owner, identity_key=identity_key,
        unique_scope='public' if visibility == 'public' else owner,
        created_at=created_at, updated_at=created_at, row_version=1,
        **values))
    session.flush()
    for prop in properties:
        session.add(models.ArtifactProperty(artifact_id=id, **prop))
    for tag in tags:
        session.add(models.ArtifactTag(artifact_id=id, value=tag))
    session.flush()
    return id


def blob(session, artifact_id, field_name, key_name='', status='active',
         external=False, **values):
    session.add(models.ArtifactBlob(
        artifact_id=artifact_id, field_name=field_name, key_name=key_name,
        status=status, external=external, created_at=T0, updated_at=T0,
        **values))
    session.flush()
