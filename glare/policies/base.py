"""Rules other rules are built from."""

from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
OWNER = 'project_id:%(owner)s'
ADMIN_OR_OWNER = 'rule:admin_or_owner'
ANY = ''

rules = [
    policy.RuleDefault(
        name='context_is_admin', check_str='role:admin',
        description='Who is an administrator: sees and manages the '
                    'artifacts of every project.'),
    policy.RuleDefault(
        name='admin_or_owner', check_str='%s or %s' % (ADMIN, OWNER),
        description='An administrator, or a member of the project that '
                    'owns the artifact.'),
]


def list_rules():
    return rules
