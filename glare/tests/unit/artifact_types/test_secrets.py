"""The secrets type as a user storing a key sees it."""

from glare.artifact_types import secrets
from glare import exception
from glare.tests import base

S = secrets.Secret


class TestSecret(base.TestCase):
    def test_fields(self):
        self.assertEqual('secrets', S.get_type_name())
        self.assertEqual(10000, S.field('payload').max_blob_size)
        self.assertEqual('opaque', S.field('secret_type').default)
        self.assertEqual('base64',
                         S.field('payload_content_encoding').default)

    def test_values_are_checked(self):
        for name, value in (('secret_type', 'other'), ('bit_length', 0),
                            ('payload_content_encoding', 'hex'),
                            ('expiration', 'tomorrow')):
            exc = self.assertRaises(exception.InvalidInput, S.coerce_field,
                                    name, value)
            self.assertIn(name, exc.msg)
