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

"""glare-api refuses development auth on a public address."""

import fixtures
from oslo_config import cfg

from glare.cmd import api
from glare.conf import api as api_opts
from glare import exception
from glare.tests import base
from glare.wsgi import worker


class TestChooseEmbeddedAuth(base.TestCase):
    """keystone by default; the quick start alone picks dev auth."""

    def conf(self, bind_host, auth_strategy=None):
        """Options as a deployment's config file sets them."""
        path = self.useFixture(fixtures.TempDir()).join('glare.conf')
        with open(path, 'w') as stream:
            stream.write('[DEFAULT]\nbind_host = %s\n' % bind_host)
            if auth_strategy:
                stream.write('auth_strategy = %s\n' % auth_strategy)
        conf = cfg.ConfigOpts()
        api_opts.register_opts(conf)
        conf([], default_config_files=[path])
        return conf

    def test_unconfigured_loopback_start_uses_trusted_tokens(self):
        logger = self.useFixture(fixtures.FakeLogger())
        conf = self.conf('127.0.0.1')
        api.choose_embedded_auth(conf)
        self.assertEqual('trusted', conf.auth_strategy)
        self.assertIn('No auth_strategy configured', logger.output)

    def test_unconfigured_public_start_stays_keystone(self):
        conf = self.conf('0.0.0.0')
        api.choose_embedded_auth(conf)
        self.assertEqual('keystone', conf.auth_strategy)

    def test_a_configured_strategy_is_kept(self):
        for strategy in ('keystone', 'noauth'):
            conf = self.conf('127.0.0.1', strategy)
            api.choose_embedded_auth(conf)
            self.assertEqual(strategy, conf.auth_strategy)


class TestCheckAuthBind(base.TestCase):
    def test_dev_modes_are_allowed_on_loopback(self):
        for strategy in ('trusted', 'noauth'):
            self.flags(auth_strategy=strategy, bind_host='127.0.0.1')
            self.assertIsNone(api.check_auth_bind(base.CONF))

    def test_dev_modes_are_refused_on_a_public_address(self):
        for strategy in ('trusted', 'noauth'):
            self.flags(auth_strategy=strategy, bind_host='0.0.0.0')
            exc = self.assertRaises(exception.GlareException,
                                    api.check_auth_bind,
                                    base.CONF)
            self.assertIn('auth_strategy = %s trusts any client' % strategy,
                          exc.msg)
            self.assertIn('0.0.0.0', exc.msg)
            self.assertIn('allow_insecure_dev_auth', exc.msg)

    def test_operator_may_insist_and_is_warned(self):
        logger = self.useFixture(fixtures.FakeLogger())
        self.flags(auth_strategy='trusted', bind_host='0.0.0.0',
                   allow_insecure_dev_auth=True)
        self.assertIsNone(api.check_auth_bind(base.CONF))
        self.assertIn('anyone who reaches it can act as any user',
                      logger.output)

    def test_keystone_is_allowed_everywhere(self):
        self.flags(auth_strategy='keystone', bind_host='0.0.0.0')
        self.assertIsNone(api.check_auth_bind(base.CONF))


class TestServerOptions(base.TestCase):
    def test_glare_worker_with_the_configuration(self):
        conf = cfg.ConfigOpts()
        api_opts.register_opts(conf)
        conf([])
        conf.set_override('threads', 3)
        options = api.server_options(conf)
        self.assertIs(worker.Worker, options['worker_class'])
        self.assertEqual((3, '127.0.0.1:9494'), (
            options['threads'], options['bind']))
        self.assertEqual(worker.LIMIT_REQUEST_LINE,
                         options['limit_request_line'])
        server = api.Server(None, options, conf)
        # The workers read the client timeouts from it.
        self.assertIs(conf, server.conf)
        self.assertIs(worker.Worker, server.cfg.worker_class)


class TestCommandLineAddress(base.TestCase):
    def test_host_and_port_win_over_the_configuration(self):
        conf = cfg.ConfigOpts()
        api_opts.register_opts(conf)
        conf.register_cli_opts(api.CLI_OPTS)
        conf(['--host', '0.0.0.0', '--port', '8080'])
        api.apply_cli_address(conf)
        self.assertEqual(('0.0.0.0', 8080), (conf.bind_host,
                                             conf.bind_port))
        self.assertEqual('0.0.0.0:8080', api.server_options(conf)['bind'])

    def test_without_them_the_configuration_stands(self):
        conf = cfg.ConfigOpts()
        api_opts.register_opts(conf)
        conf.register_cli_opts(api.CLI_OPTS)
        conf([])
        api.apply_cli_address(conf)
        self.assertEqual(('127.0.0.1', 9494), (conf.bind_host,
                                               conf.bind_port))
