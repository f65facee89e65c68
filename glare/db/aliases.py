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

"""Aliases: a name (``stable``) for one version among a name's versions.

An alias is unique per type, name, identity and owner; setting it on
another version moves it (one row updated under its lock), and every
move is kept in ``artifact_alias_moves``. Setting an alias moves the
artifact's row version, so a retention run that read the artifact
without aliases cannot delete it once it has one.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import transaction
from glare import exception

CONTEXT = transaction.CONTEXT
A = models.Artifact
AL = models.ArtifactAlias
M = models.ArtifactAliasMove


def _group(artifact):
    """The columns naming the versions an alias chooses among."""
    return {'type_name': artifact['type_name'], 'name': artifact['name'],
            'identity_key': artifact['identity_key'],
            'owner': artifact['owner']}


def _where(group, alias):
    return [AL.type_name == group['type_name'], AL.name == group['name'],
            AL.identity_key == group['identity_key'],
            AL.owner == group['owner'], AL.alias == alias]


def _moved(session, group, alias, from_id, to_id, user_id):
    session.add(M(alias=alias, from_artifact_id=from_id,
                  to_artifact_id=to_id, user_id=user_id,
                  moved_at=timeutils.utcnow(), **group))


@CONTEXT.writer
def set_alias(context, artifact, alias, user_id):
    """Point ``alias`` at ``artifact`` (a dict with its identity).

    Returns the id of the artifact that held it before (None: new;
    the artifact's own id: nothing changed). 404 when the artifact is no
    longer active.
    """
    session = context.session
    result = session.execute(sa.update(A).where(
        A.id == artifact['id'], A.status == 'active').values(
            row_version=A.row_version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise exception.Conflict(
            'Artifact %s is not active: only active versions get '
            'aliases.' % artifact['id'])
    group = _group(artifact)
    now = timeutils.utcnow()
    for _attempt in range(2):
        row = session.scalars(sa.select(AL).where(*_where(group, alias))
                              .with_for_update()
                              .execution_options(populate_existing=True)
                              ).first()
        if row is not None:
            previous = row.artifact_id
            if previous != artifact['id']:
                session.execute(sa.update(AL).where(
                    *_where(group, alias)).values(
                        artifact_id=artifact['id'], updated_at=now))
                _moved(session, group, alias, previous, artifact['id'],
                       user_id)
            return previous
        try:
            with session.begin_nested():
                session.add(AL(alias=alias, artifact_id=artifact['id'],
                               updated_at=now, **group))
                session.flush()
        except db_exc.DBDuplicateEntry:
            continue  # set concurrently: move it from there
        _moved(session, group, alias, None, artifact['id'], user_id)
        return None
    raise exception.Conflict('Alias %s is being changed by another '
                             'request; try again.' % alias)


@CONTEXT.writer
def unset_alias(context, artifact, alias, user_id):
    session = context.session
    group = _group(artifact)
    result = session.execute(sa.delete(AL).where(
        *_where(group, alias), AL.artifact_id == artifact['id']))
    if result.rowcount != 1:
        raise exception.AliasNotFound(id=artifact['id'], alias=alias)
    _moved(session, group, alias, artifact['id'], None, user_id)


@CONTEXT.writer
def remove_all(context, artifact_id, user_id=None):
    """Drop the aliases of an artifact being deleted (history kept)."""
    session = context.session
    rows = list(session.scalars(sa.select(AL).where(
        AL.artifact_id == artifact_id)))
    if not rows:
        return
    session.execute(sa.delete(AL).where(AL.artifact_id == artifact_id))
    for row in rows:
        _moved(session, {'type_name': row.type_name, 'name': row.name,
                         'identity_key': row.identity_key,
                         'owner': row.owner},
               row.alias, artifact_id, None, user_id)


@CONTEXT.reader
def history(context, artifact, limit):
    """The last ``limit`` moves of the aliases of the artifact's name."""
    group = _group(artifact)
    return [{'alias': row.alias, 'from': row.from_artifact_id,
             'to': row.to_artifact_id, 'moved_at': row.moved_at,
             'user_id': row.user_id}
            for row in context.session.scalars(
                sa.select(M).where(
                    M.type_name == group['type_name'],
                    M.name == group['name'],
                    M.identity_key == group['identity_key'],
                    M.owner == group['owner'])
                .order_by(M.id.desc()).limit(limit))]
