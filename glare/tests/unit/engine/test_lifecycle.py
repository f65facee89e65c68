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

"""Status and visibility transitions and the activation check."""

from glare.artifact_types import images
from glare import context
from glare.engine import lifecycle
from glare import exception
from glare.objects import base as objects
from glare.objects import fields as f
from glare.tests import base

STATUSES = objects.STATUSES


class LifecycleTestBundle(objects.BaseArtifact):
    fields = {
        'files': f.Folder(),
        'parts': f.List(required_on_activate=True),
    }

    @classmethod
    def get_type_name(cls):
        return 'lifecycle_bundles'


class TestStatusTransitions(base.TestCase):
    def test_the_transitions_table(self):
        allowed = {}
        for current in STATUSES:
            for new in STATUSES:
                if current == new:
                    self.assertIsNone(lifecycle.status_action(current, new))
                    continue
                try:
                    allowed[current, new] = lifecycle.status_action(
                        current, new)
                except exception.InvalidStatusTransition as exc:
                    # Forbidden, as in Glare.
                    self.assertEqual(403, exc.code)
        self.assertEqual({('drafted', 'active'): 'activate',
                          ('active', 'deactivated'): 'deactivate',
                          ('deactivated', 'active'): 'reactivate'}, allowed)

    def test_nothing_goes_back_to_drafted(self):
        exc = self.assertRaises(exception.InvalidStatusTransition,
                                lifecycle.status_action, 'active',
                                'drafted')
        self.assertEqual('Artifact cannot go from status active to '
                         'drafted.', exc.msg)

    def test_values_that_are_no_status_are_400(self):
        for value in ('gone', 7, None, ['active']):
            exc = self.assertRaises(exception.BadRequest,
                                    lifecycle.status_action, 'drafted',
                                    value)
            self.assertEqual(400, exc.code)
            self.assertIn('a status is one of drafted, active', exc.msg)

    def test_deleting_by_status_points_to_delete(self):
        exc = self.assertRaises(exception.InvalidStatusTransition,
                                lifecycle.status_action, 'active',
                                'deleted')
        self.assertIn('deleted with DELETE', exc.msg)


class TestRequestedActions(base.TestCase):
    """What a change asks policy for, before its state is checked."""

    def test_status_changes(self):
        requested = lifecycle.requested_status_action
        self.assertIsNone(requested('active', 'active'))
        self.assertEqual('activate', requested('drafted', 'active'))
        self.assertEqual('reactivate', requested('deactivated', 'active'))
        # Not a transition from drafted, but asking for it needs the
        # rule first: a caller who may not deactivate learns nothing.
        self.assertEqual('deactivate', requested('drafted', 'deactivated'))
        for target in ('drafted', 'deleted', 'bogus'):
            self.assertEqual('update', requested('active', target))

    def test_visibility_changes(self):
        requested = lifecycle.requested_visibility_action
        self.assertIsNone(requested('public', 'public'))
        self.assertEqual('publish', requested('private', 'public'))
        self.assertEqual('update', requested('public', 'private'))


class TestVisibility(base.TestCase):
    def test_publish_an_active_artifact(self):
        self.assertEqual('publish', lifecycle.visibility_action(
            'private', 'public', 'active'))
        self.assertIsNone(lifecycle.visibility_action(
            'public', 'public', 'deactivated'))

    def test_only_active_artifacts_are_published(self):
        for status in ('drafted', 'deactivated'):
            exc = self.assertRaises(exception.Forbidden,
                                    lifecycle.visibility_action,
                                    'private', 'public', status)
            self.assertEqual(403, exc.code)
            self.assertIn('Only active artifacts can be published; this '
                          'one is %s' % status, exc.msg)

    def test_never_back_to_private(self):
        exc = self.assertRaises(exception.Forbidden,
                                lifecycle.visibility_action,
                                'public', 'private', 'active')
        self.assertIn('only change from private to public, not from '
                      'public to private', exc.msg)


class TestSharing(base.TestCase):
    """Visibilities of microversion 1.2: the owner's choices."""

    ALL = objects.VISIBILITIES

    def test_requested_actions(self):
        requested = lifecycle.requested_visibility_action
        for current in ('private', 'shared', 'community'):
            self.assertEqual('publish', requested(current, 'public',
                                                  self.ALL))
        self.assertEqual('share', requested('private', 'shared', self.ALL))
        self.assertEqual('share', requested('community', 'private',
                                            self.ALL))
        self.assertEqual('communitize', requested('shared', 'community',
                                                  self.ALL))
        # Older clients ask for a change they cannot make, as before.
        self.assertEqual('update', requested('private', 'shared'))
        self.assertEqual('update', requested('shared', 'private'))
        # Any JSON value may come in a patch.
        for value in ({'a': 1}, ['shared'], None, 7):
            self.assertEqual('update', requested('private', value,
                                                 self.ALL))
        self.assertEqual('update', requested('public', 'shared', self.ALL))

    def test_owners_move_between_their_visibilities_when_active(self):
        for current in ('private', 'shared', 'community'):
            for new in ('private', 'shared', 'community'):
                action = lifecycle.visibility_action(current, new, 'active',
                                                     self.ALL)
                self.assertEqual(None if current == new else
                                 lifecycle.SHARING_ACTIONS[new], action)

    def test_sharing_a_drafted_or_deactivated_artifact_is_409(self):
        for status in ('drafted', 'deactivated'):
            exc = self.assertRaises(exception.Conflict,
                                    lifecycle.visibility_action, 'private',
                                    'shared', status, self.ALL)
            self.assertEqual(409, exc.code)
            self.assertIn('Only active artifacts can be made shared; this '
                          'one is %s' % status, exc.msg)

    def test_public_stays_public(self):
        exc = self.assertRaises(exception.Forbidden,
                                lifecycle.visibility_action, 'public',
                                'community', 'active', self.ALL)
        self.assertIn('stays public', exc.msg)

    def test_older_clients_know_private_and_public_only(self):
        old = context.RequestContext(api_version=(1, 1))
        self.assertEqual(('private', 'public'),
                         lifecycle.visibilities_for(old))
        self.assertEqual(self.ALL, lifecycle.visibilities_for(
            context.RequestContext(api_version=(1, 2))))
        self.assertEqual(self.ALL, lifecycle.visibilities_for(
            context.RequestContext()))
        exc = self.assertRaises(exception.BadRequest,
                                lifecycle.visibility_action, 'private',
                                'shared', 'active',
                                lifecycle.visibilities_for(old))
        self.assertIn('a visibility is one of private, public', exc.msg)


class TestCheckActivation(base.TestCase):
    def setUp(self):
        super().setUp()
        self.context = context.RequestContext(project_id='p1',
                                              roles=['member'])

    def image(self, **values):
        values.setdefault('name', 'cirros')
        return images.Image.new(self.context, values)

    def test_required_fields_must_be_set(self):
        exc = self.assertRaises(exception.RequiredOnActivate,
                                lifecycle.check_activation,
                                self.image(disk_format='qcow2'))
        self.assertEqual(403, exc.code)
        self.assertEqual('Field container_format must be set before the '
                         'artifact is activated.', exc.msg)

    def test_complete_artifact_passes(self):
        art = self.image(disk_format='qcow2', container_format='bare',
                         image={'status': 'active', 'size': 3})
        self.assertIsNone(lifecycle.check_activation(art))

    def test_empty_required_list_counts_as_unset(self):
        art = LifecycleTestBundle.new(self.context, {'name': 'b'})
        exc = self.assertRaises(exception.RequiredOnActivate,
                                lifecycle.check_activation, art)
        self.assertIn('parts', exc.msg)
        art.parts = ['x']
        lifecycle.check_activation(art)

    def test_saving_blob_blocks_activation(self):
        art = self.image(disk_format='qcow2', container_format='bare',
                         image={'status': 'saving'})
        exc = self.assertRaises(exception.Conflict,
                                lifecycle.check_activation, art)
        self.assertEqual(409, exc.code)
        self.assertIn('Blob image is still being uploaded', exc.msg)

    def test_saving_blob_in_a_folder_blocks_activation(self):
        art = LifecycleTestBundle.new(self.context, {
            'name': 'b', 'parts': ['x'],
            'files': {'a.yaml': {'status': 'active'},
                      'b/c.yaml': {'status': 'saving'}}})
        exc = self.assertRaises(exception.Conflict,
                                lifecycle.check_activation, art)
        self.assertIn('Blob files is still being uploaded', exc.msg)
