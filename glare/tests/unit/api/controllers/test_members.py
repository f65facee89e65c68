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

"""``/artifacts/{type}/{id}/members`` (glare.api.controllers.members).

The engine is mocked; the policy rules are the real defaults.
"""

import datetime

import fixtures

from glare.api.controllers import members as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

NOW = datetime.datetime(2026, 12, 4, 12, 0, 0)
RECORD = {'artifact_id': 'a1', 'member': 'p3', 'status': 'pending',
          'created_at': NOW, 'updated_at': NOW}


class MembersTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.art = fakes.artifact(visibility='shared', status='active')
        self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get', return_value=self.art))
        self.engine = {}
        for name in ('add', 'list_members', 'get', 'set_status', 'remove'):
            self.engine[name] = self.useFixture(fixtures.MockPatch(
                'glare.engine.members.' + name,
                return_value=dict(RECORD))).mock
        self.path = '/artifacts/samples/%s/members' % self.art.id

    def test_the_owner_adds_a_member(self):
        resp = controller.add(fakes.request(
            self.path, 'POST', body={'member': 'p3'}), 'samples',
            self.art.id)
        self.assertEqual(201, resp.status_int)
        self.assertEqual({'artifact_id': 'a1', 'member_id': 'p3',
                          'status': 'pending',
                          'created_at': '2026-12-04T12:00:00Z',
                          'updated_at': '2026-12-04T12:00:00Z'},
                         self.json(resp))

    def test_bodies_need_exactly_their_one_key(self):
        for body in ({}, {'member': 'p3', 'x': 1}, ['p3']):
            exc = self.assertRaises(
                exception.BadRequest, controller.add, fakes.request(
                    self.path, 'POST', body=body), 'samples', self.art.id)
            self.assertIn('exactly one key, member', exc.msg)
        self.engine['add'].assert_not_called()

    def test_a_member_project_answers_the_owner_does_not(self):
        answer = fakes.request(self.path + '/p3', 'PUT',
                               body={'status': 'accepted'},
                               ctx=fakes.context('p3'))
        controller.set_status(answer, 'samples', self.art.id, 'p3')
        owner = fakes.request(self.path + '/p3', 'PUT',
                              body={'status': 'accepted'})
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.set_status, owner, 'samples',
                          self.art.id, 'p3')
        self.assertEqual(1, self.engine['set_status'].call_count)

    def test_readers_list_but_do_not_add(self):
        reader = fakes.context('p1', roles=fakes.READER)
        self.engine['list_members'].return_value = [dict(RECORD)]
        body = self.json(controller.list_members(
            fakes.request(self.path, ctx=reader), 'samples', self.art.id))
        self.assertEqual(['p3'], [m['member_id'] for m in body['members']])
        self.assertRaises(exception.PolicyNotAuthorized, controller.add,
                          fakes.request(self.path, 'POST',
                                        body={'member': 'p4'}, ctx=reader),
                          'samples', self.art.id)

    def test_remove_is_204(self):
        resp = controller.remove(fakes.request(self.path + '/p3', 'DELETE'),
                                 'samples', self.art.id, 'p3')
        self.assertEqual(204, resp.status_int)
        self.assertEqual((self.art, 'p3'),
                         self.engine['remove'].call_args[0][1:])

    def test_unknown_methods_say_what_is_allowed(self):
        exc = controller.member_not_allowed(fakes.request(self.path + '/p3',
                                                          'PATCH'))
        self.assertEqual('DELETE, GET, PUT', exc.headers['Allow'])
