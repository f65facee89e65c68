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

"""SemVer parsing and the sort key the database orders versions by."""

import testtools

from glare import exception
from glare.objects import semver


class TestParse(testtools.TestCase):
    def test_short_forms_are_normalised(self):
        self.assertEqual('1.0.0', semver.normalize('1'))
        self.assertEqual('1.2.0', semver.normalize('1.2'))
        self.assertEqual('1.2.3', semver.normalize(' 1.2.3 '))
        self.assertEqual('2.0.0', semver.normalize(2))

    def test_leading_zeros_in_numbers_are_dropped(self):
        self.assertEqual('22.4.0', semver.normalize('22.04'))
        self.assertEqual('1.2.3', semver.normalize('01.02.003'))

    def test_pre_release_and_build_are_kept(self):
        self.assertEqual('1.0.0-rc.1+build.5',
                         semver.normalize('1.0.0-rc.1+build.5'))

    def test_invalid_versions_are_rejected_with_the_reason(self):
        for text in ('', 'a', '1.', '1.2.3.4', '1.0.0-', '1.0.0+',
                     '1.0.0-01', '1.0.0-a..b', 'v1.0'):
            exc = self.assertRaises(exception.InvalidVersion,
                                    semver.normalize, text)
            self.assertEqual(400, exc.code)
            self.assertIn(repr(text), exc.msg)

    def test_non_strings_are_rejected(self):
        for value in (None, True, [1], {'a': 1}):
            self.assertRaises(exception.InvalidVersion, semver.normalize,
                              value)

    def test_too_long_pre_release_is_rejected(self):
        self.assertRaises(exception.InvalidVersion, semver.normalize,
                          '1.0.0-' + 'a' * 200)


class TestSortKey(testtools.TestCase):
    def test_semver_spec_precedence_example(self):
        # The precedence chain of semver.org, section 11.
        ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta',
                   '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11',
                   '1.0.0-rc.1', '1.0.0', '2.0.0-beta', '2.0.0', '2.1.0',
                   '2.1.1', '10.0.0']
        keys = [semver.sort_key(v) for v in ordered]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(set(keys)), len(keys))

    def test_numbers_compare_numerically(self):
        self.assertLess(semver.sort_key('1.9.0'), semver.sort_key('1.10.0'))
        self.assertLess(semver.sort_key('1.0.0-9'),
                        semver.sort_key('1.0.0-10'))

    def test_numeric_identifier_precedes_alphanumeric(self):
        self.assertLess(semver.sort_key('1.0.0-999'),
                        semver.sort_key('1.0.0-a'))

    def test_build_metadata_does_not_change_precedence(self):
        self.assertEqual(semver.sort_key('1.0.0+a'),
                         semver.sort_key('1.0.0+b'))

    def test_key_is_collation_proof(self):
        # Only digits and lowercase hex letters: every database collation
        # orders such strings alike.
        key = semver.sort_key('1.0.0-Alpha-Z.7.zz')
        self.assertRegex(key, '^[0-9a-f]+$')
