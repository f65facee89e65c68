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

"""Which URLs an import may fetch (the SSRF guard)."""

import socket

from glare.engine import url_fetch
from glare.tests import base


def resolver(*addresses):
    def resolve(host, port, type=None):
        return [(socket.AF_INET6 if ':' in a else socket.AF_INET,
                 socket.SOCK_STREAM, 6, '', (a, port)) for a in addresses]
    return resolve


class TestCheck(base.TestCase):
    def check(self, url, *addresses):
        return url_fetch.check(url, resolve=resolver(*addresses or
                                                     ('93.184.215.14',)))

    def test_a_public_https_url_is_fetched_at_its_checked_address(self):
        self.assertEqual(('https', 'example.org', 443, '93.184.215.14'),
                         self.check('https://example.org/disk.img'))

    def test_non_public_addresses_are_refused(self):
        for address in ('127.0.0.1', '10.1.2.3', '192.168.0.1',
                        '169.254.169.254', '::1', 'fe80::1', '0.0.0.0',
                        '100.64.0.1', '224.0.0.1'):
            error = self.assertRaises(url_fetch.Refused, self.check,
                                      'http://host.example/x', address)
            self.assertIn(address, str(error))

    def test_one_private_address_among_public_ones_is_enough(self):
        self.assertRaises(url_fetch.Refused, self.check,
                          'http://host.example/x', '93.184.215.14',
                          '10.0.0.1')

    def test_allowed_networks_open_private_ranges(self):
        self.flags(group='blob_import', allowed_networks=['10.0.0.0/8'])
        self.assertEqual('10.1.2.3', self.check('http://mirror.lan/x',
                                                '10.1.2.3')[3])
        self.assertRaises(url_fetch.Refused, self.check,
                          'http://mirror.lan/x', '192.168.1.1')

    def test_schemes_ports_and_hosts(self):
        for url, fragment in (
                ('ftp://example.org/x', 'scheme'),
                ('file:///etc/passwd', 'scheme'),
                ('http://example.org:22/x', 'port 22'),
                ('http:///x', 'no host'),
                ('http://example.org:99999/x', 'malformed')):
            error = self.assertRaises(url_fetch.Refused, self.check, url)
            self.assertIn(fragment, str(error))
        self.flags(group='blob_import', denied_hosts=['.internal.example'])
        self.assertRaises(url_fetch.Refused, self.check,
                          'http://db.internal.example/x')
        self.flags(group='blob_import', allowed_hosts=['images.example'])
        self.assertRaises(url_fetch.Refused, self.check,
                          'http://other.example/x')
        self.assertEqual('images.example',
                         self.check('http://images.example/x')[1])

    def test_port_ranges(self):
        self.flags(group='blob_import', allowed_ports=['443', '8000-8999'])
        self.assertEqual(8080, self.check('http://example.org:8080/x')[2])
        self.assertRaises(url_fetch.Refused, self.check,
                          'http://example.org:80/x')

    def test_a_name_that_does_not_resolve_is_refused(self):
        def fail(*args, **kwargs):
            raise socket.gaierror('no such name')
        error = self.assertRaises(url_fetch.Refused, url_fetch.check,
                                  'http://nowhere.example/x', resolve=fail)
        self.assertIn('does not resolve', str(error))
