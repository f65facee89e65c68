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
are not shown to it, and its schemas do not list them.
"""


def artifact(request, art):
    """The artifact as the JSON object the request's client reads."""
    return art.to_dict(type(art).obj_version_for(request.api_version))


def schema(request, artifact_type):
    """The type's JSON Schema for the request's client."""
    return artifact_type.get_schema(
        artifact_type.obj_version_for(request.api_version))
