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

"""What clients see of artifacts and types, by their microversion.

A client sees each artifact as the version of its type that its API
microversion has (BaseArtifact.obj_version_for): fields added later
are not shown to it, and its schemas do not list them; nor the
visibilities of sharing (1.2) among a schema's allowed values.
"""

import copy

from glare.objects import base
from glare.objects import fields as f


def artifact(request, art):
    """The artifact as the JSON object the request's client reads."""
    return art.to_dict(type(art).obj_version_for(request.api_version))


def schema(request, artifact_type):
    """The type's JSON Schema for the request's client."""
    found = artifact_type.get_schema(
        artifact_type.obj_version_for(request.api_version))
    if request.api_version >= base.SHARING_SINCE:
        return found
    found = copy.deepcopy(found)
    found['properties']['visibility']['enum'] = list(
        base.VISIBILITIES_BEFORE_SHARING)
    return found


def member(record):
    """A membership of a shared artifact (microversion 1.2)."""
    return {'artifact_id': record['artifact_id'],
            'member_id': record['member'],
            'status': record['status'],
            'created_at': f.format_datetime(record['created_at']),
            'updated_at': f.format_datetime(record['updated_at'])}
