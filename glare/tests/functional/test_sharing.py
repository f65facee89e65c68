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

"""Sharing (microversion 1.2): members, shared and community artifacts.

The owner (project1) shares an image with project3 and project4;
project3 accepts it, project4 rejects it, project2 is no member. Run on
SQLite and on PostgreSQL.
"""

import fixtures

from glare.artifact_types import ovf_packages
from glare import context
from glare.db import outbox
from glare.tests import databases
from glare.tests.functional import base

V10 = {'OpenStack-API-Version': 'artifact 1.0'}
V12 = {'OpenStack-API-Version': 'artifact 1.2'}
IMAGES = '/artifacts/images'
OWNER = base.MEMBER                      # project1
OWNER_READER = 'user5:project1:reader'
ACCEPTING = 'user3:project3:member'
ACCEPTING_READER = 'user6:project3:reader'
REJECTING = 'user4:project4:member'
STRANGER = base.OTHER                    # project2
DATA = b'shared image data'


def _replace(path, value):
    return [{'op': 'replace', 'path': path, 'value': value}]


class SharingTestCase(base.ApiTestCase):
    types = dict(base.ApiTestCase.types,
                 ovf_packages=ovf_packages.OVFPackage)

    def image(self, name='golden', status='active', token=OWNER,
              version='0.0.0'):
        art = self.create(name=name, disk_format='qcow2', version=version,
                          container_format='bare', token=token)
        resp = self.app.put('%s/%s/image' % (IMAGES, art['id']), DATA,
                            headers={'X-Auth-Token': token,
                                     'Content-Type':
                                     'application/octet-stream'})
        self.assertEqual(200, resp.status_int, resp.text)
        if status == 'active':
            art = self.set_status(art, 'active', token=token)
        return art

    def url(self, art, *rest):
        return '/'.join(('%s/%s' % (IMAGES, art['id']),) + rest)

    def set_visibility(self, art, visibility, token=OWNER, status=200):
        resp = self.patch(self.url(art), _replace('/visibility', visibility),
                          token=token, headers=V12)
        self.assertEqual(status, resp.status_int, resp.text)
        return resp

    def add_member(self, art, member, token=OWNER, status=201):
        resp = self.post(self.url(art, 'members'), {'member': member},
                         token=token, headers=V12)
        self.assertEqual(status, resp.status_int, resp.text)
        return resp

    def answer(self, art, member, answer, token, status=200):
        resp = self.app.put_json(
            self.url(art, 'members', member), {'status': answer},
            headers=dict(V12, **{'X-Auth-Token': token}), status='*')
        self.assertEqual(status, resp.status_int, resp.text)
        return resp

    def listed(self, token, query='', headers=V12):
        resp = self.get(IMAGES + '?limit=1000' + query, token=token,
                        headers=headers)
        self.assertEqual(200, resp.status_int, resp.text)
        return {a['id'] for a in resp.json['artifacts']}

    def shared_image(self, name='golden'):
        art = self.image(name)
        self.set_visibility(art, 'shared')
        self.add_member(art, 'project3')
        self.add_member(art, 'project4')
        self.answer(art, 'project3', 'accepted', ACCEPTING)
        self.answer(art, 'project4', 'rejected', REJECTING)
        return art

    def members(self, art, token=OWNER):
        resp = self.get(self.url(art, 'members'), token=token, headers=V12)
        self.assertEqual(200, resp.status_int, resp.text)
        return {m['member_id']: m['status'] for m in resp.json['members']}


class _SharingTests:
    def test_owner_shares_one_accepts_one_rejects_a_stranger_sees_nothing(
            self):
        art = self.shared_image()
        self.assertEqual({'project3': 'accepted', 'project4': 'rejected'},
                         self.members(art))
        # The accepting project lists it, shows it, downloads the data.
        self.assertIn(art['id'], self.listed(ACCEPTING))
        self.assertIn(art['id'], self.listed(ACCEPTING_READER))
        self.assertEqual('shared', self.get(
            self.url(art), token=ACCEPTING).json['visibility'])
        download = self.get(self.url(art, 'image'), token=ACCEPTING)
        self.assertEqual((200, DATA), (download.status_int, download.body))
        # The rejecting project does not list it; by id it still reads
        # it, as in Glance.
        self.assertNotIn(art['id'], self.listed(REJECTING))
        self.assertIn(art['id'], self.listed(REJECTING,
                                             '&member_status=rejected'))
        self.assertIn(art['id'], self.listed(REJECTING,
                                             '&member_status=all'))
        self.assertNotIn(art['id'], self.listed(ACCEPTING,
                                                '&member_status=rejected'))
        self.assertEqual(200, self.get(self.url(art),
                                       token=REJECTING).status_int)
        # A project that is no member finds nothing anywhere.
        for query in ('', '&member_status=all', '&visibility=shared'):
            self.assertNotIn(art['id'], self.listed(STRANGER, query))
        for path in (self.url(art), self.url(art, 'image'),
                     self.url(art, 'members'),
                     self.url(art, 'members', 'project3')):
            self.assertError(self.get(path, token=STRANGER, headers=V12),
                             404)
        self.assertNotIn(art['id'], {
            a['id'] for a in self.get('/artifacts/all?limit=1000',
                                      token=STRANGER).json['artifacts']})
        self.assertIn(art['id'], {
            a['id'] for a in self.get('/artifacts/all?limit=1000',
                                      token=ACCEPTING).json['artifacts']})

    def test_shared_artifacts_count_for_their_owner_only(self):
        self.shared_image()

        def used(token):
            report = self.get('/project-quotas', token=token, headers={
                'OpenStack-API-Version': 'artifact 1.1'}).json[0]
            return {q['quota_name']: q['quota_value']
                    for q in report['project_usage']}.get(
                        'max_artifact_number', 0)

        self.assertEqual((1, 0), (used(OWNER), used(ACCEPTING)))

    def test_a_member_project_sees_its_own_membership_only(self):
        art = self.shared_image()
        self.assertEqual({'project3': 'accepted'},
                         self.members(art, ACCEPTING))
        self.assertEqual({'project3': 'accepted', 'project4': 'rejected'},
                         self.members(art, OWNER_READER))
        shown = self.get(self.url(art, 'members', 'project3'),
                         token=ACCEPTING, headers=V12)
        self.assertEqual({'artifact_id': art['id'], 'member_id': 'project3',
                          'status': 'accepted'},
                         {k: shown.json[k] for k in ('artifact_id',
                                                     'member_id', 'status')})
        self.assertError(self.get(self.url(art, 'members', 'project4'),
                                  token=ACCEPTING, headers=V12), 404)

    def test_pending_members_read_by_id_and_list_when_asked(self):
        art = self.image()
        self.set_visibility(art, 'shared')
        self.add_member(art, 'project3')
        self.assertNotIn(art['id'], self.listed(ACCEPTING))
        self.assertIn(art['id'], self.listed(ACCEPTING,
                                             '&member_status=pending'))
        self.assertEqual(200, self.get(self.url(art),
                                       token=ACCEPTING).status_int)

    def test_members_cannot_change_delete_publish_or_add_members(self):
        art = self.shared_image()
        for token in (ACCEPTING, REJECTING):
            for path, value in (('/description', 'mine'),
                                ('/visibility', 'public'),
                                ('/visibility', 'private'),
                                ('/visibility', 'community'),
                                ('/status', 'deactivated')):
                self.assertError(self.patch(self.url(art),
                                            _replace(path, value),
                                            token=token, headers=V12), 403)
            self.assertError(self.delete(self.url(art), token=token), 403)
            self.add_member(art, 'project7', token=token, status=403)
            self.assertError(self.delete(
                self.url(art, 'members', 'project3'), token=token,
                headers=V12), 403)
        # Nor may the owner answer for a member, or one member for another.
        self.answer(art, 'project3', 'rejected', OWNER, status=403)
        self.answer(art, 'project4', 'accepted', ACCEPTING, status=403)
        # A member project's reader reads, but does not answer.
        self.answer(art, 'project3', 'rejected', ACCEPTING_READER,
                    status=403)
        shown = self.get(self.url(art), token=OWNER).json
        self.assertEqual(('shared', 'active', ''),
                         (shown['visibility'], shown['status'],
                          shown['description']))
        self.assertEqual({'project3': 'accepted', 'project4': 'rejected'},
                         self.members(art))

    def test_owner_removes_a_member_who_then_sees_nothing(self):
        art = self.shared_image()
        resp = self.delete(self.url(art, 'members', 'project3'),
                           headers=V12)
        self.assertEqual(204, resp.status_int, resp.text)
        self.assertEqual({'project4': 'rejected'}, self.members(art))
        self.assertNotIn(art['id'], self.listed(ACCEPTING))
        self.assertError(self.get(self.url(art), token=ACCEPTING), 404)
        self.assertError(self.delete(self.url(art, 'members', 'project3'),
                                     headers=V12), 404)

    def test_unsharing_hides_it_and_sharing_again_restores_members(self):
        art = self.shared_image()
        self.set_visibility(art, 'private')
        self.assertNotIn(art['id'], self.listed(ACCEPTING))
        self.assertError(self.get(self.url(art), token=ACCEPTING), 404)
        # An answer about an artifact that is not shared with it.
        self.answer(art, 'project3', 'rejected', ACCEPTING, status=404)
        self.set_visibility(art, 'shared')
        self.assertIn(art['id'], self.listed(ACCEPTING))
        self.assertEqual({'project3': 'accepted', 'project4': 'rejected'},
                         self.members(art))

    def test_community_found_by_id_and_when_asked_not_by_default(self):
        art = self.image()
        self.set_visibility(art, 'community')
        for token in (STRANGER, ACCEPTING):
            self.assertNotIn(art['id'], self.listed(token))
            self.assertNotIn(art['id'], self.listed(token,
                                                    '&member_status=all'))
            self.assertIn(art['id'], self.listed(
                token, '&visibility=community'))
            self.assertIn(art['id'], self.listed(
                token, '&visibility=in:community,public'))
            self.assertEqual('community', self.get(
                self.url(art), token=token).json['visibility'])
            self.assertEqual(DATA, self.get(self.url(art, 'image'),
                                            token=token).body)
        # The owner lists its own community artifacts as ever.
        self.assertIn(art['id'], self.listed(OWNER))
        # Community artifacts have no members, and others cannot change
        # them.
        self.add_member(art, 'project3', status=403)
        self.assertError(self.patch(self.url(art),
                                    _replace('/description', 'x'),
                                    token=STRANGER), 403)
        self.assertError(self.delete(self.url(art), token=STRANGER), 403)

    def test_owner_moves_between_private_shared_and_community(self):
        art = self.image()
        for visibility in ('shared', 'community', 'shared', 'private',
                           'community', 'private'):
            self.assertEqual(visibility, self.set_visibility(
                art, visibility).json['visibility'])
        # Public stays the admin's, and stays public.
        self.set_visibility(art, 'public', status=403)
        self.set_visibility(art, 'public', token=base.ADMIN)
        self.set_visibility(art, 'shared', token=base.ADMIN, status=403)

    def test_latest_and_markers_walk_every_kind_of_visibility(self):
        mine = self.image('tool')
        shared = self.image('tool', version='2.0')
        self.set_visibility(shared, 'shared')
        self.add_member(shared, 'project3')
        self.answer(shared, 'project3', 'accepted', ACCEPTING)
        community = self.image('other', token=STRANGER)
        resp = self.patch(self.url(community),
                          _replace('/visibility', 'community'),
                          token=STRANGER, headers=V12)
        self.assertEqual(200, resp.status_int, resp.text)
        own = self.image('tool', version='1.5', token=ACCEPTING)
        # latest: the accepted shared 2.0 wins over its own 1.5.
        latest = self.get(IMAGES + '?name=tool&version=latest',
                          token=ACCEPTING, headers=V12).json
        self.assertEqual([shared['id']],
                         [a['id'] for a in latest['artifacts']])
        # Paging one by one visits each readable row once.
        seen, url = [], IMAGES + '?limit=1&visibility=in:shared,private,' \
            'community'
        while url:
            page = self.get(url, token=ACCEPTING, headers=V12).json
            seen.extend(a['id'] for a in page['artifacts'])
            url = page.get('next')
        self.assertEqual(sorted([shared['id'], community['id'], own['id']]),
                         sorted(seen))
        self.assertNotIn(mine['id'], seen)

    def test_links_reach_what_the_linking_project_reads(self):
        art = self.shared_image()
        link = '/artifacts/images/%s' % art['id']
        for token, status in ((ACCEPTING, 201), (REJECTING, 201),
                              (STRANGER, 400)):
            resp = self.post('/artifacts/ovf_packages', {
                'name': 'appliance', 'disk_images': {'disk1.vmdk': link}},
                token=token)
            self.assertEqual(status, resp.status_int, resp.text)
        self.assertError(resp, 400, 'disk_images', 'cannot read')

    def test_same_identity_never_collides_across_projects(self):
        community = self.image('golden')
        self.set_visibility(community, 'community')
        self.shared_image('silver')
        # The member's and the stranger's own golden and silver 0.0.0
        # are theirs; the owner's identities stay taken (409).
        for token in (ACCEPTING, STRANGER):
            self.image('golden', token=token)
            self.image('silver', token=token)
        for name in ('golden', 'silver'):
            self.assertError(self.post(IMAGES, {
                'name': name, 'disk_format': 'qcow2',
                'container_format': 'bare'}), 409)


class _NotificationTests:
    def test_memberships_are_notified_with_their_change(self):
        # Recorded in the outbox with each change; nothing sends them.
        self.useFixture(fixtures.MockPatch(
            'glare.engine.notification_sender.ensure_running'))
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'])
        art = self.shared_image()
        self.delete(self.url(art, 'members', 'project4'), headers=V12)
        events = [(n['event_type'], n['payload']['member_id'],
                   n['payload']['status'])
                  for n in outbox.pending(context.get_admin_context(), 100)
                  if n['event_type'].startswith('artifact.member.')]
        self.assertEqual([
            ('artifact.member.create', 'project3', 'pending'),
            ('artifact.member.create', 'project4', 'pending'),
            ('artifact.member.update', 'project3', 'accepted'),
            ('artifact.member.update', 'project4', 'rejected'),
            ('artifact.member.delete', 'project4', 'rejected')], events)


class _BadInputTests:
    def assertUnchanged(self, art, members):
        shown = self.get(self.url(art)).json
        self.assertEqual(art['visibility'], shown['visibility'])
        self.assertEqual(members, self.members(art))

    def test_bad_member_ids_are_400(self):
        art = self.image()
        art = self.set_visibility(art, 'shared').json
        for member in ('', 'x' * 65, 'has space', 'a/b', 7, None, ['p'],
                       {'p': 1}):
            resp = self.add_member(art, member, status=400)
            self.assertError(resp, 400, 'Invalid member')
        self.assertUnchanged(art, {})

    def test_bodies_without_exactly_member_or_status_are_400(self):
        art = self.image()
        art = self.set_visibility(art, 'shared').json
        for body in ({}, {'member': 'p3', 'status': 'accepted'}, [],
                     {'project': 'p3'}):
            self.assertError(self.post(self.url(art, 'members'), body,
                                       headers=V12), 400)
        self.add_member(art, 'project3')
        for body in ({}, {'status': 'yes'}, {'status': None},
                     {'status': 'accepted', 'x': 1}):
            resp = self.app.put_json(
                self.url(art, 'members', 'project3'), body,
                headers=dict(V12, **{'X-Auth-Token': ACCEPTING}),
                status='*')
            self.assertError(resp, 400)
        self.assertUnchanged(art, {'project3': 'pending'})

    def test_self_membership_and_duplicates(self):
        art = self.image()
        art = self.set_visibility(art, 'shared').json
        self.assertError(self.add_member(art, 'project1', status=400), 400,
                         'owns artifact')
        self.add_member(art, 'project3')
        self.assertError(self.add_member(art, 'project3', status=409), 409,
                         'already a member')
        self.assertUnchanged(art, {'project3': 'pending'})

    def test_members_only_on_shared_artifacts(self):
        art = self.image()
        self.assertError(self.add_member(art, 'project3', status=403), 403,
                         'only shared artifacts have members')
        self.assertUnchanged(art, {})

    def test_sharing_a_drafted_artifact_is_409(self):
        art = self.image(status='drafted')
        for visibility in ('shared', 'community'):
            resp = self.set_visibility(art, visibility, status=409)
            self.assertError(resp, 409, 'Only active artifacts',
                             'Activate it first')
        self.assertEqual('private', self.get(self.url(art)).json[
            'visibility'])

    def test_member_limit_is_413(self):
        self.flags(max_artifact_members=2)
        art = self.image()
        art = self.set_visibility(art, 'shared').json
        self.add_member(art, 'project3')
        self.add_member(art, 'project4')
        self.assertError(self.add_member(art, 'project5', status=413), 413,
                         'maximum of 2 members')
        self.assertUnchanged(art, {'project3': 'pending',
                                   'project4': 'pending'})

    def test_unknown_visibility_is_400(self):
        art = self.image()
        self.assertError(self.set_visibility(art, 'friends', status=400),
                         400, 'private, shared, community, public')


class _CompatibilityTests:
    def test_older_clients_see_what_they_saw(self):
        art = self.image()
        before = self.listed(STRANGER, headers=V10)
        self.set_visibility(art, 'community')
        # Default lists of a project without memberships are unchanged.
        self.assertEqual(before, self.listed(STRANGER, headers=V10))
        # The members routes do not exist before 1.2: a blob field.
        resp = self.get(self.url(art, 'members'), headers=V10)
        self.assertEqual(400, resp.status_int, resp.text)
        # 1.0 clients set private and public only, as before.
        resp = self.patch(self.url(art), _replace('/visibility', 'shared'),
                          headers=V10)
        self.assertError(resp, 400, 'private, public')
        resp = self.get(IMAGES + '?member_status=all', headers=V10)
        self.assertError(resp, 400, 'member_status')
        schema = self.get('/schemas/images', headers=V10).json
        self.assertEqual(['private', 'public'], schema['schemas']['images'][
            'properties']['visibility']['enum'])
        schema = self.get('/schemas/images', headers=V12).json
        self.assertEqual(['private', 'shared', 'community', 'public'],
                         schema['schemas']['images']['properties'][
                             'visibility']['enum'])
        # What they may read they see as stored.
        self.assertEqual('community', self.get(
            self.url(art), token=STRANGER, headers=V10).json['visibility'])


class TestSharingSQLite(_SharingTests, _BadInputTests, _CompatibilityTests,
                        _NotificationTests, SharingTestCase):
    pass


class TestSharingPostgreSQL(_SharingTests, _BadInputTests,
                            _CompatibilityTests, _NotificationTests,
                            SharingTestCase):
    def database(self):
        return databases.MigratedDatabase(databases.POSTGRESQL)
