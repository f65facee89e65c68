"""glare-api refuses development auth on a public address."""

import fixtures

from glare.cmd import api
from glare import exception
from glare.tests import base


class TestIsLoopback(base.TestCase):
    def test_loopback_addresses(self):
        for host in ('127.0.0.1', '127.1.2.3', '::1', 'localhost'):
            self.assertTrue(api.is_loopback(host), host)

    def test_other_addresses_and_names(self):
        for host in ('0.0.0.0', '::', '10.0.0.5', '192.168.1.1',
                     'glare.example.com', 'localhost.example.com', ''):
            self.assertFalse(api.is_loopback(host), host)


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
