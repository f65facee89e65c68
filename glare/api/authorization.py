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

"""Who may do what to an artifact: the one place it is decided.

Every request about one artifact goes through ``load``: the artifact is
read within the caller's read scope (``glare.db.visibility``: what the
caller cannot find is 404), ``artifact:get`` is checked (a persona that
may not read it also gets 404, never 403), then the rules of what the
request does (403). Use cases that read again to retry after a lost race
(updates, deletions) take a ``guard``: the engine calls it on every
fresh read, so the decision is always made on the state that is written.
"""

from glare.engine import artifacts as engine
from glare import exception
from glare.policies import artifacts as artifact_policy
from glare.policies import consumers as consumer_policy
from glare.policies import members as member_policy

# The engine's names of what a change does -> the rule that allows it.
ACTION_RULES = {
    'update': artifact_policy.UPDATE,
    'activate': artifact_policy.ACTIVATE,
    'deactivate': artifact_policy.DEACTIVATE,
    'reactivate': artifact_policy.REACTIVATE,
    'publish': artifact_policy.PUBLISH,
    'share': member_policy.SHARE,
    'communitize': member_policy.COMMUNITIZE,
    'restore': artifact_policy.RESTORE,
    'delete_private': artifact_policy.DELETE_PRIVATE,
    'delete_public': artifact_policy.DELETE_PUBLIC,
    'delete_deactivated': artifact_policy.DELETE_DEACTIVATED,
    # Deleting or deactivating an artifact that consumers use (1.2).
    'force': consumer_policy.FORCE,
}


def target(artifact):
    """What policy rules see of ``artifact``."""
    return {'owner': artifact.owner, 'project_id': artifact.owner,
            'visibility': artifact.visibility, 'status': artifact.status,
            'type_name': artifact.get_type_name()}


def project_target(context, type_name=None):
    """The target of rules about the caller's own project (list, create)."""
    values = {'owner': context.project_id, 'project_id': context.project_id}
    if type_name is not None:
        values['type_name'] = type_name
    return values


def check(context, artifact, rules=(), extra=None):
    """404 unless the caller may read ``artifact``; 403 unless ``rules``.

    ``extra`` adds values to the rules' target (``consumer_project_id``).
    """
    values = target(artifact)
    values.update(extra or {})
    if not context.can(artifact_policy.GET, values, fatal=False):
        raise exception.ArtifactNotFound(id=artifact.id)
    for rule in rules:
        context.can(rule, values)


def readable(context, artifact):
    """Whether the caller's persona may read ``artifact`` it found."""
    return context.can(artifact_policy.GET, target(artifact), fatal=False)


def check_membership(context, artifact, member_id, rule):
    """403 unless the caller may apply ``rule`` to one membership.

    The artifact was loaded (the caller reads it); the rule also sees
    ``member_id``, the project the membership is about.
    """
    values = target(artifact)
    values['member_id'] = member_id
    context.can(rule, values)


def load(context, artifact_type, artifact_id, *rules, extra=None):
    """The artifact, once the caller may read it and apply ``rules``."""
    artifact = engine.get(context, artifact_type, artifact_id)
    check(context, artifact, rules, extra)
    return artifact


def guard(context):
    """``guard(artifact, actions)`` for the engine's retrying use cases."""
    def authorize(artifact, actions):
        check(context, artifact, [ACTION_RULES[action]
                                  for action in actions])
    return authorize
