"""Notification options are oslo.messaging's, registered by glare."""

from glare.conf import notifications
from glare.tests import base


class TestNotificationOptions(base.TestCase):
    def test_no_driver_and_glare_exchange_by_default(self):
        self.assertEqual([], base.CONF.oslo_messaging_notifications.driver)
        self.assertEqual(notifications.EXCHANGE,
                         base.CONF.control_exchange)
