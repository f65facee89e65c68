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

"""Validators: the Python check, its message, and its JSON-Schema form."""

import jsonschema

from glare.objects import validators as v
from glare.tests import base

UUID = '0b4ef9a8-2f3c-4a57-9d5e-0c1f2a3b4c5d'


class TestChecks(base.TestCase):
    def assertRejects(self, validator, value, message):
        exc = self.assertRaises(ValueError, validator, value)
        self.assertIn(message, str(exc))

    def test_allowed_values(self):
        check = v.AllowedValues(['raw', 'qcow2'])
        check('raw')
        self.assertRejects(check, 'vmdk', "must be one of 'raw', 'qcow2', "
                                          "not 'vmdk'")
        self.assertEqual({'enum': ['raw', 'qcow2']}, check.to_jsonschema())

    def test_string_lengths(self):
        v.MaxStrLen(3)('abc')
        self.assertRejects(v.MaxStrLen(3), 'abcd',
                           'must be at most 3 characters long')
        v.MinStrLen(2)('ab')
        self.assertRejects(v.MinStrLen(2), 'a',
                           'must be at least 2 characters long')
        self.assertEqual({'maxLength': 3}, v.MaxStrLen(3).to_jsonschema())
        self.assertEqual({'minLength': 2}, v.MinStrLen(2).to_jsonschema())

    def test_regex_searches(self):
        check = v.Regex('^[a-z]+$')
        check('abc')
        self.assertRejects(check, 'aBc', "must match '^[a-z]+$'")
        # Unanchored patterns match anywhere, as JSON Schema says.
        v.Regex('b')('abc')
        self.assertEqual({'pattern': '^[a-z]+$'}, check.to_jsonschema())

    def test_uuid(self):
        check = v.UUID()
        check(UUID)
        check(UUID.upper())
        for bad in ('', 'not-a-uuid', UUID[:-1], UUID + '0',
                    UUID.replace('-', ''), '{%s}' % UUID,
                    'urn:uuid:' + UUID):
            self.assertRejects(check, bad, 'must be a UUID (8-4-4-4-12 hex '
                                           'digits), not %r' % bad)
        # Glare's words, which clients compare.
        self.assertEqual(
            {'pattern': '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F])'
                        '{4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'},
            check.to_jsonschema())

    def test_number_bounds(self):
        v.MinNumberSize(0)(0)
        self.assertRejects(v.MinNumberSize(0), -1, 'must be at least 0')
        v.MaxNumberSize(1.5)(1.5)
        self.assertRejects(v.MaxNumberSize(1.5), 2, 'must be at most 1.5')
        self.assertEqual({'minimum': 0}, v.MinNumberSize(0).to_jsonschema())
        self.assertEqual({'maximum': 1.5},
                         v.MaxNumberSize(1.5).to_jsonschema())

    def test_list_sizes(self):
        v.MaxListSize(2)([1, 2])
        self.assertRejects(v.MaxListSize(2), [1, 2, 3],
                           'must have at most 2 items')
        v.MinListSize(1)([1])
        self.assertRejects(v.MinListSize(1), [], 'must have at least 1 items')
        self.assertEqual({'maxItems': 2}, v.MaxListSize(2).to_jsonschema())
        self.assertEqual({'minItems': 1}, v.MinListSize(1).to_jsonschema())

    def test_unique(self):
        v.Unique()(['a', 'b'])
        self.assertRejects(v.Unique(), ['a', 'a'],
                           'must not contain duplicates')
        self.assertEqual({'uniqueItems': True}, v.Unique().to_jsonschema())

    def test_collapsing_unique_accepts_repeats_and_says_nothing(self):
        # Repeats are collapsed (tags are a set), so the schema must not
        # tell clients they are invalid.
        v.Unique(collapse=True)(['a', 'a'])
        self.assertEqual({}, v.Unique(collapse=True).to_jsonschema())

    def test_dict_size(self):
        v.MaxDictSize(1)({'a': 1})
        self.assertRejects(v.MaxDictSize(1), {'a': 1, 'b': 2},
                           'must have at most 1 keys')
        self.assertEqual({'maxProperties': 1},
                         v.MaxDictSize(1).to_jsonschema())

    def test_allowed_dict_keys(self):
        check = v.AllowedDictKeys(['b', 'a'])
        check({'a': 1})
        check({})
        self.assertRejects(check, {'a': 1, 'z': 2, 'c': 3},
                           'has keys that are not allowed: c, z')
        self.assertEqual({'propertyNames': {'enum': ['a', 'b']}},
                         check.to_jsonschema())

    def test_required_dict_keys(self):
        check = v.RequiredDictKeys(['b', 'a'])
        check({'a': 1, 'b': 2, 'c': 3})
        self.assertRejects(check, {'c': 1}, 'misses required keys: a, b')
        self.assertEqual({'required': ['a', 'b']}, check.to_jsonschema())

    def test_forbidden_chars(self):
        check = v.ForbiddenChars(',/')
        check('tag-1')
        self.assertRejects(check, 'a/b,c', "must not contain ',' or '/'")
        self.assertEqual({'pattern': '^[^,/]*$'}, check.to_jsonschema())

    def test_kinds(self):
        self.assertEqual(('Integer', 'Float'), v.MinNumberSize.kinds)
        self.assertIsNone(v.AllowedValues.kinds)
        self.assertIn('Folder', v.MaxDictSize.kinds)


class TestSchemaAgreesWithCheck(base.TestCase):
    """A client validating with the schema decides as the server does."""

    CASES = [
        (v.AllowedValues(['a', 'b']), ['a', 'b', 'c', '']),
        (v.AllowedValues([1, 2]), [1, 2, 3, 0]),
        (v.MaxStrLen(3), ['', 'abc', 'abcd', 'ééé', 'éééé']),
        (v.MinStrLen(2), ['', 'a', 'ab', 'abc']),
        (v.Regex('^[a-z]+[0-9]?$'), ['abc', 'abc1', '1abc', 'ab12', '']),
        (v.Regex('x'), ['x', 'axb', 'abc']),
        (v.UUID(), [UUID, UUID.upper(), UUID.replace('-', ''), UUID[:-1],
                    '{%s}' % UUID, 'urn:uuid:' + UUID, 'zz' + UUID[2:]]),
        (v.MinNumberSize(0), [-1, 0, 1, -0.5]),
        (v.MaxNumberSize(10), [9, 10, 11, 10.5]),
        (v.MaxListSize(2), [[], [1, 2], [1, 2, 3]]),
        (v.MinListSize(1), [[], [1]]),
        (v.Unique(), [['a', 'b'], ['a', 'a'], []]),
        (v.Unique(collapse=True), [['a', 'b'], ['a', 'a'], []]),
        (v.MaxDictSize(1), [{}, {'a': 1}, {'a': 1, 'b': 2}]),
        (v.AllowedDictKeys(['a', 'b']), [{}, {'a': 1}, {'c': 1}]),
        (v.RequiredDictKeys(['a']), [{}, {'a': 1}, {'a': 1, 'c': 1}]),
        (v.ForbiddenChars(',/'), ['ok', 'a,b', 'a/b', '', 'a-b']),
        (v.ForbiddenChars('^]-\\'), ['ok', 'a^', 'a]', 'a-b', 'a\\b']),
    ]

    @staticmethod
    def _python_accepts(validator, value):
        try:
            validator(value)
        except ValueError:
            return False
        return True

    def test_decisions_agree(self):
        for validator, values in self.CASES:
            schema = validator.to_jsonschema()
            checker = jsonschema.Draft7Validator(schema)
            for value in values:
                self.assertEqual(
                    self._python_accepts(validator, value),
                    checker.is_valid(value),
                    '%s disagrees with its schema %r on %r' % (
                        type(validator).__name__, schema, value))

    def test_every_validator_is_covered(self):
        covered = {type(validator) for validator, _ in self.CASES}
        declared = {cls for cls in vars(v).values()
                    if isinstance(cls, type) and issubclass(cls, v.Validator)
                    and cls is not v.Validator}
        self.assertEqual(set(), declared - covered)
