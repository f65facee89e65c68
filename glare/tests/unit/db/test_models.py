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

"""The tables and the rules they enforce themselves (glare.db.models)."""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from glare.db import models
from glare.tests.unit.db import rows


class TestIdentity(rows.DbTestCase):
    """Glare's uniqueness rule, held by the identity constraint."""

    def test_a_project_has_one_artifact_per_name_and_version(self):
        self.add_artifact(name='cirros', version='1.0.0', owner='p1')
        self.assertRaises(db_exc.DBDuplicateEntry, self.add_artifact,
                          name='cirros', version='1.0.0', owner='p1')

    def test_other_versions_names_and_types_are_distinct(self):
        self.add_artifact(name='cirros', version='1.0.0')
        self.add_artifact(name='cirros', version='1.0.1')
        self.add_artifact(name='fedora', version='1.0.0')
        self.add_artifact(name='cirros', version='1.0.0',
                          type_name='heat_templates')
        self.assertEqual(4, self.count(models.Artifact))

    def test_private_artifacts_of_two_projects_may_share_identity(self):
        self.add_artifact(name='cirros', owner='p1')
        self.add_artifact(name='cirros', owner='p2')
        self.assertEqual(2, self.count(models.Artifact))

    def test_public_artifacts_are_unique_in_the_cloud(self):
        self.add_artifact(name='cirros', owner='p1', visibility='public')
        self.assertRaises(db_exc.DBDuplicateEntry, self.add_artifact,
                          name='cirros', owner='p2', visibility='public')

    def test_identity_fields_tell_artifacts_apart(self):
        self.add_artifact(name='cirros', identity_key='{"d": "qcow2"}')
        self.add_artifact(name='cirros', identity_key='{"d": "raw"}')
        self.assertEqual(2, self.count(models.Artifact))

    def test_names_differing_in_case_are_distinct(self):
        self.add_artifact(name='Cirros')
        self.add_artifact(name='cirros')
        self.assertEqual(2, self.count(models.Artifact))


class TestParts(rows.DbTestCase):
    def test_a_blob_exists_once_per_field_and_folder_key(self):
        art = self.add_artifact()
        self.add_blob(art, 'files', key_name='a')
        self.add_blob(art, 'files', key_name='b')
        self.assertRaises(db_exc.DBDuplicateEntry, self.add_blob, art,
                          'files', key_name='a')

    def test_a_tag_is_recorded_once(self):
        art = self.add_artifact(tags=['t'])
        with self.session() as session:
            session.add(models.ArtifactTag(artifact_id=art, value='t'))
            self.assertRaises(db_exc.DBDuplicateEntry, session.flush)
            session.rollback()

    def test_parts_of_a_missing_artifact_are_refused(self):
        self.assertRaises(db_exc.DBReferenceError, self.add_blob,
                          'no-such-artifact', 'image')

    def test_outbox_message_ids_are_unique(self):
        with self.session() as session:
            for _ in range(2):
                session.add(models.OutboxNotification(
                    message_id='m', event_type='e', payload='{}',
                    context='{}', created_at=rows.T0))
            self.assertRaises(db_exc.DBDuplicateEntry, session.flush)
            session.rollback()

    def test_timestamps_keep_microseconds(self):
        # List order and paging depend on them.
        when = rows.T0.replace(microsecond=123456)
        art = self.add_artifact(created_at=when)
        with self.session() as session:
            self.assertEqual(when, session.scalar(sa.select(
                models.Artifact.created_at).where(models.Artifact.id == art)))
