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

"""Writing artifacts and quotas imported from another deployment.

An imported artifact keeps the id, owner, status, visibility and
timestamps it had; its blobs keep their digests and store locations.
Each artifact is written in one transaction of its own, so an import
stopped half-way is resumed by running it again. The engine
(glare.engine.glare_import) decides what to write; here it is written.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import deletions
from glare.db import models
from glare.db import records
from glare.db import transaction
from glare import exception

A = models.Artifact
B = models.ArtifactBlob
Q = models.Quota

PUBLIC_SCOPE = 'public'


@transaction.CONTEXT.reader
def existing(context, artifact_id):
    """``(type_name, row_version, updated_at)`` of an artifact, or None.

    Deleted artifacts awaiting the scrubber count too: their id is taken.
    """
    row = context.session.execute(sa.select(
        A.type_name, A.row_version, A.updated_at).where(
            A.id == artifact_id)).first()
    return tuple(row) if row is not None else None


class _Checked(Exception):
    """Rolls back a write that was only a check."""


def write(context, values, properties, tags, blobs, replace=None,
          check_only=False):
    """Insert an artifact as it was elsewhere, with its parts.

    ``values`` are the artifacts columns (``type_name`` included),
    ``properties`` the rows of glare.db.mapping.to_rows, ``blobs`` the
    artifact_blobs columns of each blob. ``replace`` is the row version
    of an earlier import of the same artifact to write over: it must
    still be at that version (not changed in glare since), else
    ``ConcurrentUpdate``. An identity already taken by another artifact
    is ``Duplicate``. Returns the deletions queued for data the replaced
    import referenced and the new one does not.

    ``check_only`` writes everything and rolls it back: the same errors,
    nothing kept (an import's dry run).
    """
    try:
        return _write(context, values, properties, tags, blobs, replace,
                      check_only)
    except _Checked:
        return []
    except db_exc.DBDataError as exc:
        # A value longer than its column (checks above the database
        # should have caught it): this artifact, not the whole import.
        raise exception.BadRequest('the database refused it: %s' % (
            exc.inner_exception or exc))


@transaction.CONTEXT.writer
def _write(context, values, properties, tags, blobs, replace, check_only):
    session = context.session
    queued = []
    if replace is not None:
        kept = {blob['location'] for blob in blobs if blob.get('location')}
        old = session.execute(sa.select(B.location, B.backend).where(
            B.artifact_id == values['id'], B.external.is_(False),
            B.location.is_not(None))).all()
        result = session.execute(sa.delete(A).where(
            A.id == values['id'], A.row_version == replace))
        if result.rowcount != 1:
            raise exception.ConcurrentUpdate(id=values['id'])
        queued = [deletions.queue(session, location, backend)
                  for location, backend in old if location not in kept]
    now = timeutils.utcnow()
    row = A(row_version=1,
            unique_scope=PUBLIC_SCOPE if values['visibility'] == 'public'
            else values['owner'], **values)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.Duplicate(
            type_name=values['type_name'], name=values['name'],
            version=values['version'],
            scope='cloud (public artifacts)'
            if values['visibility'] == 'public' else 'project')
    records.insert_parts(session, row.id, properties, tags)
    for blob in blobs:
        session.add(B(artifact_id=row.id, created_at=values['updated_at'],
                      updated_at=now, **blob))
    session.flush()
    if check_only:
        raise _Checked()
    return queued


@transaction.CONTEXT.reader
def holder(context, locations, artifact_id):
    """The blob of another artifact holding data at one of ``locations``.

    ``<artifact id>/<field>[/<key>]``, or None.
    """
    row = context.session.execute(sa.select(
        B.artifact_id, B.field_name, B.key_name).where(
            B.location.in_(list(locations)),
            B.artifact_id != artifact_id).limit(1)).first()
    if row is None:
        return None
    return '/'.join(part for part in row if part)


@transaction.CONTEXT.reader
def locations(context, artifact_id):
    """Where an artifact's stored blob data is: ``{(location, backend)}``."""
    return set(context.session.execute(sa.select(B.location, B.backend).where(
        B.artifact_id == artifact_id, B.location.is_not(None))).all())


@transaction.CONTEXT.writer
def set_quota(context, project_id, name, value):
    """Make one quota override of a project ``value``.

    Returns False when it already was. Other overrides of the project
    are left as they are.
    """
    session = context.session
    row = session.get(Q, (project_id, name))
    if row is not None and row.value == value:
        return False
    if row is None:
        session.add(Q(project_id=project_id, name=name, value=value))
    else:
        row.value = value
    return True


@transaction.CONTEXT.reader
def quota(context, project_id, name):
    row = context.session.get(Q, (project_id, name))
    return None if row is None else row.value
