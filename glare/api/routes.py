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

"""Every route of the API, in the order they are tried.

Routes of a newer microversion come before older routes they overlap, so
that older clients still reach what they reached before.
"""

from glare.api.controllers import aliases
from glare.api.controllers import artifacts
from glare.api.controllers import blobs
from glare.api.controllers import consumers
from glare.api.controllers import health
from glare.api.controllers import members
from glare.api.controllers import metrics
from glare.api.controllers import openapi
from glare.api.controllers import quotas
from glare.api.controllers import retention
from glare.api.controllers import schemas
from glare.api.controllers import upload_sessions
from glare.api import router
from glare.api import versions

Route = router.Route

ROUTES = [
    # The versions document, for clients discovering the API.
    Route('/', {'GET': versions.show, 'HEAD': versions.show}, public=True),
    Route('/versions', {'GET': versions.show, 'HEAD': versions.show},
          public=True, trailing_slash=True),
    # For load balancers; ?detail for operators.
    Route('/healthcheck', {'GET': health.show, 'HEAD': health.show},
          public=health.is_public, trailing_slash=True),
    # For Prometheus (doc/source/operations.rst).
    Route('/metrics', {'GET': metrics.show, 'HEAD': metrics.show},
          public=metrics.is_public),
    # The OpenAPI 3.1 document of the API and the enabled types.
    Route('/openapi.json', {'GET': openapi.show, 'HEAD': openapi.show}),
    Route('/schemas', {'GET': schemas.list_schemas,
                       'HEAD': schemas.list_schemas}),
    Route('/schemas/{type_name}', {'GET': schemas.show,
                                   'HEAD': schemas.show}),
    Route('/artifacts/{type_name}', {'GET': artifacts.list_artifacts,
                                     'POST': artifacts.create}),
    Route('/artifacts/{type_name}/{artifact_id}', {
        'GET': artifacts.show, 'PATCH': artifacts.update,
        'DELETE': artifacts.delete}),
    # 1.2, the version lifecycle: before the blob route, which older
    # clients still reach with these paths.
    Route('/artifacts/{type_name}/{artifact_id}/consumers',
          {'GET': consumers.list_for_artifact}, min_version='1.2'),
    Route('/artifacts/{type_name}/{artifact_id}/consumers/{consumer_id}', {
        'PUT': consumers.register, 'DELETE': consumers.unregister},
        min_version='1.2'),
    Route('/artifacts/{type_name}/{artifact_id}/aliases',
          {'GET': aliases.list_aliases}, min_version='1.2'),
    Route('/artifacts/{type_name}/{artifact_id}/aliases/{alias}', {
        'PUT': aliases.set_alias, 'DELETE': aliases.unset_alias},
        min_version='1.2'),
    # 1.2: sharing. Older clients reach the blob route below, as before.
    Route('/artifacts/{type_name}/{artifact_id}/members', {
        'GET': members.list_members, 'POST': members.add},
        min_version='1.2', not_allowed=members.members_not_allowed),
    Route('/artifacts/{type_name}/{artifact_id}/members/{member_id}', {
        'GET': members.show, 'PUT': members.set_status,
        'DELETE': members.remove},
        min_version='1.2', not_allowed=members.member_not_allowed),
    # {blob_path} is the field name and, for a folder, its key.
    Route('/artifacts/{type_name}/{artifact_id}/{blob_path*}', {
        'GET': blobs.download, 'HEAD': blobs.download, 'PUT': blobs.upload,
        'DELETE': blobs.remove,
        # 1.2: POST {blob_path}/uploads starts a resumable upload.
        'POST': upload_sessions.start}, raw_body=True,
        not_allowed=blobs.not_allowed),
    Route('/consumers', {'GET': consumers.list_consumers},
          min_version='1.2'),
    Route('/consumers/{consumer_id}', {'GET': consumers.show},
          min_version='1.2'),
    Route('/retention/{type_name}', {'GET': retention.show_policy,
                                     'PUT': retention.set_policy},
          min_version='1.2'),
    Route('/retention/{type_name}/preview', {'GET': retention.preview},
          min_version='1.2'),
    Route('/upload-sessions/{session_id}', {
        'GET': upload_sessions.show, 'HEAD': upload_sessions.show,
        'PATCH': upload_sessions.append, 'PUT': upload_sessions.finish,
        'DELETE': upload_sessions.cancel}, min_version='1.2',
        raw_body=True),
    Route('/blob-imports/{import_id}', {
        'GET': blobs.show_import, 'HEAD': blobs.show_import},
        min_version='1.2'),
    Route('/quotas', {'GET': quotas.list_all, 'PUT': quotas.set_all},
          not_allowed=quotas.quotas_not_allowed),
    Route('/project-quotas', {'GET': quotas.show_project},
          not_allowed=quotas.project_quotas_not_allowed),
    Route('/project-quotas/{project_id}', {'GET': quotas.show_project},
          not_allowed=quotas.project_quotas_not_allowed),
]
