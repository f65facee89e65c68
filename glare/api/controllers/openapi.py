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

"""``/openapi.json``: the OpenAPI 3.1 document of this deployment.

Read like the type schemas it carries (``artifact:type_list``).
"""

from glare.api import http
from glare.api import openapi
from glare.policies import schemas as schema_policy


def show(request):
    request.context.can(schema_policy.LIST)
    return http.json_response(openapi.document(request.host_url))
