"""The murano_packages type as a package author sees it."""

from glare.artifact_types import murano_packages
from glare import exception
from glare.tests import base

M = murano_packages.MuranoPackage


class TestMuranoPackage(base.TestCase):
    def test_fields(self):
        self.assertEqual('murano_packages', M.get_type_name())
        self.assertEqual('Application', M.field('type').default)
        self.assertEqual('LinkList', M.field('dependencies').glare_type)

    def test_values_are_checked(self):
        exc = self.assertRaises(exception.InvalidInput, M.coerce_field,
                                'type', 'Plugin')
        self.assertIn('type', exc.msg)
        exc = self.assertRaises(exception.InvalidInput, M.coerce_field,
                                'class_definitions', ['a', 'a'])
        self.assertIn('must not contain duplicates', exc.msg)
        exc = self.assertRaises(exception.InvalidInput, M.coerce_field,
                                'dependencies', ['/artifacts/images/1'])
        self.assertIn('must link to a murano_packages', exc.msg)
