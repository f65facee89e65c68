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

"""Rules for sharing: visibility changes and members.

``/artifacts/{type}/{id}/members[/{member_id}]`` (microversion 1.2). The
target is the artifact's (``glare.api.authorization.target``) plus, for
one membership, ``member_id``: the project it is about. Which artifacts
a member project reads is decided in SQL (glare.db.visibility); which
memberships a caller sees, by the engine (the owner's project sees all,
a member project its own).
"""

from glare.policies import base

SHARE = 'artifact:share'
COMMUNITIZE = 'artifact:communitize'
ADD = 'artifact:member_add'
LIST = 'artifact:member_list'
GET = 'artifact:member_get'
SET_STATUS = 'artifact:member_set_status'
REMOVE = 'artifact:member_remove'

_ARTIFACT = '/artifacts/{type_name}/{artifact_id}'
_MEMBERS = _ARTIFACT + '/members'
_MEMBER = _MEMBERS + '/{member_id}'

# Readers of a project that can read the artifact: the owner's, a
# member project's, admins and services.
_MEMBERSHIP_READER = '%s or %s or role:reader' % (base.ADMIN, base.SERVICE)

_rule = base.project_rule

rules = [
    _rule(SHARE, base.ADMIN_OR_MEMBER,
          'Make an active artifact shared with member projects, or private '
          'again (PATCH /visibility shared|private).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule(COMMUNITIZE, base.ADMIN_OR_MEMBER,
          'Make an active artifact community: readable by every project '
          'by id and listed when asked for (PATCH /visibility community).',
          [{'path': _ARTIFACT, 'method': 'PATCH'}]),
    _rule(ADD, base.ADMIN_OR_MEMBER,
          'Share a shared artifact with another project (its membership '
          'starts pending).',
          [{'path': _MEMBERS, 'method': 'POST'}]),
    _rule(LIST, _MEMBERSHIP_READER,
          'List the members of an artifact: all of them for the owning '
          'project, its own membership for a member project.',
          [{'path': _MEMBERS, 'method': 'GET'}]),
    _rule(GET, _MEMBERSHIP_READER,
          'Show one membership (the owning project, or the member '
          'project itself).',
          [{'path': _MEMBER, 'method': 'GET'}]),
    _rule(SET_STATUS, '%s or (%s)' % (base.ADMIN,
                                      base.MEMBER_PROJECT_MEMBER),
          'Accept or reject an artifact shared with the caller\'s project '
          '(or make the answer pending again): the member project decides, '
          'not the owner.',
          [{'path': _MEMBER, 'method': 'PUT'}]),
    _rule(REMOVE, base.ADMIN_OR_MEMBER,
          'Stop sharing an artifact with a project.',
          [{'path': _MEMBER, 'method': 'DELETE'}]),
]


def list_rules():
    return rules
