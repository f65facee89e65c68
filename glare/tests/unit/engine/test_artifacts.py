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

"""Artifact use cases (glare.engine.artifacts).

On a real SQLite database; notifications and the store are the
collaborators recorded instead.
"""

import fixtures

from glare.artifact_types import all as all_type
from glare import context as glare_context
from glare.db import api as db_api
from glare.engine import artifacts as engine
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base
from glare.tests.unit.db import rows


class Sample(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {
        'min_ram': f.Integer(sortable=True),
        'ratio': f.Float(),
        'shared': f.Boolean(),
        'os': f.String(required_on_activate=True),
        'notes': f.String(mutable=True),
        'image': f.Blob(),
    }

    @classmethod
    def get_type_name(cls):
        return 'samples'


def context(project='p1', admin=False):
    return glare_context.RequestContext(
        user_id='u-' + project, project_id=project,
        roles=['admin', 'member', 'reader'] if admin else ['member',
                                                           'reader'],
        all_projects=admin)


class EngineTestCase(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(base.Types({'samples': Sample,
                                    'all': all_type.All}))
        self.events = []
        self.useFixture(fixtures.MockPatch(
            'glare.engine.notifications.artifact_event',
            lambda ctx, action, art, **kw: self.events.append(
                (action, art.id))))
        self.removed = []
        self.useFixture(fixtures.MockPatch(
            'glare.engine.blob_access.remove_data',
            lambda ctx, entries: self.removed.extend(entries)))
        self.sleep = self.useFixture(fixtures.MockPatch('time.sleep')).mock
        self.ctx = context()
        self.admin = context('admin', admin=True)
        self.asked = []

    def authorize(self, art, actions):
        self.asked.append(actions)

    def create(self, ctx=None, **body):
        body.setdefault('name', 'sample')
        return engine.create(ctx or self.ctx, Sample, body)

    def patch(self, art, *operations, ctx=None, authorize=None):
        return engine.update(ctx or self.ctx, Sample, art.id,
                             engine.parse_patch(list(operations)),
                             authorize or self.authorize)

    def replace(self, art, path, value, **kwargs):
        return self.patch(art, {'op': 'replace', 'path': '/' + path,
                                'value': value}, **kwargs)

    def activate(self, art, **kwargs):
        return self.replace(art, 'status', 'active', **kwargs)


class TestCreate(EngineTestCase):
    def test_a_new_artifact_is_drafted_private_and_owned(self):
        art = self.create(name='cirros', version='1.0', min_ram=512)
        self.assertEqual(('drafted', 'private', 'p1', '1.0.0', 512),
                         (art.status, art.visibility, art.owner,
                          art.version, art.min_ram))
        self.assertEqual([('create', art.id)], self.events)
        self.assertEqual(art.id, engine.get(self.ctx, Sample, art.id).id)

    def test_numbers_and_booleans_are_read_from_strings(self):
        # What python-glareclient's --property key=value sends.
        art = self.create(min_ram='512', ratio='0.5', shared='true')
        self.assertEqual((512, 0.5, True),
                         (art.min_ram, art.ratio, art.shared))

    def test_a_string_that_is_no_number_is_400(self):
        self.assertRaises(exception.BadRequest, self.create,
                          min_ram='lots')
        self.assertRaises(exception.BadRequest, self.create, ratio='nan')

    def test_the_body_must_be_an_object_with_a_name(self):
        self.assertRaises(exception.BadRequest, engine.create, self.ctx,
                          Sample, ['name'])
        error = self.assertRaises(exception.BadRequest, engine.create,
                                  self.ctx, Sample, {'version': '1.0'})
        self.assertIn('Field name is required', str(error))

    def test_fields_that_cannot_be_set_at_creation(self):
        self.assertRaises(exception.ReadOnlyField, self.create, id='x')
        self.assertRaises(exception.ReadOnlyField, self.create, owner='p2')
        error = self.assertRaises(exception.BadRequest, self.create,
                                  status='active')
        self.assertIn('PATCH of /status', str(error))
        error = self.assertRaises(exception.BadRequest, self.create,
                                  image='data')
        self.assertIn('PUT /artifacts/samples/<id>/image', str(error))
        error = self.assertRaises(exception.BadRequest, self.create,
                                  display_type_name='x')
        self.assertIn('display_type_name', str(error))
        self.assertEqual([], self.events)

    def test_a_read_only_view_creates_nothing(self):
        self.assertRaises(exception.Forbidden, engine.create, self.ctx,
                          all_type.All, {'name': 'x'})

    def test_the_artifact_quota_applies(self):
        self.flags(max_artifact_number=1)
        self.create(name='a')
        self.assertRaises(exception.QuotaExceeded, self.create, name='b')
        self.assertEqual(1, len(self.events))

    def test_a_duplicate_is_409(self):
        self.create(name='a')
        self.assertRaises(exception.Duplicate, self.create, name='a')


class TestRead(EngineTestCase):
    def test_other_projects_private_artifacts_are_404(self):
        art = self.create()
        self.assertRaises(exception.ArtifactNotFound, engine.get,
                          context('p2'), Sample, art.id)
        self.assertEqual(art.id, engine.get(self.admin, Sample, art.id).id)

    def test_an_anonymous_caller_sees_public_artifacts_only(self):
        art = self.create()
        anonymous = glare_context.RequestContext(anonymous=True,
                                                 all_projects=False)
        self.assertRaises(exception.ArtifactNotFound, engine.get,
                          anonymous, Sample, art.id)

    def test_the_all_view_reads_artifacts_of_every_type(self):
        art = self.create()
        seen = engine.get(self.ctx, all_type.All, art.id)
        self.assertEqual('samples', seen.type_name)

    def test_list_reads_the_caller_scope(self):
        self.create(name='mine')
        self.create(ctx=context('p2'), name='theirs')
        arts, total, more = engine.list_artifacts(
            self.ctx, Sample, [('sort', 'name:asc')], 25, 100)
        self.assertEqual((['mine'], 1, False),
                         ([a.name for a in arts], total, more))
        arts, _, _ = engine.list_artifacts(self.admin, Sample, [], 25, 100)
        self.assertEqual({'mine', 'theirs'}, {a.name for a in arts})


class TestParsePatch(base.TestCase):
    def test_a_patch_is_a_list_of_operations(self):
        for bad in ({'op': 'replace'}, [{'op': 'jump', 'path': '/x'}],
                    [{'path': '/x'}], ['replace']):
            self.assertRaises(exception.InvalidJsonPatch,
                              engine.parse_patch, bad)

    def test_a_field_is_never_removed(self):
        error = self.assertRaises(exception.BadRequest, engine.parse_patch,
                                  [{'op': 'remove', 'path': '/notes'}])
        self.assertIn('Field notes cannot be removed', str(error))
        # Removing inside a field is a change of its value.
        engine.parse_patch([{'op': 'remove', 'path': '/tags/0'}])


class TestUpdate(EngineTestCase):
    def test_the_change_is_authorized_by_what_it_asks_for(self):
        art = self.create(os='linux')
        self.replace(art, 'notes', 'n')
        self.patch(art, {'op': 'replace', 'path': '/notes', 'value': 'm'},
                   {'op': 'replace', 'path': '/status', 'value': 'active'})
        self.assertEqual([['update'], ['update', 'activate']], self.asked)

    def test_policy_is_asked_before_the_state(self):
        # A caller who may not publish learns that, not why publishing a
        # draft would fail.
        art = self.create()

        def deny(art, actions):
            raise exception.PolicyNotAuthorized(action=actions[0])

        self.assertRaises(exception.PolicyNotAuthorized, self.replace, art,
                          'visibility', 'public', authorize=deny)

    def test_activation_checks_required_fields_and_is_announced(self):
        art = self.create()
        error = self.assertRaises(exception.RequiredOnActivate,
                                  self.activate, art)
        self.assertIn('os', str(error))
        art = self.replace(art, 'os', 'linux')
        art = self.activate(art)
        self.assertEqual('active', art.status)
        self.assertIsNotNone(art.activated_at)
        self.assertEqual(['create', 'update', 'activate'],
                         [action for action, _ in self.events])

    def test_after_activation_only_mutable_fields_change(self):
        art = self.activate(self.create(os='linux'))
        self.assertRaises(exception.ImmutableField, self.replace, art, 'os',
                          'bsd')
        self.assertEqual('n', self.replace(art, 'notes', 'n').notes)

    def test_a_deactivated_artifact_changes_no_field(self):
        art = self.activate(self.create(os='linux'))
        art = self.replace(art, 'status', 'deactivated', ctx=self.admin)
        error = self.assertRaises(exception.Forbidden, self.replace, art,
                                  'notes', 'n')
        self.assertIn('deactivated', str(error))

    def test_fields_a_patch_cannot_change(self):
        art = self.create()
        self.assertRaises(exception.ReadOnlyField, self.replace, art,
                          'owner', 'p2')
        error = self.assertRaises(exception.BadRequest, self.patch, art, {
            'op': 'add', 'path': '/colour', 'value': 'red'})
        self.assertIn('Unknown field colour', str(error))
        error = self.assertRaises(exception.BadRequest, self.replace, art,
                                  'image', {'size': 1})
        self.assertIn('uploading data', str(error))
        self.assertRaises(exception.InvalidJsonPatch, self.patch, art, {
            'op': 'replace', 'path': '', 'value': 3})
        self.assertRaises(exception.InvalidJsonPatch, self.patch, art, {
            'op': 'replace', 'path': '/tags/7', 'value': 'x'})

    def test_a_patch_changing_nothing_writes_nothing(self):
        art = self.create(notes='n')
        same = self.replace(art, 'notes', 'n')
        self.assertEqual(art.updated_at, same.updated_at)
        self.assertEqual(['create'], [action for action, _ in self.events])

    def test_tags_stay_unique(self):
        art = self.create()
        art = self.replace(art, 'tags', ['a', 'b', 'a'])
        self.assertEqual(['a', 'b'], sorted(art.tags))

    def test_a_lost_race_is_applied_again_to_fresh_data(self):
        art = self.create()
        real_update = db_api.update
        racer = context()
        raced = []

        def lose_once(ctx, *args, **kwargs):
            if not raced:
                raced.append(True)
                # Another request changes the artifact first.
                engine.update(racer, Sample, art.id, engine.parse_patch([
                    {'op': 'add', 'path': '/tags/-', 'value': 'theirs'}]),
                    lambda art, actions: None)
            return real_update(ctx, *args, **kwargs)

        self.useFixture(fixtures.MockPatch('glare.db.api.update',
                                           side_effect=lose_once))
        art = self.patch(art, {'op': 'add', 'path': '/tags/-',
                               'value': 'mine'})
        self.assertEqual(['mine', 'theirs'], sorted(art.tags))
        # Authorized again for the state it finally wrote over.
        self.assertEqual(2, len(self.asked))

    def test_an_update_that_always_loses_gives_up_with_409(self):
        art = self.create()
        self.useFixture(fixtures.MockPatch(
            'glare.db.api.update',
            side_effect=exception.ConcurrentUpdate(id=art.id)))
        self.assertRaises(exception.ConcurrentUpdate, self.replace, art,
                          'notes', 'n')
        self.assertEqual(engine.UPDATE_ATTEMPTS, len(self.asked))

    def test_a_read_only_view_updates_nothing(self):
        art = self.create()
        self.assertRaises(exception.Forbidden, engine.update, self.ctx,
                          all_type.All, art.id, engine.parse_patch([]),
                          self.authorize)


class TestDelete(EngineTestCase):
    def delete(self, art, ctx=None):
        engine.delete(ctx or self.ctx, Sample, art.id, self.authorize)

    def test_the_action_names_what_is_deleted(self):
        drafted = self.create(name='a')
        public = self.replace(self.activate(self.create(name='b', os='l')),
                              'visibility', 'public', ctx=self.admin)
        deactivated = self.replace(self.activate(self.create(name='c',
                                                             os='l')),
                                   'status', 'deactivated', ctx=self.admin)
        self.asked = []
        for art in (drafted, public, deactivated):
            self.delete(art, ctx=self.admin)
        self.assertEqual([['delete_private'], ['delete_public'],
                          ['delete_deactivated']], self.asked)

    def test_deleting_removes_the_artifact_then_its_data(self):
        art = self.create()
        self.add_blob(art.id, 'image', location='file:///d', backend='fs')
        self.delete(art)
        self.assertRaises(exception.ArtifactNotFound, engine.get,
                          self.admin, Sample, art.id)
        self.assertEqual(['file:///d'], [e.location for e in self.removed])
        self.assertEqual(('delete', art.id), self.events[-1])

    def test_a_deletion_that_lost_a_race_is_authorized_again(self):
        # Published meanwhile: deleting it is now deleting a public
        # artifact, which the caller is asked about again.
        art = self.activate(self.create(os='linux'))
        real_delete = db_api.delete
        raced = []

        def publish_first(ctx, artifact_id, row_version):
            if not raced:
                raced.append(True)
                # Another request, in a transaction of its own.
                self.replace(art, 'visibility', 'public',
                             ctx=context('admin', admin=True))
            return real_delete(ctx, artifact_id, row_version)

        self.useFixture(fixtures.MockPatch('glare.db.api.delete',
                                           side_effect=publish_first))
        self.asked = []
        self.delete(art, ctx=self.admin)
        self.assertEqual([['delete_private'], ['publish'],
                          ['delete_public']], self.asked)
        self.assertRaises(exception.ArtifactNotFound, engine.get,
                          self.admin, Sample, art.id)

    def test_with_delayed_delete_the_data_waits_for_the_scrubber(self):
        self.flags(delayed_delete=True)
        art = self.create()
        self.add_blob(art.id, 'image', location='file:///d', backend='fs')
        self.delete(art)
        self.assertEqual([], self.removed)
        self.assertRaises(exception.ArtifactNotFound, engine.get, self.ctx,
                          Sample, art.id)
        self.assertEqual('deleted',
                         engine.get(self.admin, Sample, art.id).status)
        self.assertRaises(exception.ArtifactNotFound, self.delete, art,
                          ctx=self.admin)

    def test_a_deleted_artifact_is_restored_to_its_status(self):
        self.flags(delayed_delete=True)
        art = self.create()
        self.delete(art)
        art = engine.get(self.admin, Sample, art.id)
        error = self.assertRaises(exception.BadRequest, self.patch, art, {
            'op': 'replace', 'path': '/notes', 'value': 'n'}, ctx=self.admin)
        self.assertIn('restoring it with status drafted', str(error))
        art = self.replace(art, 'status', 'drafted', ctx=self.admin)
        self.assertEqual('drafted', art.status)
        self.assertEqual(['restore'], self.asked[-1])
        self.assertEqual(('restore', art.id), self.events[-1])
