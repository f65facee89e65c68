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

"""Sharing an artifact with chosen projects: its members.

The owner's project adds and removes members of a ``shared`` artifact;
each member project answers (``accepted``, ``rejected``, or ``pending``
again). What an answer lets the member read is glare.db.visibility's
business; here are the rules of memberships themselves. Callers
authorize first (glare.api.authorization); the artifact they pass is
one the caller can read.
"""

import re

from oslo_config import cfg
from oslo_log import log

from glare.db import api as db_api
from glare.db import members as db_members
from glare.engine import notifications
from glare import exception
from glare.objects import fields as f

LOG = log.getLogger(__name__)
CONF = cfg.CONF

STATUSES = db_members.STATUSES
# Keystone project ids are at most 64 characters (uuid hex by default;
# LDAP and federated backends use other names of these characters).
PROJECT_ID = re.compile(r'^[A-Za-z0-9_-]{1,64}$')


def check_project_id(member):
    """400 unless ``member`` has the form of a project id."""
    if not isinstance(member, str) or not PROJECT_ID.match(member):
        raise exception.BadRequest(
            'Invalid member %r: a member is a project id, 1 to 64 letters, '
            'digits, "-" or "_".' % (member,))
    return member


def check_status(status):
    if not isinstance(status, str) or status not in STATUSES:
        raise exception.BadRequest(
            'Invalid member status %r: it is one of %s.' % (
                status, ', '.join(STATUSES)))
    return status


def _sees_all(context, artifact):
    """Whether the caller sees every membership of ``artifact``."""
    return context.all_projects or context.project_id == artifact.owner


def _payload(artifact, record):
    return {'artifact_id': artifact.id,
            'type_name': artifact.get_type_name(),
            'owner': artifact.owner,
            'member_id': record['member'],
            'status': record['status'],
            'created_at': f.format_datetime(record['created_at']),
            'updated_at': f.format_datetime(record['updated_at'])}


def _check_writable(artifact):
    if artifact.read_only:
        raise exception.Forbidden(
            'Artifact type %s is a read-only view; use the artifact\'s own '
            'type to change its members.' % artifact.get_type_name())


def add(context, artifact, member):
    """Share ``artifact`` with project ``member``: pending membership.

    400 for a malformed project id or the owner itself, 403 unless the
    artifact is shared, 409 for a member already there, 413 beyond
    ``max_artifact_members``.
    """
    _check_writable(artifact)
    check_project_id(member)
    if member == artifact.owner:
        raise exception.BadRequest(
            'Project %s owns artifact %s; it cannot be a member of it.' % (
                member, artifact.id))
    if artifact.visibility != 'shared':
        raise exception.NotShared(id=artifact.id,
                                  visibility=artifact.visibility)
    with db_api.transaction(context):
        record = db_members.add(context, artifact.id, member,
                                CONF.max_artifact_members)
        notifications.notify(context, 'member.create',
                             _payload(artifact, record))
    LOG.info('Shared %s artifact %s with project %s',
             artifact.get_type_name(), artifact.id, member)
    return record


def list_members(context, artifact):
    """The memberships the caller sees: all, or its project's own."""
    only = None if _sees_all(context, artifact) else \
        (context.project_id or '')
    return db_members.list_members(context, artifact.id, member=only)


def get(context, artifact, member):
    """One membership; 404 for one the caller may not see."""
    if not _sees_all(context, artifact) and member != context.project_id:
        raise exception.MemberNotFound(id=artifact.id, member=member)
    return db_members.get(context, artifact.id, member)


def set_status(context, artifact, member, status):
    """The member project's answer: accepted, rejected or pending."""
    _check_writable(artifact)
    check_status(status)
    record = get(context, artifact, member)
    if artifact.visibility != 'shared':
        raise exception.NotShared(id=artifact.id,
                                  visibility=artifact.visibility)
    if record['status'] == status:
        return record
    with db_api.transaction(context):
        record = db_members.set_status(context, artifact.id, member, status)
        notifications.notify(context, 'member.update',
                             _payload(artifact, record))
    LOG.info('Project %s %s %s artifact %s', member,
             {'accepted': 'accepted', 'rejected': 'rejected',
              'pending': 'has not answered about'}[status],
             artifact.get_type_name(), artifact.id)
    return record


def remove(context, artifact, member):
    """Stop sharing ``artifact`` with ``member``."""
    _check_writable(artifact)
    with db_api.transaction(context):
        record = db_members.remove(context, artifact.id, member)
        notifications.notify(context, 'member.delete',
                             _payload(artifact, record))
    LOG.info('Stopped sharing %s artifact %s with project %s',
             artifact.get_type_name(), artifact.id, member)
    return record
