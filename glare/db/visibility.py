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

Lists, shows, markers, links, downloads and every other read select rows
through ``readable``; policy rules then only decide whether a persona may
read at all (see glare.policies.base), never which artifacts.

A project reads, of other projects' artifacts:

``public``     every one, in lists and by id;
``community``  every one by id; in lists only when it asks for them
               (``visibility=community``), so that they are not advertised
               in everyone's default list;
``shared``     those shared with it (``glare.db.members``): by id whatever
               its answer (pending, accepted or rejected, as in Glance: a
               project can look at what it was offered, and at what it
               turned down); in lists those it accepted, unless it asks for
               another answer (``member_status``);
``private``    none.

Its own artifacts it reads whatever their visibility.
"""

import sqlalchemy as sa

from glare.db import models

A = models.Artifact
M = models.ArtifactMember

MEMBER_STATUSES = ('pending', 'accepted', 'rejected')


def readable(project_id, include_deleted=False,
             member_statuses=MEMBER_STATUSES, community=True):
    """Rows a caller of ``project_id`` may see (None: all projects).

    ``member_statuses`` are the answers of the caller's project that make
    an artifact shared with it readable; ``community`` whether other
    projects' community artifacts are. By id, everything; lists narrow
    both (see the module's doc).

    Deleted rows awaiting the scrubber show only when asked for, and only
    to callers who see all projects.
    """
    clauses = []
    if not (include_deleted and project_id is None):
        clauses.append(A.status != 'deleted')
    if project_id is not None:
        alternatives = [A.owner == project_id, A.visibility == 'public']
        if community:
            alternatives.append(A.visibility == 'community')
        # An anonymous caller ('') is no member: the subquery finds none.
        if member_statuses:
            alternatives.append(sa.and_(
                A.visibility == 'shared',
                A.id.in_(sa.select(M.artifact_id).where(
                    M.member == project_id,
                    M.status.in_(list(member_statuses))))))
        clauses.append(sa.or_(*alternatives))
    return sa.and_(*clauses)
