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

"""Rules for artifacts' metadata and lifecycle (``/artifacts``).

The target of a rule is the artifact (``glare.api.authorization.target``:
``owner`` and ``project_id`` are its project, plus ``visibility``,
``status`` and ``type_name``); for list and create it is the caller's
project. A caller who may not read an artifact (``artifact:get``) gets
404 for every operation on it, never 403.
"""

from glare.policies import base

READ_ALL_PROJECTS = 'artifact:read_all_projects'
CREATE = 'artifact:create'
LIST = 'artifact:list'
GET = 'artifact:get'
UPDATE = 'artifact:update'
ACTIVATE = 'artifact:activate'
DEACTIVATE = 'artifact:deactivate'
REACTIVATE = 'artifact:reactivate'
PUBLISH = 'artifact:publish'
DELETE_PRIVATE = 'artifact:delete_private'
DELETE_PUBLIC = 'artifact:delete_public'
DELETE_DEACTIVATED = 'artifact:delete_deactivated'
RESTORE = 'artifact:restore'

_ARTIFACT = '/artifacts/{type_name}/{artifact_id}'
_TYPE = '/artifacts/{type_name}'


_rule = base.project_rule


rules = [
    _rule(READ_ALL_PROJECTS, '%s or %s' % (base.ADMIN, base.SERVICE),
          'See the artifacts of every project in lists and by id, not '
          'only the caller\'s own and public ones.',
          [{'path': _TYPE, 'method': 'GET'},
           {'path': _ARTIFACT, 'method': 'GET'}],
          legacy=base.ADMIN, legacy_name='artifact:list_all_artifacts'),
    _rule(CREATE, base.ADMIN_OR_MEMBER,
          'Create an artifact in the caller\'s project.',
          [{'path': _TYPE, 'method': 'POST'}],
          legacy=base.LEGACY_ANYONE),
    _rule(LIST, base.ANY_READER,
          'List the artifacts the caller can see: its project\'s, public '
          'ones, and every project\'s with artifact:read_all_projects.',
          [{'path': _TYPE, 'method': 'GET'}],
          legacy=base.LEGACY_ANYONE),
    _rule(GET, base.ARTIFACT_READER,
          'Show an artifact. Callers it denies get 404 for every '
          'operation on the artifact.',
          [{'path': _ARTIFACT, 'method': 'GET'}],
          legacy=base.LEGACY_ANYONE),
    _rule(UPDATE, base.ADMIN_OR_MEMBER_PRIVATE,
          'Change the fields of an artifact. Public artifacts are changed '
          'by administrators only.',
          [{'path': _ARTIFACT, 'method': 'PATCH'}],
          legacy=base.LEGACY_OWNER_PRIVATE),
    _rule(ACTIVATE, base.ADMIN_OR_MEMBER,
          'Activate a drafted artifact (PATCH /status active).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}],
          legacy=base.LEGACY_ADMIN_OR_OWNER),
    _rule(DEACTIVATE, base.ADMIN,
          'Deactivate an active artifact (PATCH /status deactivated).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule(REACTIVATE, base.ADMIN,
          'Activate a deactivated artifact again.',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule(PUBLISH, base.ADMIN,
          'Make an active artifact public (PATCH /visibility public).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule(DELETE_PRIVATE, base.ADMIN_OR_MEMBER,
          'Delete a private artifact.',
          [{'path': _ARTIFACT, 'method': 'DELETE'}],
          legacy=base.LEGACY_ADMIN_OR_OWNER),
    _rule(DELETE_PUBLIC, base.ADMIN,
          'Delete a public artifact.',
          [{'path': _ARTIFACT, 'method': 'DELETE'}]),
    _rule(DELETE_DEACTIVATED, base.ADMIN,
          'Delete a deactivated artifact.',
          [{'path': _ARTIFACT, 'method': 'DELETE'}]),
    _rule(RESTORE, base.ADMIN,
          'Restore an artifact deleted with delayed_delete on, before '
          'glare-scrubber purges it (PATCH /status back to the status it '
          'had).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
]


def list_rules():
    return rules
