"""Rules of the schema API: open to every authenticated project."""

from glare import context
from glare.policies import schemas
from glare.tests import base


class TestSchemaRules(base.TestCase):
    def test_anyone_may_read_schemas(self):
        user = context.RequestContext(project_id='p1', roles=['reader'])
        for rule in schemas.list_rules():
            self.assertTrue(user.can(rule.name, {}, fatal=False), rule.name)
        self.assertEqual({'artifact:type_list', 'artifact:type_get'},
                         {rule.name for rule in schemas.list_rules()})
