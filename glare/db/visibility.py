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

"""Which artifact rows a caller may read: the one definition.

Lists, shows, markers and every other read select rows through
``readable``; policy rules then only decide whether a persona may read
at all (see glare.policies.base), never which artifacts.
"""

import sqlalchemy as sa

from glare.db import models

A = models.Artifact


def readable(project_id, include_deleted=False):
    """Rows a caller of ``project_id`` may see (None: all projects).

    Deleted rows awaiting the scrubber show only when asked for, and only
    to callers who see all projects.
    """
    clauses = []
    if not (include_deleted and project_id is None):
        clauses.append(A.status != 'deleted')
    if project_id is not None:
        clauses.append(sa.or_(A.owner == project_id,
                              A.visibility == 'public'))
    return sa.and_(*clauses)
