"""Rules for the artifact type schemas (``/schemas``)."""

from oslo_policy import policy

from glare.policies import base

rules = [
    policy.DocumentedRuleDefault(
        name='artifact:type_list', check_str=base.ANY,
        description='List the enabled artifact types with their schemas.',
        operations=[{'path': '/schemas', 'method': 'GET'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:type_get', check_str=base.ANY,
        description='Show the schema of one artifact type.',
        operations=[{'path': '/schemas/{type_name}', 'method': 'GET'}],
        scope_types=['project']),
]


def list_rules():
    return rules
