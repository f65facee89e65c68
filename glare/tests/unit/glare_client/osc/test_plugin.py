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

import argparse

import fixtures
import testtools

from glare_client import client
from glare_client.osc import plugin


class FakeInstance:
    """The part of openstackclient's ClientManager the plugin reads."""

    region_name = 'R1'
    interface = 'internal'
    session = object()

    def __init__(self, version):
        self._api_version = {'artifact': version}
        self.asked = None

    def get_endpoint_for_service_type(self, service_type, region_name=None,
                                      interface=None):
        self.asked = (service_type, region_name, interface)
        return 'http://glare.example:9494'


class TestPlugin(testtools.TestCase):
    def test_make_client_uses_the_endpoint_and_session(self):
        instance = FakeInstance('1')
        glare = plugin.make_client(instance)
        self.assertIsInstance(glare, client.Client)
        self.assertEqual(('artifact', 'R1', 'internal'), instance.asked)
        self.assertEqual('http://glare.example:9494',
                         glare.adapter.endpoint_override)
        self.assertIs(instance.session, glare.adapter.session)
        # '1' negotiates; '1.0' is asked for exactly.
        self.assertIsNone(glare._requested_version)
        glare = plugin.make_client(FakeInstance('1.0'))
        self.assertEqual((1, 0), glare._requested_version)

    def test_check_api_version(self):
        self.assertTrue(plugin.check_api_version('1.1'))
        self.assertTrue(plugin.check_api_version('latest'))
        self.assertRaises(ValueError, plugin.check_api_version, '2.0')
        self.assertRaises(ValueError, plugin.check_api_version, 'x')

    def test_option(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'OS_ARTIFACT_API_VERSION', '1.1'))
        parser = plugin.build_option_parser(argparse.ArgumentParser())
        self.assertEqual('1.1', parser.parse_args([]).os_artifact_api_version)
        self.assertEqual('1.0', parser.parse_args(
            ['--os-artifact-api-version', '1.0']).os_artifact_api_version)
