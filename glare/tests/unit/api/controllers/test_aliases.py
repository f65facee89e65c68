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

"""``/artifacts/{type}/{id}/aliases`` (glare.api.controllers.aliases).

The engine is mocked; the policy rules are the real defaults.
"""

import datetime

import fixtures

from glare.api.controllers import aliases as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

MOVED = datetime.datetime(2026, 12, 4, 12, 0, 0)


class AliasesTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.art = fakes.artifact(status='active')
        self.get = self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get', return_value=self.art)).mock
        self.engine = {name: self.useFixture(fixtures.MockPatch(
            'glare.engine.aliases.' + name)).mock
            for name in ('set_alias', 'unset_alias', 'history')}
        self.path = '/artifacts/samples/%s/aliases' % self.art.id

    def test_setting_answers_the_artifact_as_it_is_now(self):
        moved = fakes.artifact(status='active', notes='moved')
        moved.id = self.art.id
        self.get.side_effect = [self.art, moved]
        resp = controller.set_alias(fakes.request(
            self.path + '/stable', 'PUT'), 'samples', self.art.id, 'stable')
        self.assertEqual(200, resp.status_int)
        body = self.json(resp)
        self.assertEqual((self.art.id, 'moved'), (body['id'], body['notes']))
        self.assertEqual((self.art, 'stable'),
                         self.engine['set_alias'].call_args[0][1:])

    def test_a_bad_alias_is_named_before_anything_is_read(self):
        for alias in ('-x', 'st able', 'x' * 65):
            exc = self.assertRaises(
                exception.BadRequest, controller.set_alias, fakes.request(
                    self.path + '/x', 'PUT'), 'samples', self.art.id, alias)
            self.assertIn('Invalid alias %r' % alias, exc.msg)
        self.get.assert_not_called()
        self.engine['set_alias'].assert_not_called()

    def test_readers_list_but_do_not_move(self):
        reader = fakes.context(roles=fakes.READER)
        for handler, method in ((controller.set_alias, 'PUT'),
                                (controller.unset_alias, 'DELETE')):
            self.assertRaises(exception.PolicyNotAuthorized, handler,
                              fakes.request(self.path + '/stable', method,
                                            ctx=reader),
                              'samples', self.art.id, 'stable')
        self.engine['history'].return_value = []
        controller.list_aliases(fakes.request(self.path, ctx=reader),
                                'samples', self.art.id)
        self.engine['set_alias'].assert_not_called()
        self.engine['unset_alias'].assert_not_called()

    def test_another_project_does_not_move_a_public_ones_alias(self):
        self.art.visibility = 'public'
        other = fakes.context('p2')
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.set_alias,
                          fakes.request(self.path + '/stable', 'PUT',
                                        ctx=other),
                          'samples', self.art.id, 'stable')
        self.engine['set_alias'].assert_not_called()

    def test_unset_is_204(self):
        resp = controller.unset_alias(fakes.request(
            self.path + '/stable', 'DELETE'), 'samples', self.art.id,
            'stable')
        self.assertEqual(204, resp.status_int)
        self.assertEqual((self.art, 'stable'),
                         self.engine['unset_alias'].call_args[0][1:])

    def test_the_list_has_the_aliases_and_their_moves(self):
        self.art.aliases = ['lts', 'stable']
        self.engine['history'].return_value = [
            {'alias': 'stable', 'from': None, 'to': self.art.id,
             'moved_at': MOVED, 'user_id': 'u-p1'}]
        body = self.json(controller.list_aliases(
            fakes.request(self.path), 'samples', self.art.id))
        self.assertEqual({'aliases': ['lts', 'stable'], 'history': [
            {'alias': 'stable', 'from': None, 'to': self.art.id,
             'moved_at': '2026-12-04T12:00:00Z', 'user_id': 'u-p1'}]},
            body)
