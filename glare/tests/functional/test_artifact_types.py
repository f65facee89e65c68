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

"""The built-in artifact types, links and hooks through the API.

Heat and TOSCA templates are validated on upload; links must lead to
artifacts the caller can read; a hook that refuses a request leaves
nothing behind. The OVF use case is in test_ovf_packages, the image
use cases in test_image_use_cases.
"""

import hashlib
import io
import os
import zipfile

from glare.artifact_types import all as all_type
from glare.artifact_types import heat_environments
from glare.artifact_types import heat_templates
from glare.artifact_types import images
from glare.artifact_types import murano_packages
from glare.artifact_types import ovf_packages
from glare.artifact_types import secrets
from glare.artifact_types import tosca_templates
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests.functional import base
from glare.tests import murano_samples

BUILT_IN = {
    'images': images.Image,
    'heat_templates': heat_templates.HeatTemplate,
    'heat_environments': heat_environments.HeatEnvironment,
    'tosca_templates': tosca_templates.TOSCATemplate,
    'murano_packages': murano_packages.MuranoPackage,
    'secrets': secrets.Secret,
    'ovf_packages': ovf_packages.OVFPackage,
    'all': all_type.All,
}

TEMPLATE = b'heat_template_version: 2018-08-31\nresources: {}\n'


class Hooked(objects_base.BaseArtifact):
    """A type whose hooks refuse what tests ask them to refuse."""

    VERSION = '1.0'
    fields = {
        'label': f.String(mutable=True),
        'stamp': f.String(system=True),
        'data': f.Blob(max_blob_size=1000),
        'parts': f.Folder(max_blob_size=1000),
    }

    @classmethod
    def get_type_name(cls):
        return 'hooked'

    @classmethod
    def pre_create_hook(cls, context, artifact):
        if artifact.label == 'refuse-create':
            raise ValueError('label refuse-create is refused')
        artifact.stamp = 'created by %s' % context.project_id

    @classmethod
    def pre_update_hook(cls, context, artifact, changed):
        if artifact.label == 'refuse-update':
            raise RuntimeError('label refuse-update is refused')
        if artifact.label == 'bad-stamp':
            artifact.stamp = 123
            return
        artifact.stamp = 'updated: %s' % ','.join(sorted(changed))

    @classmethod
    def pre_activate_hook(cls, context, artifact):
        if artifact.label == 'not-ready':
            raise ValueError('not ready to activate')

    @classmethod
    def pre_publish_hook(cls, context, artifact):
        if artifact.label == 'secret':
            raise ValueError('secret things stay private')

    @classmethod
    def pre_deactivate_hook(cls, context, artifact):
        if artifact.label == 'keep-active':
            raise ValueError('must stay active')

    @classmethod
    def pre_delete_hook(cls, context, artifact):
        if artifact.label == 'keep':
            raise ValueError('this one is kept')

    @classmethod
    def pre_download_hook(cls, context, artifact, field_name, key):
        if artifact.label == 'no-download':
            raise ValueError('downloads are closed')

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        if field_name == 'data':
            return _Upper(stream)
        # "parts": a tiny archive format, "name=content;name=content".
        data = stream.read()
        for item in data.split(b';'):
            name, _, content = item.partition(b'=')
            writer.write('parts', name.decode(), io.BytesIO(content))
        if b'fail' in data:
            raise ValueError('the archive names a part "fail"')
        artifact.stamp = 'unpacked %d parts' % len(data.split(b';'))
        return None


class _Upper:
    """Transforms the stream as it is read."""

    def __init__(self, stream):
        self.stream = stream

    def read(self, size=-1):
        return self.stream.read(size).upper()


class TypesTestCase(base.ApiTestCase):
    types = dict(BUILT_IN, hooked=Hooked)

    def put(self, url, data, token=base.MEMBER):
        return self.app.put(url, data, headers={
            'X-Auth-Token': token,
            'Content-Type': 'application/octet-stream'}, status='*')

    def stored_files(self):
        path = os.path.join(self.conf_fixture.state_dir, 'blobs', 'fs')
        return sorted(os.listdir(path)) if os.path.isdir(path) else []


class TestSchemas(TypesTestCase):
    def test_every_type_has_a_complete_schema(self):
        schemas = self.get('/schemas').json['schemas']
        self.assertEqual(set(self.types), set(schemas))
        for name, cls in self.types.items():
            schema = schemas[name]
            self.assertEqual(name, schema['name'])
            # The fields of the version of the type this (1.0) client sees.
            self.assertEqual(set(cls.fields_of(schema['version'])),
                             set(schema['properties']))
            for field, prop in schema['properties'].items():
                self.assertIn('glareType', prop, (name, field))
                self.assertIn('type', prop, (name, field))
        heat = schemas['heat_templates']['properties']
        self.assertEqual('LinkDict', heat['environments']['glareType'])
        self.assertIn('/artifacts/heat_environments/',
                      heat['environments']['additionalProperties'][
                          'pattern'])
        # Glare's name for a folder.
        self.assertEqual('BlobDict', heat['nested_templates']['glareType'])
        secret = schemas['secrets']['properties']
        self.assertEqual(['symmetric', 'public', 'private', 'passphrase',
                          'certificate', 'opaque'],
                         secret['secret_type']['enum'])
        ovf = schemas['ovf_packages']['properties']
        self.assertTrue(ovf['vendor']['readOnly'])
        # What makes an artifact unique beside type, name and version.
        self.assertEqual(['disk_format'],
                         schemas['images']['identity_fields'])
        self.assertEqual([], schemas['heat_templates']['identity_fields'])
        self.assertEqual(['disk_format'], self.get(
            '/schemas/images').json['schemas']['images']['identity_fields'])


class TestTemplates(TypesTestCase):
    def test_heat_template_with_nested_templates_and_environments(self):
        env = self.create('heat_environments', name='env')
        resp = self.put('/artifacts/heat_environments/%s/environment' %
                        env['id'], b'parameters: {size: 2}\n')
        self.assertEqual(200, resp.status_int, resp.text)
        tpl = self.create('heat_templates', name='stack', environments={
            'small': '/artifacts/heat_environments/%s' % env['id']})
        url = '/artifacts/heat_templates/%s' % tpl['id']
        self.assertEqual(200, self.put(url + '/template',
                                       TEMPLATE).status_int)
        resp = self.put(url + '/nested_templates/net.yaml', TEMPLATE)
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(TEMPLATE, self.get(url + '/template').body)
        art = self.set_status(resp.json, 'active', type_name='heat_templates')
        self.assertEqual({'small': '/artifacts/heat_environments/%s' %
                          env['id']}, art['environments'])

    def test_invalid_heat_templates_are_refused_and_not_kept(self):
        tpl = self.create('heat_templates', name='stack')
        url = '/artifacts/heat_templates/%s/template' % tpl['id']
        for data, fragment in (
                (b'resources: {}\n', 'needs heat_template_version'),
                (b'- a list\n', 'must be a YAML mapping'),
                (b'a: [unclosed\n', 'not valid YAML'),
                (b'', 'empty document'),
                (b'!!python/object/apply:os.system ["true"]\n',
                 'not valid YAML'),
                (b'\xff\xfe', 'not UTF-8')):
            self.assertError(self.put(url, data), 400, fragment)
        self.assertEqual(tpl, self.get('/artifacts/heat_templates/%s' %
                                       tpl['id']).json)
        self.assertEqual([], self.stored_files())
        nested = url.replace('/template', '/nested_templates/x.yaml')
        self.assertError(self.put(nested, b'{}'), 400,
                         'nested Heat template x.yaml')

    def test_checked_templates_take_locations_unchecked(self):
        # Uploads are checked; a location is data its owner vouches for,
        # never fetched, as in Glare.
        for type_name, field in (('heat_templates', 'template'),
                                 ('heat_templates', 'nested_templates/n'),
                                 ('heat_environments', 'environment'),
                                 ('tosca_templates', 'template')):
            art = self.create(type_name, name='doc')
            resp = self.app.put(
                '/artifacts/%s/%s/%s' % (type_name, art['id'], field),
                '{"url": "https://example.invalid/t.yaml", "md5": "%s"}' % (
                    'a' * 32), headers={
                    'X-Auth-Token': base.MEMBER, 'Content-Type':
                    'application/vnd+openstack.glare-custom-location+json'},
                status='*')
            self.assertEqual(200, resp.status_int, resp.text)
            name, _, key = field.partition('/')
            blob = resp.json[name][key] if key else resp.json[name]
            self.assertEqual(('https://example.invalid/t.yaml', True),
                             (blob['url'], blob['external']))
            self.delete('/artifacts/%s/%s' % (type_name, art['id']))

    def test_heat_environment_sections_are_checked(self):
        env = self.create('heat_environments', name='env')
        resp = self.put('/artifacts/heat_environments/%s/environment' %
                        env['id'], b'paramters: {}\n')
        self.assertError(resp, 400, 'section paramters, which Heat does not')

    def test_tosca_template_needs_its_version(self):
        art = self.create('tosca_templates', name='svc',
                          template_format='yaml')
        url = '/artifacts/tosca_templates/%s/template' % art['id']
        self.assertError(self.put(url, b'topology_template: {}\n'), 400,
                         'tosca_definitions_version')
        resp = self.put(url, b'tosca_definitions_version: '
                             b'tosca_simple_yaml_1_3\n')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual('active', self.set_status(
            resp.json, 'active', type_name='tosca_templates')['status'])


class TestOtherTypes(TypesTestCase):
    def test_murano_package_with_dependencies(self):
        lib = self.create('murano_packages', name='lib', type='Library')
        app = self.create('murano_packages', name='app',
                          display_name='My App', categories=['web'],
                          class_definitions=['org.App'],
                          inherits={'org.App': 'io.murano.Application'},
                          keywords=['demo'],
                          dependencies=['/artifacts/murano_packages/%s' %
                                        lib['id']])
        self.assertEqual('Application', app['type'])
        package = murano_samples.package()
        resp = self.put('/artifacts/murano_packages/%s/package' % app['id'],
                        package)
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(package, self.get(resp.json['package']['url']).body)
        self.set_status(resp.json, 'active', type_name='murano_packages')
        self.assertError(self.post('/artifacts/murano_packages', {
            'name': 'x', 'class_definitions': ['a', 'a']}), 400,
            'class_definitions')

    def test_secret(self):
        art = self.create('secrets', name='key', secret_type='symmetric',
                          algorithm='AES', bit_length=256, mode='CBC',
                          expiration='2030-01-01T00:00:00Z')
        self.assertEqual('base64', art['payload_content_encoding'])
        url = '/artifacts/secrets/%s/payload' % art['id']
        self.assertEqual(413, self.put(url, b'x' * 10001).status_int)
        resp = self.put(url, b'c2VjcmV0')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual('active', self.set_status(
            resp.json, 'active', type_name='secrets')['status'])
        self.assertError(self.post('/artifacts/secrets', {
            'name': 'k', 'secret_type': 'weird'}), 400, 'secret_type')


class TestMuranoPackages(TypesTestCase):
    def setUp(self):
        super().setUp()
        self.art = self.create('murano_packages', name='app')
        self.url = '/artifacts/murano_packages/%s' % self.art['id']

    def assertNothingKept(self, resp, *fragments):
        self.assertError(resp, 400, *fragments)
        self.assertEqual(self.art, self.get(self.url).json)
        self.assertEqual([], self.stored_files())

    def test_a_large_package_is_stored_as_uploaded(self):
        # Larger than what is spooled in memory, and incompressible.
        data = murano_samples.package([
            ('Resources/blob.bin', os.urandom(3 * 1024 ** 2))],
            compression=zipfile.ZIP_STORED)
        resp = self.put(self.url + '/package', data)
        self.assertEqual(200, resp.status_int, resp.text)
        blob = resp.json['package']
        self.assertEqual((len(data), hashlib.sha256(data).hexdigest()),
                         (blob['size'], blob['sha256']))
        self.assertEqual(data, self.get(blob['url']).body)
        self.update(resp.json, [{'op': 'replace', 'path': '/display_name',
                                 'value': 'App'}],
                    type_name='murano_packages')
        self.assertEqual('active', self.set_status(
            resp.json, 'active', type_name='murano_packages')['status'])

    def test_packages_without_a_good_manifest_are_refused(self):
        for data, fragments in (
                (b'PK\x03\x04 not really a zip', ('not a zip archive',)),
                (murano_samples.package()[:-30], ('not a zip archive',)),
                (murano_samples.package(manifest=None),
                 ('no manifest.yaml',)),
                (murano_samples.package([('sub/manifest.yaml',
                                          murano_samples.MANIFEST)],
                                        manifest=None),
                 ('no manifest.yaml at its top level',)),
                (murano_samples.package(manifest=b'Format: [1'),
                 ('manifest.yaml is not valid YAML',)),
                (murano_samples.package(manifest=b'- FullName\n'),
                 ('manifest.yaml must be a YAML mapping',)),
                (murano_samples.package(manifest=b'Format: 1.0\n'),
                 ('manifest.yaml needs FullName',)),
                (murano_samples.package(manifest=b'FullName: a.B\n'),
                 ('manifest.yaml needs Format',))):
            self.assertNothingKept(self.put(self.url + '/package', data),
                                   *fragments)

    def test_unsafe_member_paths_are_refused(self):
        for name, fragment in (
                ('../../etc/cron.d/x', '".." path segment'),
                ('Classes/../../x', '".." path segment'),
                ('/etc/passwd', 'absolute path'),
                ('C:\\Windows\\x', 'absolute path'),
                ('Classes\\App.yaml', 'backslashes')):
            data = murano_samples.package([(name, b'x')])
            self.assertNothingKept(self.put(self.url + '/package', data),
                                   'Package member %r' % name, fragment)
        data = murano_samples.package([murano_samples.symlink(
            'Resources/link', '/etc/shadow')])
        self.assertNothingKept(self.put(self.url + '/package', data),
                               "'Resources/link' is a symbolic link")

    def test_zip_bombs_are_refused(self):
        # 200 MiB of zeros in 200 KiB: beyond the 100 MiB blob limit.
        self.assertNothingKept(
            self.put(self.url + '/package', murano_samples.bomb()),
            'expands beyond the 104857600 bytes allowed')
        # Small enough in total, but compressed a thousandfold.
        self.assertNothingKept(
            self.put(self.url + '/package',
                     murano_samples.bomb(4 * 1024 ** 2)),
            "'Resources/zeros.bin' expands from", 'more than 100 times')
        # Thousands of empty members.
        many = murano_samples.package([('f%d' % i, b'')
                                       for i in range(10001)])
        self.assertNothingKept(self.put(self.url + '/package', many),
                               'too many members (10002')

    def test_locations_are_taken_unchecked(self):
        # The owner vouches for data glare never fetches, as in Glare.
        resp = self.app.put(
            self.url + '/package',
            '{"url": "https://example.invalid/app.zip", "md5": "%s"}' % (
                'a' * 32), headers={
                'X-Auth-Token': base.MEMBER, 'Content-Type':
                'application/vnd+openstack.glare-custom-location+json'},
            status='*')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(('https://example.invalid/app.zip', True), (
            resp.json['package']['url'], resp.json['package']['external']))


class TestLinks(TypesTestCase):
    def test_link_to_an_artifact_that_does_not_exist(self):
        resp = self.post('/artifacts/heat_templates', {
            'name': 't', 'environments': {
                'e': '/artifacts/heat_environments/nope'}})
        self.assertError(resp, 400, 'Field environments links to '
                                    '/artifacts/heat_environments/nope')
        self.assertEqual(0, self.get('/artifacts/heat_templates').json[
            'total_count'])

    def test_link_to_an_artifact_of_another_project(self):
        env = self.create('heat_environments', name='e', token=base.OTHER)
        link = '/artifacts/heat_environments/%s' % env['id']
        resp = self.post('/artifacts/heat_templates', {
            'name': 't', 'environments': {'e': link}})
        self.assertError(resp, 400, 'environments', 'cannot read')
        # Its owner may link to it; once public, anyone may.
        self.create('heat_templates', name='theirs', token=base.OTHER,
                    environments={'e': link})
        self.put(link + '/environment', b'parameters: {}\n',
                 token=base.OTHER)
        env = self.set_status(env, 'active', token=base.OTHER,
                              type_name='heat_environments')
        self.update(env, [{'op': 'replace', 'path': '/visibility',
                           'value': 'public'}], token=base.ADMIN,
                    type_name='heat_environments')
        self.create('heat_templates', name='t', environments={'e': link})

    def test_link_restricted_to_a_type(self):
        image = self.create('images', name='img')
        resp = self.post('/artifacts/heat_templates', {
            'name': 't', 'environments': {
                'e': '/artifacts/images/%s' % image['id']}})
        self.assertError(resp, 400, 'environments',
                         'must link to a heat_environments artifact')

    def test_link_to_a_type_that_is_not_enabled(self):
        resp = self.post('/artifacts/murano_packages', {
            'name': 'p', 'dependencies': ['/artifacts/widgets/1']})
        self.assertError(resp, 400, 'must link to a murano_packages')

    def test_lists_of_links_are_checked_on_update(self):
        dep = self.create('murano_packages', name='dep')
        app = self.create('murano_packages', name='app')
        good = '/artifacts/murano_packages/%s' % dep['id']
        resp = self.patch('/artifacts/murano_packages/%s' % app['id'], [
            {'op': 'add', 'path': '/dependencies',
             'value': [good, '/artifacts/murano_packages/missing']}])
        self.assertError(resp, 400, 'Field dependencies links to '
                                    '/artifacts/murano_packages/missing')
        art = self.update(app, [{'op': 'add', 'path': '/dependencies/-',
                                 'value': good}],
                          type_name='murano_packages')
        self.assertEqual([good], art['dependencies'])

    def test_external_links_are_urls_never_fetched(self):
        art = self.create('murano_packages', name='p', dependencies=[
            'https://packages.example.invalid/lib.zip'])
        self.assertEqual(['https://packages.example.invalid/lib.zip'],
                         art['dependencies'])
        for junk in ('https://', 'http://exa mple.com/x', 'ftp://h/x',
                     'javascript:alert(1)'):
            resp = self.post('/artifacts/murano_packages', {
                'name': 'q', 'dependencies': [junk]})
            self.assertError(resp, 400, 'dependencies')


class TestHooks(TypesTestCase):
    def url(self, art, *rest):
        return '/'.join(('/artifacts/hooked', art['id']) + rest)

    def test_create_hook_sets_fields_or_refuses(self):
        art = self.create('hooked', name='h')
        self.assertEqual('created by project1', art['stamp'])
        resp = self.post('/artifacts/hooked', {'name': 'h2',
                                               'label': 'refuse-create'})
        self.assertError(resp, 400, 'label refuse-create is refused')
        self.assertEqual(1, self.get('/artifacts/hooked').json[
            'total_count'])

    def test_update_hook(self):
        art = self.create('hooked', name='h')
        art = self.update(art, [{'op': 'add', 'path': '/label',
                                 'value': 'x'}], type_name='hooked')
        self.assertEqual('updated: label', art['stamp'])
        resp = self.patch(self.url(art), [{'op': 'add', 'path': '/label',
                                           'value': 'refuse-update'}])
        self.assertError(resp, 400, 'label refuse-update is refused')
        self.assertEqual(art, self.get(self.url(art)).json)

    def test_lifecycle_hooks(self):
        art = self.create('hooked', name='h', label='not-ready')
        resp = self.patch(self.url(art), [{'op': 'replace',
                                           'path': '/status',
                                           'value': 'active'}])
        self.assertError(resp, 400, 'not ready to activate')
        self.assertEqual('drafted', self.get(self.url(art)).json['status'])
        art = self.update(art, [{'op': 'replace', 'path': '/label',
                                 'value': 'secret'}], type_name='hooked')
        art = self.set_status(art, 'active', type_name='hooked')
        resp = self.patch(self.url(art), [{'op': 'replace',
                                           'path': '/visibility',
                                           'value': 'public'}],
                          token=base.ADMIN)
        self.assertError(resp, 400, 'secret things stay private')
        self.assertEqual('private',
                         self.get(self.url(art)).json['visibility'])

    def test_delete_hook(self):
        art = self.create('hooked', name='h', label='keep')
        self.assertError(self.delete(self.url(art)), 400,
                         'this one is kept')
        self.assertEqual(200, self.get(self.url(art)).status_int)

    def test_upload_hook_transforms_the_stream(self):
        art = self.create('hooked', name='h')
        resp = self.put(self.url(art, 'data'), b'hello')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(b'HELLO', self.get(self.url(art, 'data')).body)
        self.assertEqual(5, resp.json['data']['size'])

    def test_upload_hook_writes_a_folder_all_or_nothing(self):
        art = self.create('hooked', name='h')
        resp = self.put(self.url(art, 'parts', 'bundle'), b'a=1;b=22')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(['a', 'b'], sorted(resp.json['parts']))
        self.assertEqual('unpacked 2 parts', resp.json['stamp'])
        self.assertEqual(b'22', self.get(self.url(art, 'parts', 'b')).body)
        before, files = resp.json, self.stored_files()
        resp = self.put(self.url(art, 'parts', 'bundle'),
                        b'a=new;c=3;fail=x')
        self.assertError(resp, 400, 'the archive names a part "fail"')
        self.assertEqual(before, self.get(self.url(art)).json)
        self.assertEqual(files, self.stored_files())

    def test_upload_hook_writer_respects_limits(self):
        art = self.create('hooked', name='h')
        resp = self.put(self.url(art, 'parts', 'bundle'),
                        b'a=' + b'x' * 1001)
        self.assertEqual(413, resp.status_int, resp.text)
        self.assertEqual({}, self.get(self.url(art)).json['parts'])
        self.assertEqual([], self.stored_files())

    def test_download_hook(self):
        art = self.create('hooked', name='h', label='no-download')
        self.put(self.url(art, 'data'), b'x')
        self.assertError(self.get(self.url(art, 'data')), 400,
                         'downloads are closed')

    def test_values_a_hook_sets_are_validated(self):
        art = self.create('hooked', name='h')
        resp = self.patch(self.url(art), [{'op': 'add', 'path': '/label',
                                           'value': 'bad-stamp'}])
        self.assertError(resp, 400, 'Invalid value for field stamp')
        self.assertEqual(art, self.get(self.url(art)).json)
