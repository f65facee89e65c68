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

"""Purging deleted artifacts and retrying failed blob data deletions.

Run by ``glare-scrubber``; each pass is safe to run from several hosts at
once: an artifact another scrubber purged first is skipped.
"""

import concurrent.futures
import datetime

from oslo_config import cfg
from oslo_log import log
from oslo_utils import timeutils

from glare.db import api as db_api
from glare.db import deletions
from glare.engine import blob_access
from glare.engine import upload_sessions
from glare.engine import uploads
from glare.engine import url_imports as imports
from glare import exception

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# Rows fetched per database round trip.
BATCH = 100


def _purge(context, artifact_id, row_version):
    try:
        entries = db_api.delete(context, artifact_id, row_version)
    except exception.ConcurrentUpdate:
        return 0  # restored, or purged by another scrubber meanwhile
    blob_access.remove_data(context, entries)
    LOG.info('Purged deleted artifact %s', artifact_id)
    return 1


def _retry(context, entry):
    return 1 if blob_access.remove_data(context, [entry]) else 0


def scrub(context):
    """One pass; returns ``(artifacts purged, data deletions done)``."""
    cutoff = timeutils.utcnow() - datetime.timedelta(seconds=CONF.scrub_time)
    purged = cleaned = 0
    # Uploads whose process died: their blobs stop being "saving".
    uploads.release_abandoned(context)
    # ...imports among them are failed.
    imports.fail_stopped(context)
    # Upload sessions nobody continued: their chunks go.
    upload_sessions.expire(context)
    with concurrent.futures.ThreadPoolExecutor(
            max_workers=CONF.scrub_pool_size) as pool:
        while True:
            due = db_api.expired_deletions(context, cutoff, BATCH)
            if not due:
                break
            done = sum(pool.map(lambda item: _purge(context, *item), due))
            purged += done
            if not done:
                break  # everything due is held by other scrubbers
        seen = set()
        while True:
            entries = [e for e in deletions.pending(context, BATCH)
                       if e.id not in seen]
            if not entries:
                break
            seen.update(e.id for e in entries)
            cleaned += sum(pool.map(lambda e: _retry(context, e), entries))
    return purged, cleaned
