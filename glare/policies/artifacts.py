"""Rules for artifacts' metadata and lifecycle (``/artifacts``).

Reading someone else's private artifact is never a policy decision: such
artifacts are invisible (404) to every non-admin caller.
"""

from oslo_policy import policy

from glare.policies import base

PRIVATE = "'private':%(visibility)s"
_ARTIFACT = '/artifacts/{type_name}/{artifact_id}'

rules = [
    policy.DocumentedRuleDefault(
        name='artifact:create', check_str=base.ANY,
        description='Create an artifact in the caller\'s project.',
        operations=[{'path': '/artifacts/{type_name}', 'method': 'POST'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:list', check_str=base.ANY,
        description='List the artifacts the caller can see.',
        operations=[{'path': '/artifacts/{type_name}', 'method': 'GET'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:get', check_str=base.ANY,
        description='Show an artifact the caller can see.',
        operations=[{'path': _ARTIFACT, 'method': 'GET'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:update',
        check_str='%s or (%s and %s)' % (base.ADMIN, base.OWNER, PRIVATE),
        description='Change the fields of an artifact. Public artifacts '
                    'are changed by administrators only.',
        operations=[{'path': _ARTIFACT, 'method': 'PATCH'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:activate', check_str=base.ADMIN_OR_OWNER,
        description='Activate a drafted artifact (PATCH /status active).',
        operations=[{'path': _ARTIFACT, 'method': 'PATCH'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:deactivate', check_str=base.ADMIN,
        description='Deactivate an active artifact (PATCH /status '
                    'deactivated).',
        operations=[{'path': _ARTIFACT, 'method': 'PATCH'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:reactivate', check_str=base.ADMIN,
        description='Activate a deactivated artifact again.',
        operations=[{'path': _ARTIFACT, 'method': 'PATCH'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:publish', check_str=base.ADMIN,
        description='Make an active artifact public (PATCH /visibility '
                    'public).',
        operations=[{'path': _ARTIFACT, 'method': 'PATCH'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:delete_private', check_str=base.ADMIN_OR_OWNER,
        description='Delete a private artifact.',
        operations=[{'path': _ARTIFACT, 'method': 'DELETE'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:delete_public', check_str=base.ADMIN,
        description='Delete a public artifact.',
        operations=[{'path': _ARTIFACT, 'method': 'DELETE'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:delete_deactivated', check_str=base.ADMIN,
        description='Delete a deactivated artifact.',
        operations=[{'path': _ARTIFACT, 'method': 'DELETE'}],
        scope_types=['project']),
]


def list_rules():
    return rules
