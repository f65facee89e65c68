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

"""Artifact metadata through the API: create, show, update, delete, schemas.

Each test checks what a client sees: the status, the message naming the
field at fault, and the state a later GET finds.
"""

from glare.tests.functional import base

IMAGES = '/artifacts/images'
BASE_FIELDS = ('id', 'name', 'version', 'owner', 'status', 'visibility',
               'created_at', 'updated_at', 'activated_at', 'description',
               'tags', 'metadata', 'display_type_name')


def _url(artifact, type_name='images'):
    return '/artifacts/%s/%s' % (type_name, artifact['id'])


class TestCreate(base.ApiTestCase):
    def test_create_answers_201_with_the_artifact(self):
        resp = self.post(IMAGES, {'name': 'cirros', 'version': '0.6.2',
                                  'description': 'tiny', 'min_ram': 64,
                                  'disk_format': 'qcow2',
                                  'metadata': {'os': 'linux'}})
        self.assertEqual(201, resp.status_int, resp.text)
        self.assertEqual('application/json', resp.content_type)
        art = resp.json
        for name in BASE_FIELDS + ('disk_format', 'container_format',
                                   'min_ram', 'image'):
            self.assertIn(name, art)
        self.assertEqual('cirros', art['name'])
        self.assertEqual('0.6.2', art['version'])
        self.assertEqual('project1', art['owner'])
        self.assertEqual('drafted', art['status'])
        self.assertEqual('private', art['visibility'])
        self.assertEqual('Images', art['display_type_name'])
        self.assertEqual('tiny', art['description'])
        self.assertEqual(64, art['min_ram'])
        self.assertEqual('qcow2', art['disk_format'])
        self.assertIsNone(art['container_format'])
        self.assertEqual({'os': 'linux'}, art['metadata'])
        self.assertEqual([], art['tags'])
        self.assertIsNone(art['image'])
        self.assertIsNone(art['activated_at'])
        self.assertRegex(art['created_at'],
                         r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        self.assertEqual(art['created_at'], art['updated_at'])
        self.assertEqual(art, self.get(_url(art)).json)

    def test_version_is_normalised(self):
        for given, stored in (('1', '1.0.0'), ('1.0', '1.0.0'),
                              ('2.1', '2.1.0'), ('1.2.3-beta.1',
                                                 '1.2.3-beta.1')):
            art = self.create(name='v' + given, version=given)
            self.assertEqual(stored, art['version'], given)
            self.assertEqual(stored, self.get(_url(art)).json['version'])

    def test_version_defaults_to_zero(self):
        art = self.create(name='noversion')
        self.assertEqual('0.0.0', art['version'])

    def test_invalid_version_is_refused(self):
        for version in ('1.0.0.0', 'latest', 'v1', ''):
            resp = self.post(IMAGES, {'name': 'x', 'version': version})
            self.assertError(resp, 400, 'version')

    def test_duplicate_tags_collapse(self):
        art = self.create(tags=['b', 'a', 'b', 'a'])
        self.assertEqual(['a', 'b'], sorted(art['tags']))
        self.assertEqual(2, len(self.get(_url(art)).json['tags']))

    def test_tags_with_comma_or_slash_are_refused(self):
        for tag in ('a,b', 'a/b', ''):
            resp = self.post(IMAGES, {'name': 'x', 'tags': [tag]})
            self.assertError(resp, 400, 'tags')
        self.assertEqual(0, self.get(IMAGES).json['total_count'])

    def test_system_fields_are_forbidden(self):
        for name, value in (('id', '2e1bd3a3-5b8c-4d49-a8f6-3ef2f4a4a1a7'),
                            ('owner', 'project2'),
                            ('created_at', '2020-01-01T00:00:00Z'),
                            ('updated_at', '2020-01-01T00:00:00Z'),
                            ('activated_at', '2020-01-01T00:00:00Z')):
            resp = self.post(IMAGES, {'name': 'x', name: value})
            self.assertError(resp, 403, name)
        self.assertEqual(0, self.get(IMAGES).json['total_count'])

    def test_lifecycle_fields_and_display_name_are_refused(self):
        for name, value in (('status', 'active'), ('status', 'drafted'),
                            ('visibility', 'public'),
                            ('display_type_name', 'Mine')):
            resp = self.post(IMAGES, {'name': 'x', name: value})
            self.assertError(resp, 400, name)
        self.assertEqual(0, self.get(IMAGES).json['total_count'])

    def test_blob_cannot_be_set_at_create(self):
        resp = self.post(IMAGES, {'name': 'x', 'image': {'url': 'http://a'}})
        self.assertError(resp, 400, 'image')

    def test_unknown_field_is_named(self):
        resp = self.post(IMAGES, {'name': 'x', 'colour': 'blue'})
        self.assertError(resp, 400, 'colour')

    def test_value_of_wrong_type_names_the_field(self):
        for name, value in (('name', 5), ('min_ram', 'lots'),
                            ('min_ram', 1.5), ('min_ram', True),
                            ('description', ['a']), ('tags', 'a'),
                            ('tags', [1]), ('metadata', ['a']),
                            ('metadata', {'k': 1}), ('version', {}),
                            ('kernel_id', 'not-a-uuid')):
            body = {'name': 'x', name: value}
            resp = self.post(IMAGES, body)
            self.assertError(resp, 400, name)

    def test_numbers_in_strings_are_read(self):
        # python-glareclient's --property k=v sends every value as text.
        art = self.create(min_ram='512', min_disk='0')
        self.assertEqual((512, 0), (art['min_ram'], art['min_disk']))

    def test_enum_values_are_checked(self):
        self.assertError(self.post(IMAGES, {'name': 'x',
                                            'disk_format': 'floppy'}),
                         400, 'disk_format', 'qcow2')
        self.assertError(self.post(IMAGES, {'name': 'x',
                                            'container_format': 'zip'}),
                         400, 'container_format')
        art = self.create(disk_format='raw', container_format='bare')
        self.assertEqual('raw', art['disk_format'])

    def test_limits_are_checked(self):
        self.assertError(self.post(IMAGES, {'name': 'n' * 256}), 400,
                         'name')
        self.assertError(self.post(IMAGES, {'name': 'x', 'min_ram': -1}),
                         400, 'min_ram')
        art = self.create(name='n' * 255)
        self.assertEqual(255, len(art['name']))

    def test_name_is_required(self):
        self.assertError(self.post(IMAGES, {'version': '1.0'}), 400, 'name')
        self.assertError(self.post(IMAGES, {'name': None}), 400, 'name')
        self.assertError(self.post(IMAGES, {'name': ''}), 400, 'name')

    def test_body_must_be_json(self):
        resp = self.post(IMAGES, 'name=x', content_type='text/plain')
        self.assertError(resp, 415, 'text/plain', 'application/json')
        resp = self.post(IMAGES, {'name': 'x'},
                         content_type='application/json-patch+json')
        self.assertError(resp, 415)
        self.assertEqual(0, self.get(IMAGES).json['total_count'])

    def test_unicode_name(self):
        art = self.create(name='образ-画像-\u00e9')
        self.assertEqual('образ-画像-\u00e9', self.get(_url(art)).json['name'])

    def test_same_identity_conflicts_in_one_project(self):
        self.create(name='dup', version='1.0')
        resp = self.post(IMAGES, {'name': 'dup', 'version': '1'})
        self.assertError(resp, 409, 'dup', '1.0.0')
        self.create(name='dup', version='2.0')
        listed = self.get(IMAGES + '?name=dup').json
        self.assertEqual(2, listed['total_count'])

    def test_same_identity_allowed_in_another_project(self):
        mine = self.create(name='dup', version='1.0')
        theirs = self.create(name='dup', version='1.0', token=base.OTHER)
        self.assertNotEqual(mine['id'], theirs['id'])
        self.assertEqual('project2', theirs['owner'])


class TestShowDelete(base.ApiTestCase):
    def test_show_unknown_id_is_404(self):
        resp = self.get(IMAGES + '/f9ed4b3a-0000-4000-8000-000000000000')
        self.assertError(resp, 404, 'f9ed4b3a-0000-4000-8000-000000000000')

    def test_show_unknown_type_is_404(self):
        art = self.create()
        self.assertError(self.get('/artifacts/widgets/%s' % art['id']),
                         404, 'widgets')

    def test_delete_answers_204_and_the_artifact_is_gone(self):
        art = self.create()
        resp = self.delete(_url(art))
        self.assertEqual(204, resp.status_int)
        self.assertEqual(b'', resp.body)
        self.assertError(self.get(_url(art)), 404, art['id'])
        self.assertError(self.delete(_url(art)), 404, art['id'])
        self.assertEqual(0, self.get(IMAGES).json['total_count'])
        # The identity is free again.
        self.create()


class TestAllView(base.ApiTestCase):
    def test_shows_artifacts_with_their_type(self):
        art = self.create(name='img')
        shown = self.get('/artifacts/all/%s' % art['id'])
        self.assertEqual(200, shown.status_int, shown.text)
        self.assertEqual('images', shown.json['type_name'])
        self.assertEqual('img', shown.json['name'])
        self.assertEqual('Images', shown.json['display_type_name'])
        listed = self.get('/artifacts/all').json
        self.assertEqual([('images', art['id'])],
                         [(a['type_name'], a['id'])
                          for a in listed['artifacts']])

    def test_writes_are_refused(self):
        art = self.create(name='img')
        self.assertError(self.post('/artifacts/all', {'name': 'x'}), 403,
                         'all')
        resp = self.patch('/artifacts/all/%s' % art['id'],
                          [{'op': 'replace', 'path': '/name',
                            'value': 'renamed'}])
        self.assertError(resp, 403, 'all')
        self.assertError(self.delete('/artifacts/all/%s' % art['id']), 403,
                         'all')
        self.assertEqual('img', self.get(_url(art)).json['name'])
        self.assertEqual(1, self.get(IMAGES).json['total_count'])


class TestUpdate(base.ApiTestCase):
    def setUp(self):
        super().setUp()
        self.art = self.create(name='img', version='1.0',
                               tags=['a'], metadata={'k': 'v'})
        self.url = _url(self.art)

    def patch_ok(self, *ops):
        updated = self.update(self.art, list(ops))
        self.assertEqual(updated, self.get(self.url).json)
        return updated

    def test_replace_and_add_fields(self):
        art = self.patch_ok(
            {'op': 'replace', 'path': '/name', 'value': 'renamed'},
            {'op': 'add', 'path': '/description', 'value': 'text'},
            {'op': 'replace', 'path': '/version', 'value': '2'},
            {'op': 'replace', 'path': '/min_ram', 'value': 256})
        self.assertEqual('renamed', art['name'])
        self.assertEqual('text', art['description'])
        self.assertEqual('2.0.0', art['version'])
        self.assertEqual(256, art['min_ram'])
        self.assertGreaterEqual(art['updated_at'], self.art['updated_at'])
        self.assertEqual(self.art['created_at'], art['created_at'])

    def test_replace_with_null_clears_a_field(self):
        self.patch_ok({'op': 'add', 'path': '/description', 'value': 'x'})
        art = self.patch_ok({'op': 'replace', 'path': '/description',
                             'value': None})
        self.assertIsNone(art['description'])

    def test_tags(self):
        art = self.patch_ok({'op': 'add', 'path': '/tags/-', 'value': 'b'})
        self.assertEqual(['a', 'b'], sorted(art['tags']))
        art = self.patch_ok({'op': 'add', 'path': '/tags/-', 'value': 'a'})
        self.assertEqual(['a', 'b'], sorted(art['tags']))
        art = self.patch_ok({'op': 'replace', 'path': '/tags',
                             'value': ['x', 'y', 'x']})
        self.assertEqual(['x', 'y'], sorted(art['tags']))
        art = self.patch_ok({'op': 'remove', 'path': '/tags/0'})
        self.assertEqual(1, len(art['tags']))
        resp = self.patch(self.url, [{'op': 'add', 'path': '/tags/-',
                                      'value': 'a/b'}])
        self.assertError(resp, 400, 'tags')
        self.assertEqual(art['tags'], self.get(self.url).json['tags'])

    def test_metadata_keys(self):
        art = self.patch_ok({'op': 'add', 'path': '/metadata/os',
                             'value': 'linux'})
        self.assertEqual({'k': 'v', 'os': 'linux'}, art['metadata'])
        art = self.patch_ok({'op': 'replace', 'path': '/metadata/k',
                             'value': 'w'})
        self.assertEqual({'k': 'w', 'os': 'linux'}, art['metadata'])
        art = self.patch_ok({'op': 'remove', 'path': '/metadata/k'})
        self.assertEqual({'os': 'linux'}, art['metadata'])
        resp = self.patch(self.url, [{'op': 'add', 'path': '/metadata/n',
                                      'value': 5}])
        self.assertError(resp, 400, 'metadata')
        resp = self.patch(self.url, [{'op': 'remove',
                                      'path': '/metadata/missing'}])
        self.assertError(resp, 400)
        self.assertEqual({'os': 'linux'},
                         self.get(self.url).json['metadata'])

    def test_invalid_values_name_the_field_and_change_nothing(self):
        for path, value in (('/name', None), ('/name', 7),
                            ('/version', 'x.y'), ('/min_ram', 'lots'),
                            ('/disk_format', 'floppy'),
                            ('/tags', 'a')):
            resp = self.patch(self.url, [{'op': 'replace', 'path': path,
                                          'value': value}])
            self.assertError(resp, 400, path[1:])
        self.assertEqual(self.art, self.get(self.url).json)

    def test_unknown_field_is_named(self):
        resp = self.patch(self.url, [{'op': 'add', 'path': '/colour',
                                      'value': 'blue'}])
        self.assertError(resp, 400, 'colour')

    def test_system_fields_are_read_only(self):
        for path in ('/id', '/owner', '/created_at', '/display_type_name'):
            resp = self.patch(self.url, [{'op': 'replace', 'path': path,
                                          'value': 'x'}])
            self.assertError(resp, 403, path[1:])
        self.assertEqual(self.art, self.get(self.url).json)

    def test_blob_cannot_be_patched(self):
        resp = self.patch(self.url, [{'op': 'replace', 'path': '/image',
                                      'value': {'url': 'http://x'}}])
        self.assertError(resp, 400, 'image')

    def test_removing_name_is_refused(self):
        resp = self.patch(self.url, [{'op': 'remove', 'path': '/name'}])
        self.assertError(resp, 400, 'name')
        self.assertEqual('img', self.get(self.url).json['name'])

    def test_rename_clash_conflicts(self):
        self.create(name='other', version='1.0')
        resp = self.patch(self.url, [{'op': 'replace', 'path': '/name',
                                      'value': 'other'}])
        self.assertError(resp, 409, 'other')
        self.assertEqual('img', self.get(self.url).json['name'])

    def test_json_content_type_is_unsupported(self):
        resp = self.patch(self.url, [{'op': 'replace', 'path': '/name',
                                      'value': 'x'}],
                          content_type='application/json')
        self.assertError(resp, 415, 'application/json-patch+json')
        self.assertEqual('img', self.get(self.url).json['name'])

    def test_malformed_patches(self):
        for changes in ('{"op": ', {'op': 'replace', 'path': '/name'},
                        [{'op': 'replace', 'value': 'x'}],
                        [{'op': 'frobnicate', 'path': '/name'}],
                        [{'op': 'replace', 'path': 'name', 'value': 'x'}],
                        [{'op': 'remove', 'path': '/nothing/here'}],
                        [{'op': 'test', 'path': '/name', 'value': 'no'}],
                        ['replace'], [42]):
            resp = self.patch(self.url, changes)
            self.assertError(resp, 400)
        self.assertEqual(self.art, self.get(self.url).json)

    def test_empty_patch_changes_nothing(self):
        self.assertEqual(self.art, self.update(self.art, []))

    def test_unknown_artifact_is_404(self):
        resp = self.patch(IMAGES + '/0ac1e0b6-0000-4000-8000-000000000000',
                          [{'op': 'replace', 'path': '/name', 'value': 'x'}])
        self.assertError(resp, 404, '0ac1e0b6-0000-4000-8000-000000000000')


class TestSchemas(base.ApiTestCase):
    PROPERTY_KEYS = ('type', 'glareType', 'description', 'sortable',
                     'filter_ops', 'mutable', 'required_on_activate',
                     'readOnly')

    def test_all_schemas(self):
        resp = self.get('/schemas')
        self.assertEqual(200, resp.status_int, resp.text)
        schemas = resp.json['schemas']
        self.assertEqual({'images', 'all'}, set(schemas))
        self.assertIn('type_name', schemas['all']['properties'])
        self.assertEqual(self.get('/schemas/images').json['schemas'][
            'images'], schemas['images'])

    def test_image_schema(self):
        resp = self.get('/schemas/images')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(['images'], list(resp.json['schemas']))
        schema = resp.json['schemas']['images']
        self.assertEqual('images', schema['name'])
        self.assertEqual('1.0', schema['version'])
        self.assertEqual('Images', schema['display_name'])
        self.assertIn('title', schema)
        self.assertEqual(['name'], schema['required'])
        props = schema['properties']
        for name in BASE_FIELDS + ('disk_format', 'container_format',
                                   'min_ram', 'image'):
            for key in self.PROPERTY_KEYS:
                self.assertIn(key, props[name], '%s.%s' % (name, key))
        self.assertEqual('string', props['name']['type'])
        self.assertEqual(255, props['name']['maxLength'])
        self.assertEqual(['string', 'null'], props['description']['type'])
        self.assertTrue(props['description']['mutable'])
        self.assertTrue(props['tags']['mutable'])
        self.assertFalse(props['name']['mutable'])
        self.assertEqual('0.0.0', props['version']['default'])
        for name in ('id', 'owner', 'created_at', 'display_type_name'):
            self.assertTrue(props[name]['readOnly'], name)
        self.assertFalse(props['name']['readOnly'])
        self.assertIn('qcow2', props['disk_format']['enum'])
        self.assertTrue(props['disk_format']['required_on_activate'])
        self.assertTrue(props['container_format']['required_on_activate'])
        self.assertEqual(0, props['min_ram']['minimum'])
        self.assertEqual(['integer', 'null'], props['min_ram']['type'])
        self.assertEqual('Integer', props['min_ram']['glareType'])
        self.assertEqual('Blob', props['image']['glareType'])
        self.assertEqual('StringList', props['tags']['glareType'])
        self.assertEqual('StringDict', props['metadata']['glareType'])
        self.assertEqual('DateTime', props['created_at']['glareType'])
        self.assertIn('pattern', props['kernel_id'])
        self.assertTrue(props['name']['sortable'])
        self.assertIn('eq', props['name']['filter_ops'])

    def test_unknown_type_is_404(self):
        self.assertError(self.get('/schemas/widgets'), 404, 'widgets')

    def test_schemas_are_read_only(self):
        resp = self.post('/schemas', {})
        self.assertError(resp, 405)
        self.assertIn('GET', resp.headers['Allow'])
        resp = self.post('/schemas/images', {})
        self.assertError(resp, 405)
        self.assertIn('GET', resp.headers['Allow'])
