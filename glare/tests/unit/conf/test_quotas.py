"""Quota defaults."""

from glare.tests import base


class TestQuotaOptions(base.TestCase):
    def test_unlimited_by_default(self):
        self.assertEqual(-1, base.CONF.max_artifact_number)
        self.assertEqual(-1, base.CONF.max_uploaded_data)
        self.assertEqual([], base.CONF.type_quotas)
