"""Rules for the artifact type schemas (``/schemas``)."""

from glare.policies import base

rules = [
    base.project_rule(
        'artifact:type_list', base.ANY_READER,
        'List the enabled artifact types with their schemas.',
        [{'path': '/schemas', 'method': 'GET'}],
        legacy=base.LEGACY_ANYONE),
    base.project_rule(
        'artifact:type_get', base.ANY_READER,
        'Show the schema of one artifact type.',
        [{'path': '/schemas/{type_name}', 'method': 'GET'}],
        legacy=base.LEGACY_ANYONE),
]


def list_rules():
    return rules
