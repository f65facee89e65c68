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

"""Retention policies, and the versions a policy chooses among."""

from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import transaction

CONTEXT = transaction.CONTEXT
A = models.Artifact
AL = models.ArtifactAlias
R = models.RetentionPolicy


def _as_dict(row):
    return {'project_id': row.project_id, 'type_name': row.type_name,
            'keep_last': row.keep_last, 'keep_days': row.keep_days,
            'updated_at': row.updated_at}


@CONTEXT.writer
def set_policy(context, project_id, type_name, keep_last, keep_days):
    session = context.session
    row = session.get(R, (project_id, type_name), with_for_update=True)
    now = timeutils.utcnow()
    if row is None:
        row = R(project_id=project_id, type_name=type_name,
                keep_last=keep_last, keep_days=keep_days, updated_at=now)
        session.add(row)
    else:
        row.keep_last, row.keep_days, row.updated_at = \
            keep_last, keep_days, now
    session.flush()
    return _as_dict(row)


@CONTEXT.reader
def get_policy(context, project_id, type_name):
    row = context.session.get(R, (project_id, type_name))
    return None if row is None else _as_dict(row)


@CONTEXT.reader
def all_policies(context):
    return [_as_dict(row) for row in context.session.scalars(
        sa.select(R).order_by(R.project_id, R.type_name))]


@CONTEXT.reader
def versions(context, project_id, type_name):
    """The project's artifacts of the type, newest version first per name.

    Dicts with what retention decides on; deleted artifacts are left out.
    """
    aliased = sa.exists().where(AL.artifact_id == A.id)
    rows = context.session.execute(
        sa.select(A.id, A.name, A.version, A.identity_key, A.status,
                  A.visibility, A.consumer_count, A.last_downloaded_at,
                  aliased.label('aliased'))
        .where(A.owner == project_id, A.type_name == type_name,
               A.status != 'deleted')
        .order_by(A.name, A.identity_key, A.version_key.desc(),
                  A.created_at.desc(), A.id))
    return [dict(row._mapping) for row in rows]
