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

"""``/quotas`` and ``/project-quotas`` (glare.api.controllers.quotas).

The engine's reads and writes are mocked; the policy rules are the real
defaults.
"""

import fixtures

from glare.api.controllers import quotas as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

ADMIN = fakes.context('admin', roles=fakes.ADMIN)


class QuotasTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.engine = {}
        for name in ('list_projects', 'set_quotas', 'report'):
            self.engine[name] = self.useFixture(fixtures.MockPatch(
                'glare.engine.quotas.' + name)).mock


class TestListAll(QuotasTestCase):
    def list(self, query='', ctx=ADMIN):
        return controller.list_all(fakes.request('/quotas' + query,
                                                 ctx=ctx))

    def test_projects_with_overrides_and_the_defaults(self):
        self.flags(max_artifact_number=10, max_uploaded_data=-1)
        self.engine['list_projects'].return_value = ([
            {'project_id': 'p1', 'project_quotas': {
                'max_uploaded_data': 5, 'max_artifact_number': 3}}], False)
        body = self.json(self.list())
        self.assertEqual([{'project_id': 'p1', 'project_quotas': [
            {'quota_name': 'max_artifact_number', 'quota_value': 3},
            {'quota_name': 'max_uploaded_data', 'quota_value': 5}]}],
            body['quotas'])
        self.assertEqual({'max_artifact_number': 10,
                          'max_uploaded_data': -1}, body['global_quotas'])
        self.assertNotIn('next', body)
        self.engine['list_projects'].assert_called_once_with(ADMIN, None,
                                                             None)

    def test_a_page_links_the_next(self):
        self.engine['list_projects'].return_value = (
            [{'project_id': 'p1', 'project_quotas': {}}], True)
        body = self.json(self.list('?limit=1&marker=p0'))
        self.assertEqual('/quotas?limit=1&marker=p1', body['next'])
        self.engine['list_projects'].assert_called_once_with(ADMIN, 1, 'p0')

    def test_the_limit_is_capped_by_max_api_limit(self):
        self.flags(max_api_limit=50)
        self.engine['list_projects'].return_value = ([], False)
        self.list('?limit=1000')
        self.assertEqual(50, self.engine['list_projects'].call_args[0][1])

    def test_a_limit_must_be_a_positive_integer(self):
        for bad in ('0', '-1', 'ten', ''):
            error = self.assertRaises(exception.BadRequest, self.list,
                                      '?limit=' + bad)
            self.assertIn('positive integer', str(error))
        self.engine['list_projects'].assert_not_called()

    def test_only_an_admin_lists_quotas(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.list,
                          ctx=fakes.context())


class TestSetAll(QuotasTestCase):
    def set(self, body, ctx=ADMIN):
        return controller.set_all(fakes.request('/quotas', 'PUT', body,
                                                ctx=ctx))

    def test_changes_per_project(self):
        resp = self.set([
            {'project_id': 'p1', 'project_quotas': [
                {'quota_name': 'max_artifact_number', 'quota_value': 5}]},
            {'project_id': 'p2', 'project_quotas': []},
            {'project_id': 'p1', 'project_quotas': [
                {'quota_name': 'max_uploaded_data', 'quota_value': 9}]}])
        self.assertEqual((200, b'null'), (resp.status_int, resp.body))
        self.engine['set_quotas'].assert_called_once_with(ADMIN, {
            'p1': {'max_artifact_number': 5, 'max_uploaded_data': 9},
            'p2': {}})

    def test_a_body_of_another_shape_is_400(self):
        for body in ({'project_id': 'p1'},
                     [{'project_id': 'p1'}],
                     [{'project_id': 'p1', 'project_quotas': [],
                       'extra': 1}],
                     [{'project_id': 'p1', 'project_quotas': {}}],
                     [{'project_id': 'p1', 'project_quotas': [
                         {'quota_name': 'max_artifact_number'}]}],
                     [{'project_id': 7, 'project_quotas': []}],
                     ['p1']):
            self.assertRaises(exception.BadRequest, self.set, body)
        self.engine['set_quotas'].assert_not_called()

    def test_only_an_admin_sets_quotas(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.set,
                          [], ctx=fakes.context())

    def test_the_body_must_be_json(self):
        req = fakes.request('/quotas', 'PUT', b'[]',
                            content_type='text/plain', ctx=ADMIN)
        self.assertRaises(exception.UnsupportedMediaType,
                          controller.set_all, req)


class TestShowProject(QuotasTestCase):
    def setUp(self):
        super().setUp()
        self.engine['report'].side_effect = lambda ctx, project: {
            'project_id': project,
            'project_quotas': {'max_artifact_number': 3},
            'project_usage': {'max_artifact_number': 1,
                              'max_artifact_number:images': 1}}

    def test_a_project_sees_its_own_quotas_and_usage(self):
        resp = controller.show_project(fakes.request('/project-quotas'))
        self.assertEqual([{
            'project_id': 'p1',
            'project_quotas': [{'quota_name': 'max_artifact_number',
                                'quota_value': 3}],
            'project_usage': [
                {'quota_name': 'max_artifact_number', 'quota_value': 1},
                {'quota_name': 'max_artifact_number:images',
                 'quota_value': 1}]}], self.json(resp))

    def test_only_an_admin_sees_another_project(self):
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.show_project,
                          fakes.request('/project-quotas/p2'), 'p2')
        resp = controller.show_project(
            fakes.request('/project-quotas/p2', ctx=ADMIN), 'p2')
        self.assertEqual('p2', self.json(resp)[0]['project_id'])

    def test_methods_not_allowed_name_the_allowed_ones(self):
        error = controller.quotas_not_allowed(fakes.request('/quotas',
                                                            'POST'))
        self.assertEqual((405, 'GET, PUT'), (error.code,
                                             error.headers['Allow']))
        error = controller.project_quotas_not_allowed(
            fakes.request('/project-quotas', 'PUT'))
        self.assertEqual('GET', error.headers['Allow'])
