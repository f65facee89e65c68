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

"""``/artifacts/{type}[/{id}]`` handlers (glare.api.controllers.artifacts).

The engine is mocked; the policy rules are the real defaults.
"""

import fixtures

from glare.api.controllers import artifacts as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

PATCH = 'application/json-patch+json'


class ArtifactsTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.engine = {}
        for name in ('list_artifacts', 'create', 'get', 'update', 'delete'):
            self.engine[name] = self.useFixture(fixtures.MockPatch(
                'glare.engine.artifacts.' + name)).mock


class TestList(ArtifactsTestCase):
    def test_a_count_limit_of_zero_counts_every_match(self):
        self.engine['list_artifacts'].return_value = ([], 0, False)
        self.flags(list_count_limit=0)
        controller.list_artifacts(fakes.request('/artifacts/samples'),
                                  'samples')
        self.assertIsNone(self.engine['list_artifacts'].call_args[0][5])

    def test_a_page_with_its_links(self):
        arts = [fakes.artifact(name='a'), fakes.artifact(name='b')]
        self.engine['list_artifacts'].return_value = (arts, 7, True)
        self.flags(default_api_limit=2, max_api_limit=5,
                   list_count_limit=7)
        req = fakes.request('/artifacts/samples?sort=name:asc&limit=2'
                            '&marker=m0')
        body = self.json(controller.list_artifacts(req, 'samples'))
        self.assertEqual(
            ('samples', ['a', 'b'], '/schemas/samples', 7),
            (body['type_name'], [a['name'] for a in body['artifacts']],
             body['schema'], body['total_count']))
        self.assertEqual('/artifacts/samples?sort=name%3Aasc&limit=2',
                         body['first'])
        self.assertEqual('/artifacts/samples?sort=name%3Aasc&limit=2'
                         '&marker=' + arts[-1].id, body['next'])
        ctx, artifact_type, params, default, maximum, count_limit = \
            self.engine['list_artifacts'].call_args[0]
        self.assertEqual((fakes.Sample, 2, 5, 7),
                         (artifact_type, default, maximum, count_limit))
        self.assertEqual([('sort', 'name:asc'), ('limit', '2'),
                          ('marker', 'm0')], params)

    def test_the_last_page_has_no_next_link(self):
        self.engine['list_artifacts'].return_value = ([], 0, False)
        body = self.json(controller.list_artifacts(
            fakes.request('/artifacts/samples'), 'samples'))
        self.assertEqual(([], '/artifacts/samples'),
                         (body['artifacts'], body['first']))
        self.assertNotIn('next', body)

    def test_an_unknown_type_is_404(self):
        self.assertRaises(exception.TypeNotFound, controller.list_artifacts,
                          fakes.request('/artifacts/nope'), 'nope')

    def test_a_caller_without_a_role_may_not_list(self):
        req = fakes.request('/artifacts/samples', ctx=fakes.context(
            roles=()))
        self.assertRaises(exception.PolicyNotAuthorized,
                          controller.list_artifacts, req, 'samples')
        self.engine['list_artifacts'].assert_not_called()


class TestCreate(ArtifactsTestCase):
    def create(self, body, version=(1, 2), **kwargs):
        return controller.create(fakes.request(
            '/artifacts/samples', 'POST', body, version=version, **kwargs),
            'samples')

    def test_created_is_201_with_the_artifact(self):
        self.engine['create'].return_value = fakes.artifact(name='cirros')
        resp = self.create({'name': 'cirros'})
        self.assertEqual(201, resp.status_int)
        self.assertEqual('cirros', self.json(resp)['name'])
        ctx, artifact_type, values = self.engine['create'].call_args[0]
        self.assertEqual((fakes.Sample, {'name': 'cirros'}),
                         (artifact_type, values))

    def test_the_body_must_be_json(self):
        self.assertRaises(exception.UnsupportedMediaType, self.create,
                          b'name=x', content_type='text/plain')
        self.assertRaises(exception.MalformedJson, self.create, b'{"name"')
        self.engine['create'].assert_not_called()

    def test_a_reader_may_not_create(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.create,
                          {'name': 'x'}, ctx=fakes.context(
                              roles=fakes.READER))
        self.engine['create'].assert_not_called()

    def test_a_normalised_version_is_told_from_1_2(self):
        self.engine['create'].return_value = fakes.artifact(version='1.0.0')
        resp = self.create({'name': 'x', 'version': '1'})
        self.assertEqual('1', resp.headers[controller.VERSION_GIVEN_HEADER])
        resp = self.create({'name': 'x', 'version': 1})
        self.assertEqual('1', resp.headers[controller.VERSION_GIVEN_HEADER])
        resp = self.create({'name': 'x', 'version': '1'}, version=(1, 1))
        self.assertNotIn(controller.VERSION_GIVEN_HEADER, resp.headers)

    def test_a_version_stored_as_given_is_not_repeated(self):
        self.engine['create'].return_value = fakes.artifact(version='1.0.0')
        for body in ({'name': 'x', 'version': '1.0.0'}, {'name': 'x'}):
            resp = self.create(body)
            self.assertNotIn(controller.VERSION_GIVEN_HEADER, resp.headers)

    def test_an_unprintable_version_is_not_echoed_in_a_header(self):
        self.engine['create'].return_value = fakes.artifact(version='1.0.0')
        resp = self.create({'name': 'x', 'version': '1\n'})
        self.assertNotIn(controller.VERSION_GIVEN_HEADER, resp.headers)


class TestShow(ArtifactsTestCase):
    def test_show_renders_the_artifact_for_the_microversion(self):
        art = fakes.artifact(name='cirros')
        self.engine['get'].return_value = art
        resp = controller.show(fakes.request('/artifacts/samples/' + art.id),
                               'samples', art.id)
        self.assertEqual((200, 'cirros'), (resp.status_int,
                                           self.json(resp)['name']))

    def test_an_artifact_the_caller_may_not_read_is_404(self):
        # Another project's private artifact, as a caller with no role
        # that reads it would see it: not found, not forbidden.
        art = fakes.artifact(owner='p2')
        self.engine['get'].return_value = art
        req = fakes.request('/', ctx=fakes.context(roles=()))
        self.assertRaises(exception.ArtifactNotFound, controller.show, req,
                          'samples', art.id)


class TestUpdate(ArtifactsTestCase):
    def update(self, patch, ctx=None, content_type=PATCH, version=(1, 2)):
        return controller.update(fakes.request(
            '/', 'PATCH', patch, content_type=content_type, ctx=ctx,
            version=version), 'samples', 'id1')

    def test_the_patch_reaches_the_engine_with_a_guard(self):
        self.engine['update'].return_value = fakes.artifact(notes='n')
        resp = self.update([{'op': 'replace', 'path': '/notes',
                             'value': 'n'}])
        self.assertEqual((200, 'n'), (resp.status_int,
                                      self.json(resp)['notes']))
        ctx, artifact_type, artifact_id, patch, guard = \
            self.engine['update'].call_args[0]
        self.assertEqual(('id1', [{'op': 'replace', 'path': '/notes',
                                   'value': 'n'}]),
                         (artifact_id, patch.patch))
        # The guard applies the caller's rules: a member may update its
        # artifact, only an admin may publish it.
        art = fakes.artifact()
        guard(art, ['update', 'activate'])
        self.assertRaises(exception.PolicyNotAuthorized, guard, art,
                          ['publish'])

    def test_a_patch_must_say_it_is_one(self):
        self.assertRaises(exception.UnsupportedMediaType, self.update,
                          [], content_type='application/json')

    def test_a_malformed_patch_never_reaches_the_engine(self):
        self.assertRaises(exception.InvalidJsonPatch, self.update,
                          {'op': 'replace'})
        self.assertRaises(exception.BadRequest, self.update,
                          [{'op': 'remove', 'path': '/notes'}])
        self.engine['update'].assert_not_called()

    def test_a_normalised_version_is_told(self):
        self.engine['update'].return_value = fakes.artifact(
            version='22.4.3')
        resp = self.update([{'op': 'replace', 'path': '/version',
                             'value': '22.04.3'}])
        self.assertEqual('22.04.3',
                         resp.headers[controller.VERSION_GIVEN_HEADER])


class TestDelete(ArtifactsTestCase):
    def test_delete_is_204_without_body(self):
        resp = controller.delete(fakes.request('/', 'DELETE'), 'samples',
                                 'id1')
        self.assertEqual((204, b''), (resp.status_int, resp.body))
        ctx, artifact_type, artifact_id, guard = \
            self.engine['delete'].call_args[0]
        self.assertEqual((fakes.Sample, 'id1'), (artifact_type, artifact_id))
        art = fakes.artifact()
        guard(art, ['delete_private'])
        self.assertRaises(exception.PolicyNotAuthorized, guard, art,
                          ['delete_public'])
