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

Each handler validates input, authorizes (glare.api.authorization),
calls one engine function and renders the result.
"""

import urllib.parse

from oslo_config import cfg

from glare.api import authorization
from glare.api import http
from glare.api import views
from glare.engine import artifacts as engine
from glare import exception
from glare.objects import registry
from glare.policies import artifacts as artifact_policy

CONF = cfg.CONF

JSON = ('application/json',)
JSON_PATCH = ('application/json-patch+json',)
VERSION_GIVEN_HEADER = 'X-Openstack-Glare-Version-Given'
VERSION_GIVEN_SINCE = (1, 2)
FORCE_SINCE = (1, 2)


def list_artifacts(request, type_name):
    artifact_type = registry.get(type_name)
    ctx = request.context
    ctx.can(artifact_policy.LIST,
            authorization.project_target(ctx, type_name))
    params = list(request.GET.items())
    arts, total, more = engine.list_artifacts(
        ctx, artifact_type, params, CONF.default_api_limit,
        CONF.max_api_limit, CONF.list_count_limit or None)
    rendered = [views.artifact(request, art) for art in arts]
    body = {
        'type_name': type_name,
        'artifacts': rendered,
        'schema': '/schemas/%s' % type_name,
        'total_count': total,
    }
    kept = [(k, v) for k, v in params if k != 'marker']
    body['first'] = _link(request.path, kept)
    if more:
        body['next'] = _link(request.path, kept + [('marker', arts[-1].id)])
    return http.json_response(body)


def create(request, type_name):
    artifact_type = registry.get(type_name)
    values = http.read_json(request, JSON)
    ctx = request.context
    ctx.can(artifact_policy.CREATE,
            authorization.project_target(ctx, type_name))
    art = engine.create(ctx, artifact_type, values)
    given = values.get('version') if isinstance(values, dict) else None
    return http.json_response(views.artifact(request, art), status=201,
                              headers=_version_given(request, given, art))


def show(request, type_name, artifact_id):
    art = authorization.load(request.context, registry.get(type_name),
                             artifact_id)
    return http.json_response(views.artifact(request, art))


def update(request, type_name, artifact_id):
    artifact_type = registry.get(type_name)
    patch = engine.parse_patch(http.read_json(request, JSON_PATCH))
    ctx = request.context
    art = engine.update(ctx, artifact_type, artifact_id, patch,
                        authorization.guard(ctx), force=_force(request))
    given = None
    for op in patch.patch:
        if op.get('path') == '/version' and \
                op.get('op') in ('add', 'replace'):
            given = op.get('value')
    return http.json_response(views.artifact(request, art),
                              headers=_version_given(request, given, art))


def delete(request, type_name, artifact_id):
    ctx = request.context
    engine.delete(ctx, registry.get(type_name), artifact_id,
                  authorization.guard(ctx), force=_force(request))
    return http.empty_response(204)


def _force(request):
    """1.2: ``?force=true``, deleting or deactivating an artifact in use.

    The engine asks the guard for ``force`` (``artifact:force_in_use``)
    when the artifact has consumers; clients of older microversions never
    force, as before.
    """
    if request.api_version < FORCE_SINCE or 'force' not in request.GET:
        return False
    value = request.GET['force'].lower()
    if value not in ('true', 'false'):
        raise exception.BadRequest('Invalid force %r: true or false.' %
                                   request.GET['force'])
    return value == 'true'


def _version_given(request, given, art):
    """1.2: the version the client sent, when it was stored normalised.

    ``22.04.3`` is stored as ``22.4.3``, ``1`` as ``1.0.0`` (SemVer
    precedence needs it); the client is told, in a header, so that it
    can say so.
    """
    if given is None or request.api_version < VERSION_GIVEN_SINCE:
        return None
    text = given if isinstance(given, str) else str(given)
    if text == art.version or not text.isascii() or not text.isprintable():
        return None
    return {VERSION_GIVEN_HEADER: text}


def _link(path, params):
    if not params:
        return path
    return '%s?%s' % (path, urllib.parse.urlencode(params))
