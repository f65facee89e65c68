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

"""Members of shared artifacts: the projects they are shared with.

Each function is one transaction (or joins the caller's,
``glare.db.api.transaction``) and returns plain dicts. What a membership
lets a project read is decided in ``glare.db.visibility``.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import quotas as db_quotas
from glare.db import transaction
from glare.db import visibility
from glare import exception

CONTEXT = transaction.CONTEXT
A = models.Artifact
M = models.ArtifactMember

STATUSES = visibility.MEMBER_STATUSES


def _record(row):
    return {'artifact_id': row.artifact_id, 'member': row.member,
            'status': row.status, 'created_at': row.created_at,
            'updated_at': row.updated_at}


@CONTEXT.writer
def add(context, artifact_id, member, limit=-1):
    """Share ``artifact_id`` with project ``member`` (pending).

    The artifact must still be shared when the row is written: its row
    is read under the owner's project lock, which also serializes the
    count against ``limit`` (-1: none; 413 beyond it). 409 when the
    project is a member already.
    """
    session = context.session
    owner = session.scalar(sa.select(A.owner).where(A.id == artifact_id))
    if owner is None:
        raise exception.ArtifactNotFound(id=artifact_id)
    db_quotas.lock_project(session, owner)
    row = session.execute(sa.select(A.visibility, A.status).where(
        A.id == artifact_id)).first()
    if row is None or row.status == 'deleted':
        raise exception.ArtifactNotFound(id=artifact_id)
    if row.visibility != 'shared':
        raise exception.NotShared(id=artifact_id,
                                  visibility=row.visibility)
    if limit >= 0:
        count = session.scalar(sa.select(sa.func.count()).select_from(M)
                               .where(M.artifact_id == artifact_id))
        if count >= limit:
            raise exception.MemberLimitExceeded(id=artifact_id,
                                                limit=limit)
    now = timeutils.utcnow()
    member_row = M(artifact_id=artifact_id, member=member,
                   status='pending', created_at=now, updated_at=now)
    try:
        with session.begin_nested():
            session.add(member_row)
            session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.DuplicateMember(id=artifact_id, member=member)
    return _record(member_row)


@CONTEXT.reader
def get(context, artifact_id, member):
    """One membership; 404 when ``member`` is none of the artifact's."""
    row = context.session.get(M, (artifact_id, member))
    if row is None:
        raise exception.MemberNotFound(id=artifact_id, member=member)
    return _record(row)


@CONTEXT.reader
def list_members(context, artifact_id, member=None):
    """Memberships of an artifact, oldest first (only ``member``'s)."""
    stmt = sa.select(M).where(M.artifact_id == artifact_id)
    if member is not None:
        stmt = stmt.where(M.member == member)
    return [_record(row) for row in context.session.scalars(
        stmt.order_by(M.created_at, M.member))]


@CONTEXT.writer
def set_status(context, artifact_id, member, status):
    """The member's answer; 404 when it is no member.

    Only while the artifact is shared: an answer about an artifact its
    owner stopped sharing would be an answer about nothing (403).
    """
    session = context.session
    shared = sa.select(A.id).where(A.id == artifact_id,
                                   A.visibility == 'shared',
                                   A.status != 'deleted')
    result = session.execute(sa.update(M).where(
        M.artifact_id == artifact_id, M.member == member,
        M.artifact_id.in_(shared)).values(
            status=status, updated_at=timeutils.utcnow())
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        get(context, artifact_id, member)
        visibility_now = session.scalar(
            sa.select(A.visibility).where(A.id == artifact_id))
        raise exception.NotShared(id=artifact_id, visibility=visibility_now)
    return _record(session.scalars(sa.select(M).where(
        M.artifact_id == artifact_id, M.member == member)
        .execution_options(populate_existing=True)).one())


@CONTEXT.writer
def remove(context, artifact_id, member):
    """Stop sharing with ``member``; returns the membership it had."""
    session = context.session
    record = get(context, artifact_id, member)
    session.execute(sa.delete(M).where(M.artifact_id == artifact_id,
                                       M.member == member))
    return record
