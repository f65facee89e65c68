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
        self.assertEqual('trusted', conf.auth_strategy)
        self.assertFalse(conf.allow_insecure_dev_auth)
        # Every built-in type (each one is a glare.artifact_types entry
        # point in setup.cfg).
        self.assertEqual(['images', 'heat_templates', 'heat_environments',
                          'tosca_templates', 'murano_packages', 'secrets',
                          'ovf_packages'], conf.enabled_artifact_types)
        self.assertEqual((25, 1000), (conf.default_api_limit,
                                      conf.max_api_limit))

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
