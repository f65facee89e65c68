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

from glare_client import version_notice

HEADER = version_notice.GIVEN_HEADER


class TestVersionNotice(testtools.TestCase):
    def test_a_normalised_version_is_noticed(self):
        self.assertEqual('version 22.04.3 was stored as 22.4.3 (SemVer)',
                         version_notice.notice('22.04.3',
                                               {'version': '22.4.3'}))
        self.assertEqual('version 1 was stored as 1.0.0 (SemVer)',
                         version_notice.notice(1, {'version': '1.0.0'}))

    def test_the_servers_header_is_believed(self):
        # What the server was given, even when the client sent nothing
        # it could compare (a raw JSON-patch of its own).
        self.assertEqual('version 24.04 was stored as 24.4.0 (SemVer)',
                         version_notice.notice(None, {'version': '24.4.0'},
                                               {HEADER: '24.04'}))

    def test_nothing_to_say(self):
        self.assertIsNone(version_notice.notice('1.2.3',
                                                {'version': '1.2.3'}))
        self.assertIsNone(version_notice.notice(None, {'version': '0.0.0'}))
        self.assertIsNone(version_notice.notice(' 1.2.3 ',
                                                {'version': '1.2.3'}))

    def test_sent_in_patch(self):
        self.assertEqual('2.0', version_notice.sent_in_patch([
            {'op': 'replace', 'path': '/version', 'value': '1.0'},
            {'op': 'replace', 'path': '/name', 'value': 'x'},
            {'op': 'add', 'path': '/version', 'value': '2.0'}]))
        self.assertIsNone(version_notice.sent_in_patch([
            {'op': 'remove', 'path': '/version'}]))
        self.assertIsNone(version_notice.sent_in_patch(None))
