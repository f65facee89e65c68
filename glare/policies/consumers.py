# Copyright 2026 The glare Authors.
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License. You may obtain
#    a copy of the License at
#
#         http://www.apache.org/licenses/LICENSE-2.0
#
#    Unless required by applicable law or agreed to in writing, software
#    distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
#    WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
#    License for the specific language governing permissions and limitations
#    under the License.

"""Rules for the version lifecycle: consumers, aliases, retention (1.2).

Consumer rules see the artifact's target (``glare.api.authorization``)
plus ``consumer_project_id``, the project of the consumer; the artifact
must first be readable by the caller (404 otherwise). Retention rules
see the caller's project.
"""

from glare.policies import base

REGISTER = 'artifact:consumer_register'
UNREGISTER = 'artifact:consumer_unregister'
LIST = 'artifact:consumer_list'
SEE_ALL_CONSUMERS = 'artifact:consumer_see_all_projects'
FORCE = 'artifact:force_in_use'
ALIAS_SET = 'artifact:alias_set'
ALIAS_UNSET = 'artifact:alias_unset'
ALIAS_LIST = 'artifact:alias_list'
RETENTION_SET = 'artifact:retention_set'
RETENTION_GET = 'artifact:retention_get'

_CONSUMERS = '/artifacts/{type_name}/{artifact_id}/consumers'
_CONSUMER = _CONSUMERS + '/{consumer_id}'
_ALIASES = '/artifacts/{type_name}/{artifact_id}/aliases'
_RETENTION = '/retention/{type_name}'

# The service persona for any project; a member of the consumer's
# project (for an artifact it can read); admin.
CONSUMER_WRITER = '%s or %s or (role:member and ' \
    'project_id:%%(consumer_project_id)s)' % (base.ADMIN, base.SERVICE)

_rule = base.project_rule

rules = [
    _rule(REGISTER, CONSUMER_WRITER,
          'Register a consumer (an instance, a stack...) of an artifact '
          'the caller can read: services for any project, members for '
          'their own project.',
          [{'path': _CONSUMER, 'method': 'PUT'}]),
    _rule(UNREGISTER, CONSUMER_WRITER,
          'Remove a consumer of an artifact.',
          [{'path': _CONSUMER, 'method': 'DELETE'}]),
    _rule(LIST, base.ARTIFACT_READER,
          'List the consumers of an artifact the caller can read, and '
          'the artifacts a consumer uses (/consumers).',
          [{'path': _CONSUMERS, 'method': 'GET'},
           {'path': '/consumers', 'method': 'GET'},
           {'path': '/consumers/{consumer_id}', 'method': 'GET'}]),
    _rule(SEE_ALL_CONSUMERS, '%s or %s' % (base.ADMIN, base.SERVICE),
          'See the ids of consumers of every project; others see only '
          'their own project\'s.',
          [{'path': _CONSUMERS, 'method': 'GET'},
           {'path': '/consumers', 'method': 'GET'}]),
    _rule(FORCE, base.ADMIN,
          'Delete or deactivate an artifact that consumers still use '
          '(?force=true).',
          [{'path': '/artifacts/{type_name}/{artifact_id}',
            'method': 'DELETE'},
           {'path': '/artifacts/{type_name}/{artifact_id}',
            'method': 'PATCH'}]),
    _rule(ALIAS_SET, base.ADMIN_OR_MEMBER,
          'Point an alias of the artifact\'s name at the artifact.',
          [{'path': _ALIASES + '/{alias}', 'method': 'PUT'}]),
    _rule(ALIAS_UNSET, base.ADMIN_OR_MEMBER,
          'Remove an alias from the artifact.',
          [{'path': _ALIASES + '/{alias}', 'method': 'DELETE'}]),
    _rule(ALIAS_LIST, base.ARTIFACT_READER,
          'Show the aliases of an artifact and their last moves.',
          [{'path': _ALIASES, 'method': 'GET'}]),
    _rule(RETENTION_SET, base.ADMIN_OR_MEMBER,
          'Set the retention policy of the caller\'s project for a type.',
          [{'path': _RETENTION, 'method': 'PUT'}]),
    _rule(RETENTION_GET, '%s or %s' % (base.ADMIN, base.PROJECT_READER),
          'Show the retention policy of the caller\'s project and what a '
          'run would delete.',
          [{'path': _RETENTION, 'method': 'GET'},
           {'path': _RETENTION + '/preview', 'method': 'GET'}]),
]


def list_rules():
    return rules
