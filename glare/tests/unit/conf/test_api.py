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

"""Options of the API service: safe defaults and checked values."""

from oslo_config import cfg

from glare.conf import api
from glare.tests import base


class TestApiOptions(base.TestCase):
    def conf(self, *argv):
        conf = cfg.ConfigOpts()
        api.register_opts(conf)
        conf(list(argv), default_config_files=[])
        return conf

    def test_defaults(self):
        conf = self.conf()
        self.assertEqual('127.0.0.1', conf.bind_host)
        self.assertEqual(9494, conf.bind_port)
        self.assertEqual('keystone', conf.auth_strategy)
        self.assertFalse(conf.allow_insecure_dev_auth)
        # Every built-in type (each one is a glare.artifact_types entry
        # point in setup.cfg).
        self.assertEqual(['images', 'heat_templates', 'heat_environments',
                          'tosca_templates', 'murano_packages', 'secrets',
                          'ovf_packages'], conf.enabled_artifact_types)
        self.assertEqual((25, 1000), (conf.default_api_limit,
                                      conf.max_api_limit))

    def test_list_count_limit_defaults_to_100_and_0_means_all(self):
        conf = self.conf()
        self.assertEqual(100, conf.list_count_limit)
        conf.set_override('list_count_limit', 0)
        self.assertRaises(ValueError, conf.set_override,
                          'list_count_limit', -1)

    def test_auth_strategy_choices(self):
        conf = self.conf()
        for strategy in ('keystone', 'trusted', 'noauth'):
            conf.set_override('auth_strategy', strategy)
            self.assertEqual(strategy, conf.auth_strategy)
        self.assertRaises(ValueError, conf.set_override, 'auth_strategy',
                          'none')

    def test_counts_must_be_positive(self):
        conf = self.conf()
        for name in ('workers', 'threads', 'default_api_limit',
                     'max_api_limit'):
            self.assertRaises(ValueError, conf.set_override, name, 0)

    def test_every_option_is_listed(self):
        self.assertEqual({'DEFAULT': api.opts}, api.list_opts())
        self.assertEqual(len(api.opts), len({o.dest for o in api.opts}))
