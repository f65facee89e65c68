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

"""Aliases (microversion 1.2): ``/artifacts/{type}/{id}/aliases``.

``PUT .../aliases/{alias}`` moves the alias to the artifact, ``DELETE``
removes it, ``GET .../aliases`` shows the artifact's aliases and the
last moves among the versions of its name.
"""

from glare.api import authorization
from glare.api import http
from glare.api import views
from glare.engine import aliases
from glare.engine import artifacts as artifacts_engine
from glare.objects import fields as f
from glare.objects import registry
from glare.policies import consumers as lifecycle_policy


def set_alias(request, type_name, artifact_id, alias):
    ctx = request.context
    aliases.check_alias(alias)
    artifact_type = registry.get(type_name)
    art = authorization.load(ctx, artifact_type, artifact_id,
                             lifecycle_policy.ALIAS_SET)
    aliases.set_alias(ctx, art, alias)
    art = artifacts_engine.get(ctx, artifact_type, artifact_id)
    return http.json_response(views.artifact(request, art))


def unset_alias(request, type_name, artifact_id, alias):
    ctx = request.context
    aliases.check_alias(alias)
    art = authorization.load(ctx, registry.get(type_name), artifact_id,
                             lifecycle_policy.ALIAS_UNSET)
    aliases.unset_alias(ctx, art, alias)
    return http.empty_response(204)


def list_aliases(request, type_name, artifact_id):
    ctx = request.context
    art = authorization.load(ctx, registry.get(type_name), artifact_id,
                             lifecycle_policy.ALIAS_LIST)
    return http.json_response({
        'aliases': list(art.aliases),
        'history': [dict(move, moved_at=f.format_datetime(
            move['moved_at'])) for move in aliases.history(ctx, art)]})
