"""Rules for blob data (``/artifacts/{type}/{id}/{blob}[/{key}]``)."""

from oslo_policy import policy

from glare.policies import artifacts
from glare.policies import base

_BLOB = '/artifacts/{type_name}/{artifact_id}/{blob}[/{key}]'

rules = [
    policy.DocumentedRuleDefault(
        name='artifact:upload',
        check_str='%s or (%s and %s)' % (base.ADMIN, base.OWNER,
                                         artifacts.PRIVATE),
        description='Upload data to a blob of an artifact.',
        operations=[{'path': _BLOB, 'method': 'PUT'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:download', check_str=base.ANY,
        description='Download the data of a blob of an artifact the caller '
                    'can see.',
        operations=[{'path': _BLOB, 'method': 'GET'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name='artifact:download_deactivated', check_str=base.ADMIN,
        description='Download blob data of a deactivated artifact.',
        operations=[{'path': _BLOB, 'method': 'GET'}],
        scope_types=['project']),
]


def list_rules():
    return rules
