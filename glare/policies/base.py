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

"""The personas every rule is built from, and glare's historic base rules.

Secure RBAC personas (keystone's default roles: ``admin`` implies
``member``, which implies ``reader``):

``admin``           any token with the ``admin`` role: every project's
                    artifacts, publishing, deactivation, internal locations
                    and quotas.
``project member``  ``member`` on the project owning the artifact: creates,
                    changes, activates, uploads to and deletes the
                    project's private artifacts.
``project reader``  ``reader`` on the owning project: lists, shows and
                    downloads, never writes.
``member project``  ``member`` (or ``reader``) on a project a shared
                    artifact is shared with: reads it as the owner's
                    readers do and, as a member, accepts or rejects it;
                    never changes it.
``service``         the ``service`` role, held by the users of other
                    OpenStack services (Nova, Heat...): they read and
                    download any project's artifacts for the user they act
                    for, and write nothing of their own.

Public artifacts are read by every caller, anonymous ones included when
``allow_anonymous_access`` is on (the ``anonymous`` credential);
community ones by every project's readers (glare.db.visibility).
"""

from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
PROJECT_MEMBER = 'rule:project_member'
PROJECT_READER = 'rule:project_reader'
SERVICE = 'rule:service_api'
ANONYMOUS = 'anonymous:True'
PUBLIC = "'public':%(visibility)s"
PRIVATE = "'private':%(visibility)s"
# Private, shared or community: the owner still decides about it.
NOT_PUBLIC = "not 'public':%(visibility)s"
# The member persona of the project an artifact is shared with (the
# target's ``member_id``), deciding whether to accept it.
MEMBER_PROJECT_MEMBER = 'role:member and project_id:%(member_id)s'

ADMIN_OR_MEMBER = '%s or %s' % (ADMIN, PROJECT_MEMBER)
# The owner's members change what is not public; admins anything.
ADMIN_OR_MEMBER_PRIVATE = '%s or (%s and %s)' % (ADMIN, PROJECT_MEMBER,
                                                 NOT_PUBLIC)
# Whoever may read an artifact they can find. *Which* artifacts a caller
# finds is decided once, in SQL (glare.db.visibility: the caller's
# project's, public ones, and every project's for artifact:read_all_projects),
# for lists and shows alike; this rule only says which personas read at
# all: readers of their project, admins, services, anyone for a public one.
ARTIFACT_READER = '%s or %s or role:reader or %s' % (ADMIN, SERVICE, PUBLIC)
# Whoever may call a read-only API at all (what they see is scoped).
ANY_READER = '%s or %s or role:reader or %s' % (ADMIN, SERVICE, ANONYMOUS)

# Names the first rules were written with, now meaning the personas.
OWNER = PROJECT_MEMBER
ADMIN_OR_OWNER = ADMIN_OR_MEMBER
ANY = ARTIFACT_READER

# Glare's defaults before secure RBAC, kept for the deprecated rules: an
# old policy file referring to them keeps working.
LEGACY_ADMIN_OR_OWNER = 'rule:admin_or_owner'
LEGACY_ANYONE = ''
LEGACY_OWNER_PRIVATE = '%s or (project_id:%%(owner)s and %s)' % (
    ADMIN, PRIVATE)

DEPRECATED_SINCE = '2026.1'
DEPRECATED_REASON = (
    'glare now uses keystone\'s default roles (admin, member, reader) and '
    'the service role: readers of a project no longer write its '
    'artifacts, and callers need a role on the project')


def deprecated(name, check_str):
    """The historic default of rule ``name`` (same or former name)."""
    return policy.DeprecatedRule(name=name, check_str=check_str,
                                 deprecated_reason=DEPRECATED_REASON,
                                 deprecated_since=DEPRECATED_SINCE)


def project_rule(name, check_str, description, operations, legacy=None,
                 legacy_name=None):
    """A documented, project-scoped rule.

    ``legacy`` is Glare's former default (of ``legacy_name`` when the
    rule was renamed): with ``[oslo_policy] enforce_new_defaults = false``
    either default allows, and a policy file overriding the former name
    still applies.
    """
    deprecated_rule = None
    if legacy is not None:
        deprecated_rule = deprecated(legacy_name or name, legacy)
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=operations, scope_types=['project'],
        deprecated_rule=deprecated_rule)


rules = [
    policy.RuleDefault(
        name='context_is_admin', check_str='role:admin',
        description='The admin persona: sees and manages the artifacts of '
                    'every project.'),
    policy.RuleDefault(
        name='project_member',
        check_str='role:member and project_id:%(project_id)s',
        description='The project member persona: the member role on the '
                    'project that owns the artifact.'),
    policy.RuleDefault(
        name='project_reader',
        check_str='role:reader and project_id:%(project_id)s',
        description='The project reader persona: the reader role on the '
                    'project that owns the artifact.'),
    policy.RuleDefault(
        name='service_api', check_str='role:service',
        description='The service persona: another OpenStack service '
                    'reading artifacts for the users it acts for.'),
    policy.RuleDefault(
        name='admin_or_owner', check_str='%s or project_id:%%(owner)s' %
        ADMIN,
        description='Glare\'s historic "administrator or any user of the '
                    'owning project", whatever the role. No default uses '
                    'it any more; kept for policy files that do.'),
]


def list_rules():
    return rules
