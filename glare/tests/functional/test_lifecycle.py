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

"""Status and visibility transitions and who may make them.

The default policy of API.md "Lifecycle and visibility": the owner (or an
administrator) works on private artifacts, administrators alone deactivate,
reactivate, publish and touch public ones, and other projects cannot even
see someone else's private artifact.
"""

import fixtures

from glare.api import authorization
from glare.tests.functional import base

IMAGES = '/artifacts/images'
ADMIN = base.ADMIN
MEMBER = base.MEMBER
OTHER = base.OTHER


def _url(artifact):
    return '%s/%s' % (IMAGES, artifact['id'])


def _replace(path, value):
    return [{'op': 'replace', 'path': path, 'value': value}]


class LifecycleTestCase(base.ApiTestCase):
    def active(self, token=MEMBER, **values):
        values.setdefault('disk_format', 'qcow2')
        values.setdefault('container_format', 'bare')
        art = self.create(token=token, **values)
        return self.set_status(art, 'active', token=token)

    def public(self, **values):
        art = self.active(**values)
        return self.update(art, _replace('/visibility', 'public'),
                           token=ADMIN)

    def shown(self, art, token=MEMBER):
        resp = self.get(_url(art), token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json


class TestActivation(LifecycleTestCase):
    def test_activate(self):
        art = self.create(disk_format='raw', container_format='bare')
        active = self.set_status(art, 'active')
        self.assertEqual('active', active['status'])
        self.assertIsNotNone(active['activated_at'])
        shown = self.shown(art)
        self.assertEqual('active', shown['status'])
        self.assertEqual(active['activated_at'], shown['activated_at'])

    def test_required_on_activate_fields_are_named(self):
        art = self.create(disk_format='raw')
        resp = self.patch(_url(art), _replace('/status', 'active'))
        self.assertError(resp, 403, 'container_format')
        art = self.create(name='other', container_format='bare')
        resp = self.patch(_url(art), _replace('/status', 'active'))
        self.assertError(resp, 403, 'disk_format')
        self.assertEqual('drafted', self.shown(art)['status'])
        self.assertIsNone(self.shown(art)['activated_at'])

    def test_fields_set_in_the_activating_patch_count(self):
        art = self.create()
        active = self.update(art, [
            {'op': 'add', 'path': '/disk_format', 'value': 'qcow2'},
            {'op': 'add', 'path': '/container_format', 'value': 'bare'},
            {'op': 'replace', 'path': '/status', 'value': 'active'}])
        self.assertEqual('active', active['status'])
        self.assertEqual('qcow2', self.shown(art)['disk_format'])

    def test_unknown_status_is_refused(self):
        art = self.create()
        for value in ('published', None, ['active'], {'s': 'active'}):
            resp = self.patch(_url(art), _replace('/status', value))
            self.assertError(resp, 400, 'drafted')
        self.assertEqual('drafted', self.shown(art)['status'])


class TestImmutability(LifecycleTestCase):
    def test_immutable_fields_are_named(self):
        art = self.active(name='img', min_ram=1)
        for path, value in (('/name', 'renamed'), ('/version', '2.0'),
                            ('/min_ram', 2), ('/disk_format', 'raw'),
                            ('/metadata', {'k': 'v'})):
            resp = self.patch(_url(art), _replace(path, value))
            self.assertError(resp, 403, path[1:], 'active')
        shown = self.shown(art)
        self.assertEqual(('img', '0.0.0', 1, 'qcow2', {}),
                         (shown['name'], shown['version'], shown['min_ram'],
                          shown['disk_format'], shown['metadata']))

    def test_mutable_fields_stay_editable(self):
        art = self.active()
        updated = self.update(art, [
            {'op': 'replace', 'path': '/description', 'value': 'new'},
            {'op': 'add', 'path': '/tags/-', 'value': 'stable'}])
        self.assertEqual('new', updated['description'])
        self.assertEqual(['stable'], updated['tags'])
        self.assertEqual(updated, self.shown(art))

    def test_immutable_after_deactivation_too(self):
        art = self.active()
        self.set_status(art, 'deactivated', token=ADMIN)
        resp = self.patch(_url(art), _replace('/name', 'x'))
        self.assertError(resp, 403, 'name', 'deactivated')

    def test_deactivated_artifacts_are_not_editable_at_all(self):
        # As in Glare: not even mutable fields, not even by admins.
        art = self.active()
        self.set_status(art, 'deactivated', token=ADMIN)
        for token in (MEMBER, ADMIN):
            resp = self.patch(_url(art), _replace('/description', 'new'),
                              token=token)
            self.assertEqual(403, resp.status_int, token)
        resp = self.patch(_url(art), [{'op': 'add', 'path': '/tags/-',
                                       'value': 'x'}], token=ADMIN)
        self.assertError(resp, 403, 'tags', 'deactivated')
        shown = self.shown(art)
        self.assertEqual(('', []), (shown['description'], shown['tags']))


class TestTransitions(LifecycleTestCase):
    def test_deactivate_and_reactivate_are_admin_only(self):
        art = self.active()
        resp = self.patch(_url(art), _replace('/status', 'deactivated'))
        self.assertError(resp, 403, 'deactivate')
        self.assertEqual('active', self.shown(art)['status'])
        art = self.set_status(art, 'deactivated', token=ADMIN)
        self.assertEqual('deactivated', self.shown(art)['status'])
        resp = self.patch(_url(art), _replace('/status', 'active'))
        self.assertError(resp, 403, 'reactivate')
        self.assertEqual('deactivated', self.shown(art)['status'])
        art = self.set_status(art, 'active', token=ADMIN)
        self.assertEqual('active', self.shown(art)['status'])

    def test_drafted_cannot_be_deactivated(self):
        art = self.create()
        resp = self.patch(_url(art), _replace('/status', 'deactivated'),
                          token=ADMIN)
        self.assertError(resp, 403, 'drafted', 'deactivated')

    def test_nothing_goes_back_to_drafted(self):
        art = self.active()
        for token in (MEMBER, ADMIN):
            resp = self.patch(_url(art), _replace('/status', 'drafted'),
                              token=token)
            self.assertError(resp, 403, 'drafted')
        self.set_status(art, 'deactivated', token=ADMIN)
        resp = self.patch(_url(art), _replace('/status', 'drafted'),
                          token=ADMIN)
        self.assertError(resp, 403, 'drafted')
        self.assertEqual('deactivated', self.shown(art)['status'])

    def test_deleted_only_through_delete(self):
        art = self.create()
        for token in (MEMBER, ADMIN):
            resp = self.patch(_url(art), _replace('/status', 'deleted'),
                              token=token)
            self.assertError(resp, 403, 'DELETE')
        self.assertEqual('drafted', self.shown(art)['status'])


class TestPublish(LifecycleTestCase):
    def test_policy_is_checked_before_the_state(self):
        # A member who may not publish is told so, not why publishing a
        # drafted artifact would fail anyway.
        art = self.create(name='img', disk_format='qcow2',
                          container_format='bare')
        resp = self.patch(_url(art), _replace('/visibility', 'public'))
        self.assertError(resp, 403, 'artifact:publish')
        resp = self.patch(_url(art), _replace('/status', 'deactivated'))
        self.assertError(resp, 403, 'artifact:deactivate')
        self.assertEqual(('drafted', 'private'), (
            self.shown(art)['status'], self.shown(art)['visibility']))

    def test_publish_is_admin_only(self):
        art = self.active()
        resp = self.patch(_url(art), _replace('/visibility', 'public'))
        self.assertError(resp, 403, 'publish')
        self.assertEqual('private', self.shown(art)['visibility'])
        published = self.update(art, _replace('/visibility', 'public'),
                                token=ADMIN)
        self.assertEqual('public', published['visibility'])
        self.assertEqual('public', self.shown(art)['visibility'])

    def test_only_active_artifacts_are_published(self):
        art = self.create()
        resp = self.patch(_url(art), _replace('/visibility', 'public'),
                          token=ADMIN)
        self.assertError(resp, 403, 'active', 'drafted')
        art = self.active(name='deact')
        self.set_status(art, 'deactivated', token=ADMIN)
        resp = self.patch(_url(art), _replace('/visibility', 'public'),
                          token=ADMIN)
        self.assertError(resp, 403, 'deactivated')
        self.assertEqual('private', self.shown(art)['visibility'])

    def test_activate_and_publish_in_one_patch(self):
        art = self.create(disk_format='raw', container_format='bare')
        done = self.update(art, [
            {'op': 'replace', 'path': '/status', 'value': 'active'},
            {'op': 'replace', 'path': '/visibility', 'value': 'public'}],
            token=ADMIN)
        self.assertEqual(('active', 'public'),
                         (done['status'], done['visibility']))

    def test_public_never_goes_back(self):
        art = self.public()
        resp = self.patch(_url(art), _replace('/visibility', 'private'),
                          token=ADMIN)
        self.assertError(resp, 403, 'public')
        # What is no visibility at all is a bad request (as in Glare).
        for value in ('everyone', None):
            resp = self.patch(_url(art), _replace('/visibility', value),
                              token=ADMIN)
            self.assertError(resp, 400, 'Invalid visibility')
        self.assertEqual('public', self.shown(art)['visibility'])

    def test_public_identity_is_unique_across_projects(self):
        self.public(name='ubuntu', version='22.4')
        theirs = self.active(name='ubuntu', version='22.4', token=OTHER)
        resp = self.patch(_url(theirs), _replace('/visibility', 'public'),
                          token=ADMIN)
        self.assertError(resp, 409, 'ubuntu', '22.4.0')
        self.assertEqual('private',
                         self.shown(theirs, token=OTHER)['visibility'])
        other = self.active(name='ubuntu', version='24.4', token=OTHER)
        self.update(other, _replace('/visibility', 'public'), token=ADMIN)


class TestPolicy(LifecycleTestCase):
    def test_private_artifact_of_another_project_is_not_found(self):
        art = self.create()
        self.assertError(self.get(_url(art), token=OTHER), 404, art['id'])
        resp = self.patch(_url(art), _replace('/name', 'x'), token=OTHER)
        self.assertError(resp, 404, art['id'])
        self.assertError(self.delete(_url(art), token=OTHER), 404,
                         art['id'])
        self.assertEqual('art', self.shown(art)['name'])
        listed = self.get(IMAGES, token=OTHER).json
        self.assertEqual(0, listed['total_count'])

    def test_admin_sees_and_manages_every_project(self):
        art = self.create()
        self.assertEqual(art, self.shown(art, token=ADMIN))
        updated = self.update(art, _replace('/name', 'by-admin'),
                              token=ADMIN)
        self.assertEqual('by-admin', updated['name'])
        self.assertEqual('project1', updated['owner'])
        self.assertEqual(204, self.delete(_url(art), token=ADMIN).status_int)
        self.assertError(self.get(_url(art)), 404)

    def test_public_artifact_is_readable_by_everyone(self):
        art = self.public()
        self.assertEqual('public', self.shown(art, token=OTHER)['visibility'])
        listed = self.get(IMAGES, token=OTHER).json
        self.assertEqual([art['id']], [a['id'] for a in listed['artifacts']])

    def test_public_artifact_is_changed_by_admin_only(self):
        art = self.public(description='old')
        for token in (OTHER, MEMBER):
            resp = self.patch(_url(art), _replace('/description', 'new'),
                              token=token)
            self.assertError(resp, 403, 'update')
        resp = self.patch(_url(art), _replace('/status', 'deactivated'),
                          token=OTHER)
        self.assertError(resp, 403)
        self.assertEqual('old', self.shown(art)['description'])
        updated = self.update(art, _replace('/description', 'new'),
                              token=ADMIN)
        self.assertEqual('new', updated['description'])

    def test_public_artifact_is_deleted_by_admin_only(self):
        art = self.public()
        for token in (OTHER, MEMBER):
            self.assertError(self.delete(_url(art), token=token), 403,
                             'delete_public')
        self.assertEqual('public', self.shown(art, token=OTHER)['visibility'])
        self.assertEqual(204, self.delete(_url(art), token=ADMIN).status_int)
        self.assertError(self.get(_url(art), token=OTHER), 404)

    def test_deactivated_artifact_is_deleted_by_admin_only(self):
        art = self.active()
        self.set_status(art, 'deactivated', token=ADMIN)
        self.assertError(self.delete(_url(art)), 403, 'delete_deactivated')
        self.assertEqual('deactivated', self.shown(art)['status'])
        self.assertEqual(204, self.delete(_url(art), token=ADMIN).status_int)
        self.assertError(self.get(_url(art)), 404)

    def test_owner_deletes_own_drafted_and_active_artifacts(self):
        drafted = self.create(name='d')
        active = self.active(name='a')
        for art in (drafted, active):
            self.assertEqual(204, self.delete(_url(art)).status_int)
            self.assertError(self.get(_url(art)), 404)

    def test_another_member_of_the_project_may_work_on_it(self):
        art = self.create(disk_format='raw', container_format='bare')
        colleague = 'user3:project1:member'
        self.assertEqual('active', self.set_status(
            art, 'active', token=colleague)['status'])


class TestAuthorizedOnWhatIsWritten(LifecycleTestCase):
    """A change is allowed for the state it overwrites, not an older one.

    Each test lets another request land between the moment a request
    read the artifact (and was allowed) and the moment it writes.
    """

    def interleave(self, other_request):
        """Run ``other_request`` right after the first authorization."""
        real_guard = authorization.guard
        done = []

        def guard(ctx):
            authorize = real_guard(ctx)

            def racing(artifact, actions):
                authorize(artifact, actions)
                if not done:
                    done.append(True)
                    other_request()
            return racing
        self.useFixture(fixtures.MockPatchObject(authorization, 'guard',
                                                 guard))
        return done

    def test_a_publish_racing_a_members_patch(self):
        art = self.active()
        done = self.interleave(lambda: self.update(
            art, _replace('/visibility', 'public'), token=ADMIN))
        resp = self.patch(_url(art), _replace('/description', 'mine'))
        self.assertEqual([True], done)
        # Public artifacts are changed by administrators only: the
        # member's change, allowed while it was private, is refused.
        self.assertError(resp, 403, 'artifact:update')
        shown = self.shown(art)
        self.assertEqual(('public', ''),
                         (shown['visibility'], shown['description']))

    def test_a_deactivation_racing_a_deletion(self):
        art = self.active()
        self.interleave(lambda: self.set_status(art, 'deactivated',
                                                token=ADMIN))
        resp = self.delete(_url(art))
        self.assertError(resp, 403, 'artifact:delete_deactivated')
        self.assertEqual('deactivated', self.shown(art)['status'])

    def test_a_deletion_racing_a_deletion_is_404_not_409(self):
        art = self.active()
        self.interleave(lambda: self.assertEqual(
            204, self.delete(_url(art)).status_int))
        self.assertError(self.delete(_url(art)), 404)
