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

"""``/schemas``: the JSON Schema of every enabled artifact type."""

from glare.api import http
from glare.api import views
from glare import exception
from glare.objects import registry
from glare.policies import schemas as schema_policy

# What Glare served schemas as; clients read them as JSON.
SCHEMA_JSON = 'application/schema+json'


def list_schemas(request):
    request.context.can(schema_policy.LIST)
    schemas = {name: views.schema(request, cls)
               for name, cls in registry.all_types().items()}
    return http.json_response({'schemas': schemas}, content_type=SCHEMA_JSON)


def show(request, type_name):
    request.context.can(schema_policy.GET)
    try:
        cls = registry.get(type_name)
    except exception.TypeNotFound as exc:
        # Glare's answer for a schema (artifacts say TypeNotFound).
        raise exception.NotFound(exc.msg)
    return http.json_response(
        {'schemas': {type_name: views.schema(request, cls)}},
        content_type=SCHEMA_JSON)
