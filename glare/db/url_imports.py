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

"""Database side of imports from URLs: their status and failure reason."""

import collections

from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import transaction
from glare import exception

B = models.ArtifactBlob
IMP = models.BlobImport

Import = collections.namedtuple(
    'Import', 'id artifact_id type_name field_name key_name url sha256 '
              'upload_id status reason created_at updated_at')
_COLUMNS = [getattr(IMP, name) for name in Import._fields]


@transaction.CONTEXT.writer
def create(context, values):
    now = timeutils.utcnow()
    context.session.add(IMP(status='running', created_at=now,
                            updated_at=now, **values))
    context.session.flush()
    return get(context, values['id'])


@transaction.CONTEXT.reader
def get(context, import_id):
    row = context.session.execute(sa.select(*_COLUMNS).where(
        IMP.id == import_id)).first()
    if row is None:
        raise exception.NotFound('Import %s does not exist.' % import_id)
    return Import(*row)


@transaction.CONTEXT.writer
def finish(context, import_id, reason=None):
    """Record how an import ended: failed with ``reason``, or succeeded."""
    context.session.execute(sa.update(IMP).where(IMP.id == import_id).values(
        status='failed' if reason else 'succeeded',
        reason=reason[:4000] if reason else None,
        updated_at=timeutils.utcnow()))


# Why a running import whose claim is gone failed.
_STOPPED = ('The import stopped: the API process running it ended before '
            'it finished, and the blob went back to what it was.')


@transaction.CONTEXT.writer
def fail_stopped(context):
    """Mark failed the running imports whose claim on their blob is gone.

    Their process died (the claim was released or taken over). Returns
    how many.
    """
    holding = sa.select(B.upload_id).where(
        B.artifact_id == IMP.artifact_id, B.upload_id == IMP.upload_id)
    result = context.session.execute(sa.update(IMP).where(
        IMP.status == 'running', ~holding.exists()).values(
            status='failed', reason=_STOPPED,
            updated_at=timeutils.utcnow())
        .execution_options(synchronize_session=False))
    return result.rowcount
