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

import testtools

from glare_client import sizes

GiB = 1024 ** 3


class TestSizes(testtools.TestCase):
    def test_parse_binary_and_decimal_units(self):
        for text, count in (('1073741824', GiB), ('1G', GiB), ('1GiB', GiB),
                            ('1g', GiB), (' 1 gib ', GiB),
                            ('500MiB', 500 * 1024 ** 2), ('1.5G', 1.5 * GiB),
                            ('2k', 2048), ('1T', 1024 * GiB),
                            ('2GB', 2 * 10 ** 9), ('1kB', 1000), ('0', 0),
                            ('7B', 7)):
            self.assertEqual(int(count), sizes.parse(text), text)

    def test_parse_refuses_what_is_not_a_size(self):
        for text in ('', 'G', 'lots', '1X', '1.5', '-1G', '1 G B x'):
            error = self.assertRaises(ValueError, sizes.parse, text)
            self.assertIn(repr(text), str(error))

    def test_human(self):
        self.assertEqual('12 B', sizes.human(12))
        self.assertEqual('1.0 KiB', sizes.human(1024))
        self.assertEqual('1.5 MiB', sizes.human(1.5 * 1024 ** 2))
        self.assertEqual('50.0 MiB', sizes.human(50 * 1024 ** 2))
        self.assertEqual('1.0 GiB', sizes.human(GiB))
        self.assertEqual('2048.0 EiB', sizes.human(2 * 1024 ** 7))
