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

The target of a rule is the artifact (``BaseArtifact.target()``:
``owner`` and ``project_id`` are its project, plus ``visibility``,
``status`` and ``type_name``); for list and create it is the caller's
project. A caller who may not read an artifact (``artifact:get``) gets
404 for every operation on it, never 403.
"""

from glare.policies import base

# Kept for modules that built their check strings on it.
PRIVATE = base.PRIVATE
_ARTIFACT = '/artifacts/{type_name}/{artifact_id}'
_TYPE = '/artifacts/{type_name}'


_rule = base.project_rule


rules = [
    _rule('artifact:read_all_projects', '%s or %s' % (base.ADMIN,
                                                      base.SERVICE),
          'See the artifacts of every project in lists and by id, not '
          'only the caller\'s own and public ones.',
          [{'path': _TYPE, 'method': 'GET'},
           {'path': _ARTIFACT, 'method': 'GET'}],
          legacy=base.ADMIN, legacy_name='artifact:list_all_artifacts'),
    _rule('artifact:create', base.ADMIN_OR_MEMBER,
          'Create an artifact in the caller\'s project.',
          [{'path': _TYPE, 'method': 'POST'}],
          legacy=base.LEGACY_ANYONE),
    _rule('artifact:list', base.ANY_READER,
          'List the artifacts the caller can see: its project\'s, public '
          'ones, and every project\'s with artifact:read_all_projects.',
          [{'path': _TYPE, 'method': 'GET'}],
          legacy=base.LEGACY_ANYONE),
    _rule('artifact:get', base.ARTIFACT_READER,
          'Show an artifact. Callers it denies get 404 for every '
          'operation on the artifact.',
          [{'path': _ARTIFACT, 'method': 'GET'}],
          legacy=base.LEGACY_ANYONE),
    _rule('artifact:update', base.ADMIN_OR_MEMBER_PRIVATE,
          'Change the fields of an artifact. Public artifacts are changed '
          'by administrators only.',
          [{'path': _ARTIFACT, 'method': 'PATCH'}],
          legacy=base.LEGACY_OWNER_PRIVATE),
    _rule('artifact:activate', base.ADMIN_OR_MEMBER,
          'Activate a drafted artifact (PATCH /status active).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}],
          legacy=base.LEGACY_ADMIN_OR_OWNER),
    _rule('artifact:deactivate', base.ADMIN,
          'Deactivate an active artifact (PATCH /status deactivated).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule('artifact:reactivate', base.ADMIN,
          'Activate a deactivated artifact again.',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule('artifact:publish', base.ADMIN,
          'Make an active artifact public (PATCH /visibility public).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule('artifact:delete_private', base.ADMIN_OR_MEMBER,
          'Delete a private artifact.',
          [{'path': _ARTIFACT, 'method': 'DELETE'}],
          legacy=base.LEGACY_ADMIN_OR_OWNER),
    _rule('artifact:delete_public', base.ADMIN,
          'Delete a public artifact.',
          [{'path': _ARTIFACT, 'method': 'DELETE'}]),
    _rule('artifact:delete_deactivated', base.ADMIN,
          'Delete a deactivated artifact.',
          [{'path': _ARTIFACT, 'method': 'DELETE'}]),
    _rule('artifact:restore', base.ADMIN,
          'Restore an artifact deleted with delayed_delete on, before '
          'glare-scrubber purges it (PATCH /status back to the status it '
          'had).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
]


def list_rules():
    return rules
