"""Blob store options."""

from glare.conf import opts
from glare.conf import store
from glare.tests import base


class TestStoreOptions(base.TestCase):
    def test_filesystem_store_by_default(self):
        self.assertEqual({'fs': 'file'}, base.CONF.enabled_backends)
        self.assertEqual({}, base.CONF.artifact_type_stores)

    def test_options_reach_the_sample_config(self):
        listed = {opt.name for _, group in opts.list_opts() for opt in group}
        for opt in store.opts:
            self.assertIn(opt.name, listed)
