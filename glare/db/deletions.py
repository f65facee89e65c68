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

"""The queue of stored data to delete (``blob_data_deletions``).

Data is queued in the transaction that stops referencing it, and removed
from the store afterwards (by the request, or by glare-scrubber when the
store failed): a failing store never loses track of it.
"""

import collections

from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import models
from glare.db import transaction

B = models.ArtifactBlob
D = models.BlobDataDeletion

# A queued deletion: stored data at ``location``, or, with ``upload_id``,
# the partial data that upload left in ``backend``.
Deletion = collections.namedtuple('Deletion', 'id location backend upload_id')


def queue(session, location, backend, upload_id=None):
    entry = D(location=location, backend=backend, upload_id=upload_id,
              created_at=timeutils.utcnow(), attempts=0)
    session.add(entry)
    session.flush()
    return Deletion(entry.id, location, backend, upload_id)


def queue_partial(session, upload_id, backend):
    """Queue what upload ``upload_id`` may have written to ``backend``."""
    return queue(session, '', backend, upload_id)


def queue_partial_uploads(session, artifact_id):
    """Queue the partial data of every upload running into an artifact.

    For deletions of the artifact: its uploads find their blob gone and
    remove their own data, unless their process died meanwhile.
    """
    return [queue_partial(session, row.upload_id, row.upload_backend)
            for row in session.execute(sa.select(
                B.upload_id, B.upload_backend).where(
                    B.artifact_id == artifact_id,
                    B.upload_id.is_not(None)))]


@transaction.CONTEXT.writer
def done(context, entry_id):
    context.session.execute(sa.delete(D).where(D.id == entry_id))


@transaction.CONTEXT.writer
def failed(context, entry_id, error):
    context.session.execute(sa.update(D).where(D.id == entry_id).values(
        attempts=D.attempts + 1, last_error=str(error)[:1000]))


@transaction.CONTEXT.reader
def pending(context, limit=100):
    return [Deletion(d.id, d.location, d.backend, d.upload_id)
            for d in context.session.scalars(
                sa.select(D).order_by(D.id).limit(limit))]
