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

"""Rules for blob data (``/artifacts/{type}/{id}/{blob}[/{key}]``).

Callers who may not read the artifact (``artifact:get``) get 404 first.
"""

from glare.policies import base

UPLOAD = 'artifact:upload'
SET_LOCATION = 'artifact:set_location'
SET_INTERNAL_LOCATION = 'artifact:set_internal_location'
DELETE_BLOB = 'artifact:delete_blob'
DOWNLOAD = 'artifact:download'
DOWNLOAD_DEACTIVATED = 'artifact:download_deactivated'

_BLOB = '/artifacts/{type_name}/{artifact_id}/{blob}[/{key}]'

rules = [
    base.project_rule(
        UPLOAD, base.ADMIN_OR_MEMBER_PRIVATE,
        'Upload data to a blob of an artifact. Public artifacts are '
        'changed by administrators only.',
        [{'path': _BLOB, 'method': 'PUT'}],
        legacy=base.LEGACY_OWNER_PRIVATE),
    base.project_rule(
        SET_LOCATION, base.ADMIN_OR_MEMBER_PRIVATE,
        'Point a blob at data outside glare\'s store (an external URL).',
        [{'path': _BLOB, 'method': 'PUT'}],
        legacy=base.LEGACY_ADMIN_OR_OWNER),
    base.project_rule(
        SET_INTERNAL_LOCATION, base.ADMIN,
        'Point a blob at data already in one of glare\'s stores.',
        [{'path': _BLOB, 'method': 'PUT'}]),
    base.project_rule(
        DELETE_BLOB, base.ADMIN_OR_MEMBER_PRIVATE,
        'Remove the data of a blob from an artifact.',
        [{'path': _BLOB, 'method': 'DELETE'}],
        legacy=base.LEGACY_ADMIN_OR_OWNER),
    base.project_rule(
        DOWNLOAD, base.ARTIFACT_READER,
        'Download the data of a blob of an artifact the caller can see.',
        [{'path': _BLOB, 'method': 'GET'}],
        legacy=base.LEGACY_ANYONE),
    base.project_rule(
        DOWNLOAD_DEACTIVATED, base.ADMIN,
        'Download blob data of a deactivated artifact.',
        [{'path': _BLOB, 'method': 'GET'}]),
]


def list_rules():
    return rules
