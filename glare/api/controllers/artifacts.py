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

"""``/artifacts/{type}[/{id}]``: artifacts' metadata and lifecycle.

Each handler validates input, authorizes once with the artifact as the
policy target, calls one engine function and renders the result.
"""

import urllib.parse

from oslo_config import cfg
import pecan

from glare.api import http
from glare.engine import artifacts as engine
from glare.objects import registry

CONF = cfg.CONF

JSON = ('application/json',)
JSON_PATCH = ('application/json-patch+json',)


class ArtifactsController:
    """Routes by path length and method (Pecan's ``_route`` hook)."""

    @pecan.expose()
    def _route(self, args, request=None):
        routes = {
            1: {'GET': self.list, 'POST': self.create},
            2: {'GET': self.show, 'PATCH': self.update,
                'DELETE': self.delete},
        }.get(len(args))
        if routes is None or not all(args):
            pecan.abort(404)
        handler = routes.get(request.method)
        if handler is None and request.method == 'HEAD':
            handler = routes.get('GET')
        if handler is None:
            raise http.method_not_allowed(request, sorted(routes))
        return handler, args

    @pecan.expose()
    def list(self, type_name):
        request = pecan.request
        artifact_type = registry.get(type_name)
        ctx = http.context(request)
        ctx.can('artifact:list', {'project_id': ctx.project_id,
                                  'type_name': type_name})
        params = [(k, v) for k, v in request.GET.items()]
        arts, total, more = engine.list_artifacts(
            ctx, artifact_type, params, CONF.default_api_limit,
            CONF.max_api_limit)
        rendered = [art.to_dict() for art in arts]
        body = {
            'type_name': type_name,
            # Glare clients read the list under the type's name.
            type_name: rendered,
            'artifacts': rendered,
            'schema': '/schemas/%s' % type_name,
            'total_count': total,
        }
        kept = [(k, v) for k, v in params if k != 'marker']
        body['first'] = _link(request.path, kept)
        if more:
            body['next'] = _link(request.path,
                                 kept + [('marker', arts[-1].id)])
        return http.json_response(body)

    @pecan.expose()
    def create(self, type_name):
        request = pecan.request
        artifact_type = registry.get(type_name)
        values = http.read_json(request, JSON)
        ctx = http.context(request)
        ctx.can('artifact:create', {'owner': ctx.project_id,
                                    'project_id': ctx.project_id,
                                    'type_name': type_name})
        art = engine.create(ctx, artifact_type, values)
        return http.json_response(art.to_dict(), status=201)

    @pecan.expose()
    def show(self, type_name, artifact_id):
        request = pecan.request
        ctx = http.context(request)
        art = engine.get(ctx, registry.get(type_name), artifact_id)
        ctx.can('artifact:get', art.target())
        return http.json_response(art.to_dict())

    @pecan.expose()
    def update(self, type_name, artifact_id):
        request = pecan.request
        artifact_type = registry.get(type_name)
        patch = engine.parse_patch(http.read_json(request, JSON_PATCH))
        ctx = http.context(request)
        art = engine.get(ctx, artifact_type, artifact_id)
        for action in engine.patch_actions(art, patch):
            ctx.can('artifact:%s' % action, art.target())
        art = engine.update(ctx, artifact_type, artifact_id, patch)
        return http.json_response(art.to_dict())

    @pecan.expose()
    def delete(self, type_name, artifact_id):
        ctx = http.context(pecan.request)
        art = engine.get(ctx, registry.get(type_name), artifact_id)
        ctx.can('artifact:%s' % engine.delete_action(art), art.target())
        engine.delete(ctx, art)
        return http.empty_response(204)


def _link(path, params):
    if not params:
        return path
    return '%s?%s' % (path, urllib.parse.urlencode(params))
