"""Delayed delete options."""

from glare.tests import base


class TestScrubberOptions(base.TestCase):
    def test_delete_is_immediate_by_default(self):
        self.assertFalse(base.CONF.delayed_delete)
        self.assertEqual(0, base.CONF.scrub_time)
        self.assertEqual(1, base.CONF.scrub_pool_size)
