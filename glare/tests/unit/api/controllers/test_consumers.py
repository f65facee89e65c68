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

"""Consumers and the rebuild list (glare.api.controllers.consumers).

The engine's use cases are mocked (its input checks are real); the
policy rules are the real defaults.
"""

import datetime
import urllib.parse

import fixtures

from glare.api.controllers import consumers as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

NOW = datetime.datetime(2026, 12, 4, 12, 0, 0)
SERVICE = ('service',)


def consumer(consumer_id='vm-1', project_id='p1'):
    return {'consumer_id': consumer_id, 'service': 'compute',
            'resource_type': 'instance', 'project_id': project_id,
            'created_at': NOW}


def outdated_item(consumer_id, artifact_id='a1'):
    return {'consumer': consumer(consumer_id),
            'artifact': {'id': artifact_id, 'type_name': 'samples',
                         'name': 'sample', 'version': '1.0.0'},
            'newest': {'id': 'a2', 'version': '2.0.0'}}


class ConsumersTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.art = fakes.artifact(status='active')
        self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get', return_value=self.art))
        self.engine = {name: self.useFixture(fixtures.MockPatch(
            'glare.engine.consumers.' + name)).mock
            for name in ('register', 'unregister', 'get', 'of_artifact',
                         'uses', 'outdated')}
        self.engine['register'].return_value = (consumer(), True)
        self.path = '/artifacts/samples/%s/consumers' % self.art.id

    def register(self, body, ctx=None, consumer_id='vm-1'):
        return controller.register(fakes.request(
            self.path + '/' + consumer_id, 'PUT', body=body, ctx=ctx),
            'samples', self.art.id, consumer_id)


class TestRegistration(ConsumersTestCase):
    def test_a_member_registers_its_projects_consumer(self):
        resp = self.register({'service': 'compute',
                              'resource_type': 'instance'})
        self.assertEqual(200, resp.status_int)
        self.assertEqual({'consumer_id': 'vm-1', 'service': 'compute',
                          'resource_type': 'instance', 'project_id': 'p1',
                          'created_at': '2026-12-04T12:00:00Z',
                          'artifact_id': self.art.id}, self.json(resp))
        self.assertEqual((self.art, 'vm-1', {
            'service': 'compute', 'resource_type': 'instance',
            'project_id': 'p1'}), self.engine['register'].call_args[0][1:])

    def test_only_services_register_for_another_project(self):
        body = {'service': 'compute', 'resource_type': 'instance',
                'project_id': 'p9'}
        self.assertRaises(exception.PolicyNotAuthorized, self.register, body)
        self.engine['register'].assert_not_called()
        self.engine['register'].return_value = (consumer(project_id='p9'),
                                                True)
        shown = self.json(self.register(
            body, ctx=fakes.context('svc', roles=SERVICE)))
        # Services see every project's consumer ids.
        self.assertEqual(('vm-1', 'p9'),
                         (shown['consumer_id'], shown['project_id']))

    def test_bad_registrations_are_named(self):
        for body, says in (
                ({'service': 'compute'}, 'resource_type'),
                ({'service': 'compute', 'resource_type': 'instance',
                  'owner': 'p1'}, 'Unknown key owner'),
                (['compute'], 'JSON object')):
            exc = self.assertRaises(exception.BadRequest, self.register,
                                    body)
            self.assertIn(says, exc.msg)
        exc = self.assertRaises(exception.BadRequest, self.register,
                                {'service': 'compute',
                                 'resource_type': 'instance'},
                                consumer_id='x' * 256)
        self.assertIn('longer than 255', exc.msg)
        self.engine['register'].assert_not_called()

    def test_unregistering_is_authorized_on_the_consumers_project(self):
        self.engine['get'].return_value = consumer(project_id='p9')
        request = fakes.request(self.path + '/vm-1', 'DELETE')
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.unregister, request, 'samples',
                          self.art.id, 'vm-1')
        self.engine['unregister'].assert_not_called()
        self.engine['get'].return_value = consumer()
        resp = controller.unregister(request, 'samples', self.art.id,
                                     'vm-1')
        self.assertEqual(204, resp.status_int)
        self.assertEqual((self.art, 'vm-1'),
                         self.engine['unregister'].call_args[0][1:])


class TestWhoUsesWhat(ConsumersTestCase):
    def test_other_projects_consumers_are_listed_without_ids(self):
        self.engine['of_artifact'].return_value = [
            consumer('vm-1'), consumer('vm-9', project_id='p9')]
        listed = self.json(controller.list_for_artifact(
            fakes.request(self.path), 'samples', self.art.id))['consumers']
        self.assertEqual([('vm-1', 'p1'), (None, None)], [
            (c['consumer_id'], c['project_id']) for c in listed])
        listed = self.json(controller.list_for_artifact(
            fakes.request(self.path, ctx=fakes.context(roles=fakes.ADMIN)),
            'samples', self.art.id))['consumers']
        self.assertEqual(['vm-1', 'vm-9'],
                         [c['consumer_id'] for c in listed])

    def test_what_a_consumer_uses(self):
        self.engine['uses'].return_value = [(consumer(), self.art)]
        body = self.json(controller.show(fakes.request('/consumers/vm-1'),
                                         'vm-1'))
        self.assertEqual({'consumer_id': 'vm-1', 'artifacts': [{
            'id': self.art.id, 'type_name': 'samples', 'name': 'sample',
            'version': '0.0.0', 'service': 'compute',
            'resource_type': 'instance'}]}, body)

    def test_a_consumer_of_another_project_is_not_found(self):
        self.engine['uses'].return_value = [
            (consumer(project_id='p9'), self.art)]
        exc = self.assertRaises(exception.NotFound, controller.show,
                                fakes.request('/consumers/vm-1'), 'vm-1')
        self.assertIn('Consumer vm-1 uses no artifact you can see', exc.msg)


class TestRebuildList(ConsumersTestCase):
    def outdated(self, query, ctx=None):
        return controller.list_consumers(fakes.request(
            '/consumers?' + query, ctx=ctx))

    def test_it_needs_outdated_true(self):
        for query in ('', 'outdated=false', 'outdated=maybe'):
            exc = self.assertRaises(exception.BadRequest, self.outdated,
                                    query)
            self.assertIn('give outdated=true', exc.msg)
        exc = self.assertRaises(exception.BadRequest, self.outdated,
                                'outdated=true&owner=p1')
        self.assertIn('Unknown parameter owner', exc.msg)
        self.assertRaises(exception.TypeNotFound, self.outdated,
                          'outdated=true&type_name=nothing')
        self.engine['outdated'].assert_not_called()

    def test_members_get_their_projects_consumers_admins_all(self):
        self.engine['outdated'].return_value = ([outdated_item('vm-1')],
                                                False)
        body = self.json(self.outdated('outdated=true&name=sample&'
                                       'service=compute'))
        self.assertEqual([{
            'consumer_id': 'vm-1', 'service': 'compute',
            'resource_type': 'instance', 'project_id': 'p1',
            'artifact': {'id': 'a1', 'type_name': 'samples',
                         'name': 'sample', 'version': '1.0.0'},
            'newest': {'id': 'a2', 'version': '2.0.0'}}], body['consumers'])
        self.assertNotIn('next', body)
        args, kwargs = self.engine['outdated'].call_args
        self.assertEqual('p1', args[1])
        self.assertEqual({'name': 'sample', 'service': 'compute',
                          'limit': 25, 'marker': None}, kwargs)
        self.outdated('outdated=true', ctx=fakes.context(roles=fakes.ADMIN))
        self.assertIsNone(self.engine['outdated'].call_args[0][1])

    def test_pages_have_a_next_link_that_keeps_the_query(self):
        self.engine['outdated'].return_value = (
            [outdated_item('vm-1'), outdated_item('vm-2', 'a9')], True)
        body = self.json(self.outdated(
            'outdated=true&name=sample&limit=2&marker=a0/vm-0'))
        path, _, query = body['next'].partition('?')
        self.assertEqual('/consumers', path)
        self.assertEqual([('outdated', 'true'), ('name', 'sample'),
                          ('limit', '2'), ('marker', 'a9/vm-2')],
                         urllib.parse.parse_qsl(query))
        kwargs = self.engine['outdated'].call_args[1]
        self.assertEqual((2, 'a0/vm-0'), (kwargs['limit'], kwargs['marker']))

    def test_limits_are_clamped_and_checked(self):
        self.flags(max_api_limit=10)
        self.engine['outdated'].return_value = ([], False)
        self.outdated('outdated=true&limit=500')
        self.assertEqual(10, self.engine['outdated'].call_args[1]['limit'])
        for limit in ('0', '-1', 'ten'):
            exc = self.assertRaises(exception.BadRequest, self.outdated,
                                    'outdated=true&limit=' + limit)
            self.assertIn('Invalid limit %r' % limit, exc.msg)
