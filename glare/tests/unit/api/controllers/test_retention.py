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

"""``/retention/{type}`` (glare.api.controllers.retention).

The engine is mocked; the policy rules are the real defaults.
"""

import datetime

import fixtures

from glare.api.controllers import retention as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

NOW = datetime.datetime(2026, 12, 4, 12, 0, 0)
POLICY = {'type_name': 'samples', 'project_id': 'p1', 'keep_last': 2,
          'keep_days': None, 'updated_at': NOW}
RENDERED = dict(POLICY, updated_at='2026-12-04T12:00:00Z')
PATH = '/retention/samples'


class RetentionTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.engine = {name: self.useFixture(fixtures.MockPatch(
            'glare.engine.retention.' + name,
            return_value=dict(POLICY))).mock
            for name in ('set_policy', 'get_policy', 'preview')}

    def test_a_member_sets_its_projects_policy(self):
        resp = controller.set_policy(fakes.request(
            PATH, 'PUT', body={'keep_last': 2}), 'samples')
        self.assertEqual((200, RENDERED), (resp.status_int, self.json(resp)))
        self.assertEqual(('p1', 'samples', {'keep_last': 2}),
                         self.engine['set_policy'].call_args[0][1:])

    def test_a_reader_reads_but_does_not_set(self):
        reader = fakes.context(roles=fakes.READER)
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.set_policy, fakes.request(
                              PATH, 'PUT', body={'keep_last': 2},
                              ctx=reader), 'samples')
        self.engine['set_policy'].assert_not_called()
        self.assertEqual(RENDERED, self.json(controller.show_policy(
            fakes.request(PATH, ctx=reader), 'samples')))

    def test_the_all_view_and_unknown_types_have_no_policy(self):
        for type_name in ('all', 'nothing'):
            for handler in (controller.show_policy, controller.preview):
                exc = self.assertRaises(exception.TypeNotFound, handler,
                                        fakes.request(PATH), type_name)
                self.assertIn(type_name, str(exc))
        self.engine['get_policy'].assert_not_called()

    def test_a_body_that_is_no_json_object_is_refused(self):
        self.assertRaises(exception.GlareException, controller.set_policy,
                          fakes.request(PATH, 'PUT', body=b'{',
                                        content_type='application/json'),
                          'samples')
        self.engine['set_policy'].assert_not_called()

    def test_the_preview_says_what_goes_and_what_stays(self):
        self.engine['preview'].return_value = {
            'policy': dict(POLICY),
            'delete': [{'id': 'a1', 'version': '1.0.0'}],
            'keep': [{'id': 'a2', 'version': '2.0.0',
                      'reasons': ['among the newest 2']}]}
        body = self.json(controller.preview(fakes.request(PATH + '/preview'),
                                            'samples'))
        self.assertEqual(RENDERED, body['policy'])
        self.assertEqual(['a1'], [a['id'] for a in body['delete']])
        self.assertEqual(['among the newest 2'], body['keep'][0]['reasons'])
