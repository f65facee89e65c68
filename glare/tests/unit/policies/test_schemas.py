"""Rules of the schema API: every reader, and anonymous callers."""

from glare import context
from glare.policies import schemas
from glare.tests import base
from glare.tests.unit.policies import test_artifacts as common


class TestSchemaRules(base.TestCase):
    def test_every_persona_reads_schemas(self):
        for rule in schemas.list_rules():
            self.assertEqual(common.EVERYONE, common.allowed(rule.name, {}),
                             rule.name)
        self.assertEqual({'artifact:type_list', 'artifact:type_get'},
                         {rule.name for rule in schemas.list_rules()})

    def test_a_role_on_the_project_is_needed(self):
        nobody = context.RequestContext(project_id='p1', roles=['custom'])
        for rule in schemas.list_rules():
            self.assertFalse(nobody.can(rule.name, {}, fatal=False))
