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

"""The base artifact: type building, schema, new artifacts, records."""

import datetime

from oslo_utils import uuidutils
from oslo_versionedobjects import fixture as ovo_fixture

from glare.artifact_types import all as all_type
from glare.artifact_types import heat_environments
from glare.artifact_types import heat_templates
from glare.artifact_types import images
from glare.artifact_types import murano_packages
from glare.artifact_types import ovf_packages
from glare.artifact_types import secrets
from glare.artifact_types import tosca_templates
from glare import context
from glare.db import mapping
from glare import exception
from glare.objects import base as objects
from glare.objects import fields as f
from glare.objects import validators as v
from glare.tests import base

BUILT_IN = (all_type.All, heat_environments.HeatEnvironment,
            heat_templates.HeatTemplate, images.Image,
            murano_packages.MuranoPackage, ovf_packages.OVFPackage,
            secrets.Secret, tosca_templates.TOSCATemplate)


class UnitTestKinds(objects.BaseArtifact):
    """A type with a field of every stored kind."""

    VERSION = '1.0'

    fields = {
        'text': f.String(max_length=1000),
        'count': f.Integer(),
        'ratio': f.Float(),
        'flag': f.Boolean(),
        'when': f.DateTime(),
        'release': f.Version(),
        'source': f.Link(),
        'numbers': f.List(f.Integer),
        'times': f.List(f.DateTime),
        'labels': f.Dict(f.String),
        'limits': f.Dict(f.Integer),
        'payload': f.Blob(),
        'files': f.Folder(),
        # Overrides the inherited declaration.
        'description': f.String(mutable=True, max_length=10),
    }

    @classmethod
    def get_type_name(cls):
        return 'unit_test_kinds'


def _context(project='p1', roles=('member',)):
    return context.RequestContext(user_id='u1', project_id=project,
                                  roles=list(roles))


class TestTypeBuilding(base.TestCase):
    def test_inherited_and_declared_fields_are_merged(self):
        base_names = set(objects.BaseArtifact.attributes)
        self.assertIn('name', base_names)
        self.assertEqual(set(), base_names - set(images.Image.attributes))
        self.assertIn('disk_format', images.Image.attributes)
        self.assertNotIn('disk_format', base_names)
        self.assertEqual(base_names | {'type_name'},
                         set(all_type.All.attributes))

    def test_ovo_fields_match_the_declarations(self):
        for cls in (objects.BaseArtifact, images.Image, all_type.All,
                    UnitTestKinds):
            self.assertEqual(set(cls.attributes), set(cls.fields))

    def test_fields_know_their_names(self):
        for name, field in images.Image.attributes.items():
            self.assertEqual(name, field.name)

    def test_declared_field_overrides_inherited_one(self):
        self.assertEqual(10, UnitTestKinds.field('description').max_length)
        self.assertEqual(4096,
                         objects.BaseArtifact.field('description').max_length)

    def test_unknown_field_is_400_naming_it_and_the_type(self):
        exc = self.assertRaises(exception.InvalidInput, images.Image.field,
                                'colour')
        self.assertEqual(400, exc.code)
        self.assertIn("Unknown field 'colour' for artifact type images",
                      exc.msg)

    def test_blob_fields(self):
        self.assertEqual(['image'], images.Image.blob_fields())
        self.assertEqual(['payload', 'files'], UnitTestKinds.blob_fields())

    def test_types_are_registered(self):
        classes = objects.ArtifactRegistry.obj_classes()
        self.assertIn(images.Image, classes['Image'])
        self.assertIn(all_type.All, classes['All'])


class TestSchema(base.TestCase):
    def test_schema_document(self):
        schema = images.Image.get_schema('1.0')
        self.assertEqual('images', schema['name'])
        self.assertEqual('Images', schema['display_name'])
        self.assertEqual('1.0', schema['version'])
        self.assertEqual('Artifact type images of version 1.0',
                         schema['title'])
        self.assertEqual('1.2', images.Image.get_schema()['version'])
        self.assertEqual(['name'], schema['required'])
        self.assertEqual('object', schema['type'])
        self.assertFalse(schema['additionalProperties'])
        self.assertEqual(set(images.Image.attributes) - {
            'consumer_count', 'aliases', 'download_count',
            'last_downloaded_at'}, set(schema['properties']))

    def test_properties_describe_the_fields(self):
        props = images.Image.get_schema()['properties']
        self.assertEqual('string', props['name']['type'])
        self.assertEqual(1, props['name']['minLength'])
        self.assertTrue(props['id']['readOnly'])
        self.assertEqual('0.0.0', props['version']['default'])
        self.assertEqual('StringList', props['tags']['glareType'])
        self.assertEqual('StringDict', props['metadata']['glareType'])
        self.assertEqual(images.DISK_FORMATS, props['disk_format']['enum'])
        self.assertTrue(props['disk_format']['required_on_activate'])
        self.assertEqual(0, props['min_ram']['minimum'])
        self.assertEqual('Blob', props['image']['glareType'])
        self.assertEqual(1024 ** 4, props['image']['maxSize'])

    def test_each_type_has_its_own_schema(self):
        self.assertEqual('all', all_type.All.get_schema()['name'])
        self.assertIn('type_name', all_type.All.get_schema()['properties'])
        self.assertNotIn('type_name',
                         images.Image.get_schema()['properties'])


class TestNew(base.TestCase):
    def test_defaults_owner_and_timestamps(self):
        art = images.Image.new(_context('p1'), {'name': 'cirros'})
        self.assertTrue(uuidutils.is_uuid_like(art.id))
        self.assertEqual('p1', art.owner)
        self.assertEqual('cirros', art.name)
        self.assertEqual('0.0.0', art.version)
        self.assertEqual('drafted', art.status)
        self.assertEqual('private', art.visibility)
        self.assertEqual([], art.tags)
        self.assertEqual({}, art.metadata)
        self.assertIsNone(art.disk_format)
        self.assertIsNone(art.activated_at)
        self.assertEqual(art.created_at, art.updated_at)
        self.assertEqual('Images', art.display_type_name)

    def test_each_artifact_gets_its_own_id_and_containers(self):
        one = images.Image.new(_context(), {'name': 'a'})
        two = images.Image.new(_context(), {'name': 'a'})
        self.assertNotEqual(one.id, two.id)
        one.tags.append('x')
        one.metadata['k'] = 'v'
        self.assertEqual([], two.tags)
        self.assertEqual({}, two.metadata)

    def test_repeated_tags_collapse_keeping_order(self):
        art = images.Image.new(_context(), {'name': 'a',
                                            'tags': ['b', 'a', 'b']})
        self.assertEqual(['b', 'a'], art.tags)

    def test_to_dict_is_the_wire_form(self):
        art = images.Image.new(_context(), {'name': 'a'})
        art.created_at = datetime.datetime(2020, 1, 2, 3, 4, 5, 600)
        body = art.to_dict()
        self.assertEqual('2020-01-02T03:04:05Z', body['created_at'])
        self.assertIsNone(body['activated_at'])
        self.assertEqual(set(images.Image.attributes), set(body))

    def test_target_is_what_policy_sees(self):
        art = images.Image.new(_context('p9'), {'name': 'a'})
        self.assertEqual({'owner': 'p9', 'project_id': 'p9',
                          'visibility': 'private', 'status': 'drafted',
                          'type_name': 'images'}, art.target())


class TestCoerceField(base.TestCase):
    def test_valid_value_is_returned_normalised(self):
        self.assertEqual('1.0.0',
                         images.Image.coerce_field('version', '1'))

    def test_invalid_value_is_400_naming_the_field(self):
        exc = self.assertRaises(exception.InvalidInput,
                                images.Image.coerce_field, 'min_ram', 'x')
        self.assertEqual(400, exc.code)
        self.assertIn('Invalid value for field min_ram: must be an '
                      'integer', exc.msg)
        exc = self.assertRaises(exception.InvalidInput,
                                images.Image.coerce_field, 'disk_format',
                                'floppy')
        self.assertIn('Invalid value for field disk_format: must be one of',
                      exc.msg)
        exc = self.assertRaises(exception.InvalidInput,
                                images.Image.coerce_field, 'name', None)
        self.assertIn('Invalid value for field name: must not be null',
                      exc.msg)

    def test_tags_with_separators_are_refused(self):
        for tag in ('a,b', 'a/b', ''):
            exc = self.assertRaises(exception.InvalidInput,
                                    images.Image.coerce_field, 'tags', [tag])
            self.assertIn('Invalid value for field tags', exc.msg)


def _declarations(cls):
    """What a type's fields mean beyond their names (ovo sees names only)."""
    described = []
    for name, field in sorted(cls.attributes.items()):
        schema = dict(field.to_jsonschema())
        schema.pop('description')
        described.append((name, sorted(schema.items(), key=str)))
    return (described,)


class TestObjectVersions(base.TestCase):
    """Changing a type's fields must come with a new VERSION."""

    # Update a hash only together with the type's VERSION. (Version 1.0
    # of the types Glare had is Glare 5.0.1's: bringing glare's 1.0 to it,
    # before any release, changed them without a bump. Version 1.2 is what
    # clients of the unreleased microversion 1.2 see: image mutability,
    # sharing's visibilities and the lifecycle fields joined it together.)
    EXPECTED = {
        'All': '1.2-aa01b0c3b91277de3df28478db73b73a',
        'HeatEnvironment': '1.2-5b1be67339caf6ac6f0e7675f74e438a',
        'HeatTemplate': '1.2-da886a07bf5dcf404e08a35d4c46f353',
        'Image': '1.2-7d42ebd1ae297fdd738caf17a82471df',
        'MuranoPackage': '1.2-8a32c31018932c7a8c86fe268cf54937',
        'OVFPackage': '1.2-dca80fe8a02ae2830c70b48f32b72b04',
        'Secret': '1.2-39b51d17e467c396bc39d7206c8bd974',
        'TOSCATemplate': '1.2-411be31a3c4cfb775c76a35e3d6e6a51',
    }

    def test_versions(self):
        checker = ovo_fixture.ObjectVersionChecker(
            {cls.__name__: [cls] for cls in BUILT_IN})
        expected, actual = checker.test_hashes(
            self.EXPECTED, extra_data_func=_declarations)
        self.assertEqual(expected, actual,
                         'Fields of an artifact type changed: bump its '
                         'VERSION and update the hash here.')

    def test_fingerprint_sees_a_change_of_kind(self):
        class Changed(images.Image):
            fields = {'min_ram': f.Float(validators=[v.MinNumberSize(0)])}

        checker = ovo_fixture.ObjectVersionChecker(
            {'Image': [images.Image], 'Changed': [Changed]})
        hashes = checker.get_hashes(extra_data_func=_declarations)
        self.assertNotEqual(hashes['Image'].split('-')[1],
                            hashes['Changed'].split('-')[1])


class TestIdentity(base.TestCase):
    def test_types_without_identity_fields_have_an_empty_key(self):
        art = UnitTestKinds.new(_context(), {'name': 'a'})
        self.assertEqual('', art.identity_key())
        columns, _ = mapping.to_rows(art)
        self.assertNotIn('identity_key', columns)

    def test_images_are_identified_by_disk_format_too(self):
        art = images.Image.new(_context(), {'name': 'a',
                                            'disk_format': 'raw'})
        self.assertEqual('{"disk_format":"raw"}', art.identity_key())
        columns, _ = mapping.to_rows(art)
        self.assertEqual(art.identity_key(), columns['identity_key'])
        # Updates of the format carry the new key; others do not.
        art.disk_format = 'qcow2'
        self.assertEqual('{"disk_format":"qcow2"}',
                         mapping.to_rows(
                             art, ['disk_format'])[0]['identity_key'])
        self.assertNotIn('identity_key', mapping.to_rows(art, ['min_ram'])[0])

    def test_long_keys_are_hashed(self):
        class Long(objects.BaseArtifact):
            VERSION = '1.0'
            identity_fields = ('label',)
            fields = {'label': f.String()}

            @classmethod
            def get_type_name(cls):
                return 'unit_test_long'

        art = Long.new(_context(), {'name': 'a', 'label': 'x' * 200})
        key = art.identity_key()
        self.assertTrue(key.startswith('sha256:'))
        self.assertLessEqual(len(key), objects.IDENTITY_KEY_LENGTH)


class TestHookDefaults(base.TestCase):
    def test_base_hooks_accept_everything(self):
        cls = objects.BaseArtifact
        for name in ('create', 'activate', 'deactivate', 'reactivate',
                     'publish', 'delete'):
            hook = getattr(cls, 'pre_%s_hook' % name)
            self.assertIsNone(hook(None, None))
        self.assertIsNone(cls.pre_update_hook(None, None, ['a']))
        self.assertIsNone(cls.pre_download_hook(None, None, 'b', None))
        self.assertIsNone(cls.pre_add_location_hook(None, None, 'b', None,
                                                    'https://h/x'))
        stream = object()
        self.assertIs(stream, cls.pre_upload_hook(None, None, 'b', None,
                                                  stream, None))

    def test_has_upload_hook(self):
        self.assertFalse(images.Image.has_upload_hook())
        self.assertTrue(heat_templates.HeatTemplate.has_upload_hook())
        self.assertTrue(ovf_packages.OVFPackage.has_upload_hook())


class Evolved(objects.BaseArtifact):
    """A type whose version 1.1 added a field (for clients of 1.2)."""

    VERSION = '1.1'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.1'))
    fields = {
        'size': f.Integer(),
        'grade': f.String(since='1.1', description='Added in 1.1.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'evolved'


class Unversioned(objects.BaseArtifact):
    @classmethod
    def get_type_name(cls):
        return 'unversioned_things'


class TestOlderClients(base.TestCase):
    """What a field added later is to the clients of earlier versions."""

    def artifact(self):
        ctx = context.RequestContext(project_id='p1', roles=['member'])
        return Evolved.new(ctx, {'name': 'e', 'size': 3, 'grade': 'a'})

    def test_each_microversion_sees_its_version_of_the_type(self):
        self.assertEqual('1.0', Evolved.obj_version_for((1, 0)))
        self.assertEqual('1.0', Evolved.obj_version_for((1, 1)))
        self.assertEqual('1.1', Evolved.obj_version_for((1, 2)))
        self.assertEqual('1.1', Evolved.obj_version_for((1, 9)))
        # A type that declares nothing is the same for everyone.
        self.assertEqual('1.0', secrets.Secret.obj_version_for((1, 0)))
        self.assertEqual('1.2', secrets.Secret.obj_version_for((1, 2)))
        # A type that declares no versions is the same for everyone, and
        # shows none of the base fields added after its version.
        self.assertEqual('1.0', UnitTestKinds.obj_version_for((1, 0)))
        self.assertEqual('1.0', UnitTestKinds.obj_version_for((1, 2)))
        self.assertNotIn('consumer_count', UnitTestKinds.fields_of('1.0'))

    def test_older_versions_drop_the_newer_fields(self):
        art = self.artifact()
        self.assertEqual('a', art.to_dict()['grade'])
        self.assertEqual('a', art.to_dict('1.1')['grade'])
        old = art.to_dict('1.0')
        self.assertNotIn('grade', old)
        self.assertEqual(3, old['size'])
        self.assertEqual(set(art.to_dict('1.1')) - {'grade'}, set(old))
        # Fields of the base artifact newer than the type's version are
        # never shown by it.
        self.assertIn('consumer_count', art.to_dict())
        self.assertNotIn('consumer_count', art.to_dict('1.1'))

    def test_schemas_follow_the_version(self):
        self.assertIn('grade', Evolved.get_schema()['properties'])
        old = Evolved.get_schema('1.0')
        self.assertNotIn('grade', old['properties'])
        self.assertEqual('1.0', old['version'])
        self.assertEqual('1.1', Evolved.get_schema('1.1')['version'])


class TestMutableSince(base.TestCase):
    """Image properties an owner corrects once active, from 1.2 on."""

    def test_only_clients_of_the_newer_version_may_change_them(self):
        field = images.Image.field('min_ram')
        self.assertFalse(field.is_mutable('1.0'))
        self.assertTrue(field.is_mutable('1.1'))
        self.assertTrue(field.is_mutable())
        self.assertFalse(images.Image.field('disk_format').is_mutable())
        self.assertTrue(images.Image.field('description').is_mutable('1.0'))

    def test_schemas_say_so_per_version(self):
        old = images.Image.get_schema('1.0')['properties']
        new = images.Image.get_schema('1.1')['properties']
        self.assertEqual((False, True), (old['min_ram']['mutable'],
                                         new['min_ram']['mutable']))
        self.assertEqual((False, True), (old['metadata']['mutable'],
                                         new['metadata']['mutable']))
        self.assertFalse(new['image']['mutable'])

    def test_the_version_a_caller_sees(self):
        for api, seen in (((1, 0), '1.0'), ((1, 1), '1.0'), ((1, 2), '1.2'),
                          (None, '1.2')):
            ctx = context.RequestContext(api_version=api)
            self.assertEqual(seen, images.Image.version_seen_by(ctx))


class TestTypedValues(base.TestCase):
    def test_values_set_by_code_are_checked_naming_the_field(self):
        ctx = context.RequestContext(project_id='p1', roles=['member'])
        art = images.Image.new(ctx, {'name': 'x'})
        exc = self.assertRaises(ValueError, setattr, art, 'min_ram', 'lots')
        self.assertIn('Invalid value for field min_ram', str(exc))
        art.min_ram = 4
        self.assertEqual(4, art.min_ram)

    def test_blob_values_have_the_blob_keys_only(self):
        ctx = context.RequestContext(project_id='p1', roles=['member'])
        art = images.Image.new(ctx, {'name': 'x'})
        self.assertRaises(ValueError, setattr, art, 'image',
                          {'path': '/etc/passwd'})
        art.image = {'status': 'active', 'size': 1}
        self.assertEqual(1, art.image['size'])
