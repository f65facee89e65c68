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

"""Download counts, written in batches (see glare.engine.usage).

The counts do not move an artifact's row version: a download is no
change of the artifact, and must not make its updates retry.
"""

import sqlalchemy as sa

from glare.db import models
from glare.db import transaction

CONTEXT = transaction.CONTEXT
A = models.Artifact


@CONTEXT.writer
def record(context, downloads):
    """Add ``{artifact_id: (count, last downloaded at)}`` to the rows."""
    session = context.session
    for artifact_id, (count, when) in sorted(downloads.items()):
        session.execute(sa.update(A).where(A.id == artifact_id).values(
            download_count=A.download_count + count,
            last_downloaded_at=sa.case(
                (sa.or_(A.last_downloaded_at.is_(None),
                        A.last_downloaded_at < when), when),
                else_=A.last_downloaded_at))
            .execution_options(synchronize_session=False))
