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

"""Field kinds: what each accepts, what it rejects, how it describes itself."""

import datetime

import jsonschema

from glare.objects import fields as f
from glare.objects import validators as v
from glare.tests import base


class TestString(base.TestCase):
    def test_accepts_strings_up_to_the_length(self):
        field = f.String(max_length=5)
        self.assertEqual('abcde', field.coerce('abcde'))
        self.assertEqual('', field.coerce(''))

    def test_rejects_other_json_types_naming_them(self):
        field = f.String()
        for value, name in ((1, 'an integer'), (True, 'a boolean'),
                            (1.5, 'a number'), ([], 'a list'),
                            ({}, 'an object')):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('must be a string, not %s' % name, str(exc))

    def test_rejects_too_long_strings(self):
        exc = self.assertRaises(ValueError, f.String(max_length=3).coerce,
                                'abcd')
        self.assertIn('at most 3 characters', str(exc))

    def test_text_no_database_can_store_is_refused(self):
        for field in (f.String(), f.Link()):
            exc = self.assertRaises(ValueError, field.coerce,
                                    'http://a\x00b')
            self.assertIn('must not contain NUL characters', str(exc))
            exc = self.assertRaises(ValueError, field.coerce,
                                    'http://a\ud800')
            self.assertIn('lone surrogate', str(exc))

    def test_long_strings_are_neither_filterable_nor_sortable(self):
        field = f.String(max_length=4096, sortable=True)
        self.assertEqual((), field.filter_ops)
        self.assertFalse(field.filterable)
        self.assertFalse(field.sortable)
        short = f.String()
        self.assertEqual(f.STRING_OPS, short.filter_ops)

    def test_extra_validators_run_after_the_type_check(self):
        field = f.String(validators=[v.AllowedValues(['a', 'b'])])
        self.assertEqual('a', field.coerce('a'))
        exc = self.assertRaises(ValueError, field.coerce, 'c')
        self.assertIn("must be one of 'a', 'b'", str(exc))

    def test_validator_for_another_kind_is_refused_at_declaration(self):
        exc = self.assertRaises(TypeError, f.Integer,
                                validators=[v.MinStrLen(1)])
        self.assertIn('MinStrLen cannot validate a Integer field', str(exc))


class TestNullability(base.TestCase):
    def test_null_is_allowed_by_default(self):
        for field in (f.String(), f.Integer(), f.Float(), f.Boolean(),
                      f.DateTime(), f.Version(), f.Link(), f.List(),
                      f.Dict()):
            self.assertIsNone(field.coerce(None), field.kind)

    def test_non_nullable_rejects_null(self):
        for kind in (f.String, f.Integer, f.Boolean, f.List, f.Dict):
            exc = self.assertRaises(ValueError,
                                    kind(nullable=False).coerce, None)
            self.assertEqual('must not be null', str(exc))

    def test_validators_do_not_see_null(self):
        field = f.String(validators=[v.MinStrLen(3)])
        self.assertIsNone(field.coerce(None))


class TestNumbersAndBooleans(base.TestCase):
    def test_integer(self):
        field = f.Integer()
        self.assertEqual(-7, field.coerce(-7))
        self.assertEqual(2 ** 63 - 1, field.coerce(2 ** 63 - 1))
        for value in (True, 1.0, '1', [1]):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('must be an integer', str(exc))
        exc = self.assertRaises(ValueError, field.coerce, 2 ** 63)
        self.assertIn('too large', str(exc))

    def test_float(self):
        field = f.Float()
        self.assertEqual(2.0, field.coerce(2))
        self.assertIsInstance(field.coerce(2), float)
        self.assertEqual(0.5, field.coerce(0.5))
        for value in (False, '0.5', [0.5]):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('must be a number', str(exc))
        for value in (float('inf'), float('-inf'), float('nan')):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('finite', str(exc))

    def test_boolean(self):
        field = f.Boolean()
        self.assertIs(True, field.coerce(True))
        self.assertIs(False, field.coerce(False))
        for value in (0, 1, 'true', 'false'):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('must be true or false', str(exc))
        self.assertEqual(('eq', 'neq'), field.filter_ops)

    def test_number_kinds_allow_range_filters(self):
        for field in (f.Integer(), f.Float(), f.DateTime(), f.Version()):
            self.assertEqual(f.RANGE_OPS, field.filter_ops, field.kind)


class TestDateTime(base.TestCase):
    def test_offsets_are_converted_to_naive_utc(self):
        field = f.DateTime()
        self.assertEqual(datetime.datetime(2020, 1, 2, 1, 4, 5),
                         field.coerce('2020-01-02T03:04:05+02:00'))
        self.assertEqual(datetime.datetime(2020, 1, 2, 3, 4, 5, 123000),
                         field.coerce('2020-01-02T03:04:05.123Z'))

    def test_aware_datetimes_are_converted_too(self):
        eastern = datetime.timezone(datetime.timedelta(hours=-5))
        value = datetime.datetime(2020, 1, 1, tzinfo=eastern)
        self.assertEqual(datetime.datetime(2020, 1, 1, 5, 0),
                         f.DateTime().coerce(value))

    def test_wire_form_is_seconds_with_z(self):
        field = f.DateTime()
        value = field.coerce('2020-01-02T03:04:05.999+00:00')
        self.assertEqual('2020-01-02T03:04:05Z', field.to_primitive(value))
        self.assertIsNone(f.format_datetime(None))

    def test_rejects_non_dates(self):
        field = f.DateTime()
        for value in ('yesterday', '2020-13-01T00:00:00Z'):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('must be an ISO 8601 date-time', str(exc))
            self.assertIn(repr(value), str(exc))
        exc = self.assertRaises(ValueError, field.coerce, 1577836800)
        self.assertIn('ISO 8601', str(exc))


class TestVersion(base.TestCase):
    def test_short_and_numeric_forms_are_normalised(self):
        field = f.Version()
        self.assertEqual('1.0.0', field.coerce('1'))
        self.assertEqual('1.2.0', field.coerce('1.2'))
        self.assertEqual('2.0.0', field.coerce(2))
        self.assertEqual('1.5.0', field.coerce(1.5))
        self.assertEqual('1.0.0-rc.1', field.coerce('1.0.0-rc.1'))

    def test_invalid_versions_give_the_reason(self):
        field = f.Version()
        exc = self.assertRaises(ValueError, field.coerce, 'v1')
        self.assertIn("Invalid version 'v1'", str(exc))
        self.assertIn('not a semantic version', str(exc))
        for value in (True, [1], {'a': 1}):
            exc = self.assertRaises(ValueError, field.coerce, value)
            self.assertIn('must be a semantic version string', str(exc))


class TestLink(base.TestCase):
    def test_parse_link(self):
        self.assertEqual(('images', 'abc'),
                         f.parse_link('/artifacts/images/abc'))
        self.assertEqual((None, 'https://example.com/x.qcow2'),
                         f.parse_link('https://example.com/x.qcow2'))
        self.assertEqual((None, 'http://h'), f.parse_link('http://h'))
        for junk in ('http://', 'https://a b', 'ftp://h/x', 'images/abc',
                     '/artifacts/images', '/artifacts//abc',
                     '/artifacts/images/', '/artifacts/images/a/b',
                     '/other/images/abc', ''):
            self.assertIsNone(f.parse_link(junk), junk)

    def test_coerce_accepts_links_and_urls(self):
        field = f.Link()
        self.assertEqual('/artifacts/images/1', field.coerce(
            '/artifacts/images/1'))
        self.assertEqual('http://x/y', field.coerce('http://x/y'))

    def test_coerce_rejects_junk_saying_what_is_expected(self):
        exc = self.assertRaises(ValueError, f.Link().coerce, 'ftp://x')
        self.assertIn("must be /artifacts/<type>/<id> or an http(s) URL, "
                      "not 'ftp://x'", str(exc))
        exc = self.assertRaises(ValueError, f.Link().coerce, 5)
        self.assertIn('must be a string', str(exc))

    def test_type_restricted_link(self):
        field = f.Link(type_name='images')
        self.assertEqual('/artifacts/images/1',
                         field.coerce('/artifacts/images/1'))
        # An external URL has no type to check.
        self.assertEqual('https://x/y', field.coerce('https://x/y'))
        exc = self.assertRaises(ValueError, field.coerce,
                                '/artifacts/secrets/1')
        self.assertIn('must link to a images artifact', str(exc))

    def test_urls_need_a_host(self):
        for junk in ('http://:80/x', 'https://[::1/x', 'http://a\x7fb'):
            self.assertIsNone(f.parse_link(junk), junk)
        self.assertEqual((None, 'https://[::1]/x'),
                         f.parse_link('https://[::1]/x'))

    def test_schema_pattern_names_the_target_type(self):
        self.assertIn('/artifacts/[^/]+/',
                      f.Link().to_jsonschema()['pattern'])
        self.assertIn('/artifacts/heat_environments/', f.Link(
            type_name='heat_environments').to_jsonschema()['pattern'])

    def test_link_values(self):
        self.assertEqual(['/artifacts/a/1'],
                         f.link_values(f.Link(), '/artifacts/a/1'))
        self.assertEqual(['x', 'y'],
                         f.link_values(f.List(f.Link()), ['x', 'y']))
        self.assertEqual(['1', '2'], f.link_values(f.Dict(f.Link()),
                                                   {'b': '2', 'a': '1'}))
        self.assertEqual([], f.link_values(f.Link(), None))
        self.assertEqual([], f.link_values(f.List(f.String()), ['x']))
        self.assertEqual([], f.link_values(f.String(), '/artifacts/a/1'))

    def test_links_filter_by_equality_only(self):
        self.assertEqual(f.EQUALITY_OPS, f.Link().filter_ops)


class TestList(base.TestCase):
    def test_items_are_coerced_in_order(self):
        field = f.List(f.Version)
        self.assertEqual(['2.0.0', '1.0.0'], field.coerce(['2', '1']))

    def test_rejects_non_lists_null_items_and_bad_items(self):
        field = f.List(f.Integer)
        exc = self.assertRaises(ValueError, field.coerce, {'a': 1})
        self.assertIn('must be a list, not an object', str(exc))
        exc = self.assertRaises(ValueError, field.coerce, [1, None])
        self.assertIn('items must not be null', str(exc))
        exc = self.assertRaises(ValueError, field.coerce, [1, 'x'])
        self.assertIn('must be an integer', str(exc))

    def test_max_items(self):
        field = f.List(max_items=2)
        self.assertEqual(['a', 'b'], field.coerce(['a', 'b']))
        exc = self.assertRaises(ValueError, field.coerce, ['a', 'b', 'c'])
        self.assertIn('at most 2 items', str(exc))

    def test_item_validators_apply_to_each_item(self):
        field = f.List(f.String(validators=[v.ForbiddenChars(',')]))
        exc = self.assertRaises(ValueError, field.coerce, ['ok', 'a,b'])
        self.assertIn("must not contain ','", str(exc))

    def test_default_is_a_fresh_empty_list(self):
        field = f.List()
        first = field.get_default()
        first.append('x')
        self.assertEqual([], field.get_default())

    def test_primitive_form_of_datetime_items(self):
        field = f.List(f.DateTime)
        value = field.coerce(['2020-01-01T00:00:00+01:00'])
        self.assertEqual(['2019-12-31T23:00:00Z'], field.to_primitive(value))

    def test_containers_cannot_be_sortable(self):
        self.assertRaises(TypeError, f.List, sortable=True)
        self.assertRaises(TypeError, f.Dict, sortable=True)


class TestDict(base.TestCase):
    def test_values_are_coerced(self):
        field = f.Dict(f.Integer)
        self.assertEqual({'a': 1, 'b': 2}, field.coerce({'a': 1, 'b': 2}))
        self.assertEqual({}, field.get_default())

    def test_rejects_bad_values_null_values_and_non_objects(self):
        field = f.Dict(f.Integer)
        exc = self.assertRaises(ValueError, field.coerce, [1])
        self.assertIn('must be an object, not a list', str(exc))
        exc = self.assertRaises(ValueError, field.coerce, {'a': None})
        self.assertIn('items must not be null', str(exc))
        exc = self.assertRaises(ValueError, field.coerce, {'a': 'x'})
        self.assertIn('must be an integer', str(exc))

    def test_key_length_and_count(self):
        field = f.Dict(max_items=1)
        for key in ('', 'k' * 256):
            exc = self.assertRaises(ValueError, field.coerce, {key: 'v'})
            self.assertIn('keys must be 1 to 255 characters long', str(exc))
        self.assertEqual({'k' * 255: 'v'}, field.coerce({'k' * 255: 'v'}))
        exc = self.assertRaises(ValueError, field.coerce, {'a\x00': 'v'})
        self.assertIn('must not contain NUL characters', str(exc))
        exc = self.assertRaises(ValueError, field.coerce,
                                {'a': '1', 'b': '2'})
        self.assertIn('at most 1 keys', str(exc))


class TestBlobs(base.TestCase):
    def test_blobs_cannot_be_set_as_values(self):
        for field in (f.Blob(), f.Folder()):
            exc = self.assertRaises(ValueError, field.coerce, {'url': 'x'})
            self.assertIn('upload data to it instead', str(exc))
            self.assertIsNone(field.coerce(None))
            self.assertFalse(field.filterable)

    def test_folder_defaults_to_empty(self):
        self.assertEqual({}, f.Folder().get_default())
        self.assertIsNone(f.Blob().get_default())


class TestJsonSchema(base.TestCase):
    def test_nullable_types_allow_null(self):
        self.assertEqual(['string', 'null'],
                         f.String().to_jsonschema()['type'])
        self.assertEqual('integer',
                         f.Integer(nullable=False).to_jsonschema()['type'])
        self.assertEqual(['number', 'null'], f.Float().to_jsonschema()['type'])
        self.assertEqual(['boolean', 'null'],
                         f.Boolean().to_jsonschema()['type'])

    def test_common_keys(self):
        field = f.Integer(mutable=True, required_on_activate=True,
                          system=True, sortable=True, default=3,
                          description='Count.',
                          filter_ops=('eq', 'gt'))
        schema = field.to_jsonschema()
        self.assertEqual('Integer', schema['glareType'])
        self.assertEqual('Count.', schema['description'])
        self.assertTrue(schema['sortable'])
        self.assertTrue(schema['mutable'])
        self.assertTrue(schema['required_on_activate'])
        self.assertTrue(schema['readOnly'])
        self.assertEqual(['eq', 'gt'], schema['filter_ops'])
        self.assertEqual(3, schema['default'])
        self.assertFalse(f.String().to_jsonschema()['readOnly'])
        self.assertNotIn('default', f.String().to_jsonschema())

    def test_glare_type_names(self):
        cases = [
            (f.String(), 'String'), (f.Integer(), 'Integer'),
            (f.Float(), 'Float'), (f.Boolean(), 'Boolean'),
            # Glare's names for a version and a folder.
            (f.DateTime(), 'DateTime'), (f.Version(), 'String'),
            (f.Link(), 'Link'), (f.Blob(), 'Blob'),
            (f.Folder(), 'BlobDict'),
            (f.List(), 'StringList'), (f.Dict(), 'StringDict'),
            (f.List(f.Integer), 'IntegerList'),
            (f.Dict(f.Link), 'LinkDict'),
        ]
        for field, name in cases:
            self.assertEqual(name, field.to_jsonschema()['glareType'])

    def test_validators_appear_in_their_schema_form(self):
        schema = f.String(max_length=20, validators=[
            v.MinStrLen(2), v.AllowedValues(['ab', 'cd'])]).to_jsonschema()
        self.assertEqual(20, schema['maxLength'])
        self.assertEqual(2, schema['minLength'])
        self.assertEqual(['ab', 'cd'], schema['enum'])
        schema = f.Integer(validators=[v.MinNumberSize(0),
                                       v.MaxNumberSize(9)]).to_jsonschema()
        self.assertEqual((0, 9), (schema['minimum'], schema['maximum']))

    def test_formats(self):
        self.assertEqual('date-time', f.DateTime().to_jsonschema()['format'])
        self.assertEqual('uri-reference', f.Link().to_jsonschema()['format'])

    def test_datetime_default_is_shown_on_the_wire(self):
        when = datetime.datetime(2020, 1, 1, 12, 0)
        self.assertEqual('2020-01-01T12:00:00Z',
                         f.DateTime(default=when).to_jsonschema()['default'])

    def test_containers(self):
        schema = f.List(f.Integer, max_items=7).to_jsonschema()
        self.assertEqual(['array', 'null'], schema['type'])
        self.assertEqual(7, schema['maxItems'])
        self.assertEqual({'type': 'integer'}, schema['items'])
        self.assertEqual([], schema['default'])
        schema = f.Dict(f.Boolean, max_items=3).to_jsonschema()
        self.assertEqual(['object', 'null'], schema['type'])
        self.assertEqual(3, schema['maxProperties'])
        self.assertEqual({'type': 'boolean'},
                         schema['additionalProperties'])

    def test_blob_and_folder(self):
        schema = f.Blob(max_blob_size=10).to_jsonschema()
        self.assertEqual(10, schema['maxSize'])
        self.assertEqual(['active', 'saving'],
                         schema['properties']['status']['enum'])
        self.assertEqual([], schema['filter_ops'])
        # What a client may count on finding in a blob, as Glare said.
        self.assertEqual(['size', 'md5', 'sha1', 'sha256', 'external',
                          'status', 'content_type'], schema['required'])
        self.assertIs(False, schema['additionalProperties'])
        blob = {'url': '/artifacts/images/x/image', 'status': 'active',
                'external': False, 'size': 3, 'md5': 'm', 'sha1': 's',
                'sha256': 't', 'content_type': 'text/plain'}
        checker = jsonschema.Draft7Validator(schema)
        self.assertTrue(checker.is_valid(blob))
        self.assertTrue(checker.is_valid(None))
        self.assertFalse(checker.is_valid(dict(blob, extra=1)))
        schema = f.Folder(max_folder_size=100, max_blob_size=10,
                          max_keys=4).to_jsonschema()
        self.assertEqual(100, schema['maxFolderSize'])
        self.assertEqual(4, schema['maxProperties'])
        self.assertEqual(10, schema['additionalProperties']['maxSize'])
        self.assertTrue(jsonschema.Draft7Validator(schema).is_valid(
            {'a/b.yaml': blob}))


class TestSchemaCarriesEveryRule(base.TestCase):
    """What the schema lets a client send is what the server accepts."""

    def _agree(self, field, values):
        checker = jsonschema.Draft7Validator(field.value_schema())
        for value in values:
            try:
                field.coerce(value)
                accepted = True
            except ValueError:
                accepted = False
            self.assertEqual(accepted, checker.is_valid(value), value)

    def test_item_rules_reach_list_schemas(self):
        tags = f.List(f.String(validators=[v.ForbiddenChars(',/'),
                                           v.MinStrLen(1)]))
        self._agree(tags, [['a'], ['a,b'], ['a/b'], [''], ['x' * 256]])

    def test_item_rules_reach_dict_schemas(self):
        sizes = f.Dict(f.Integer(validators=[v.MinNumberSize(0)]))
        self._agree(sizes, [{'a': 1}, {'a': -1}])

    def test_two_pattern_validators_both_hold(self):
        field = f.String(validators=[v.Regex('^[a-z/]+$'),
                                     v.ForbiddenChars('/')])
        self._agree(field, ['abc', 'a/b', 'ABC'])
