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

"""``/artifacts/{type}/{id}/members[/{member_id}]`` (microversion 1.2).

Sharing an artifact with chosen projects, as Glance shares images: the
owner adds a project (``{"member": project_id}``, pending), the member
project accepts or rejects it (``{"status": ...}``), the owner removes
it. Each handler validates input, authorizes (glare.api.authorization),
calls one engine function and renders the result.
"""

from glare.api import authorization
from glare.api import http
from glare.api import views
from glare.engine import members as engine
from glare import exception
from glare.objects import registry
from glare.policies import members as member_policy

JSON = ('application/json',)


def _field(request, name):
    """The one field of a JSON body ``{name: value}``; 400 otherwise."""
    body = http.read_json(request, JSON)
    if not isinstance(body, dict) or set(body) != {name}:
        raise exception.BadRequest(
            'The body must be a JSON object with exactly one key, %s: '
            '{"%s": ...}.' % (name, name))
    return body[name]


def _load(request, type_name, artifact_id):
    return authorization.load(request.context, registry.get(type_name),
                              artifact_id)


def list_members(request, type_name, artifact_id):
    ctx = request.context
    art = _load(request, type_name, artifact_id)
    authorization.check_membership(ctx, art, None, member_policy.LIST)
    return http.json_response({'members': [
        views.member(record)
        for record in engine.list_members(ctx, art)]})


def add(request, type_name, artifact_id):
    ctx = request.context
    art = _load(request, type_name, artifact_id)
    member = _field(request, 'member')
    authorization.check_membership(ctx, art, member, member_policy.ADD)
    record = engine.add(ctx, art, member)
    return http.json_response(views.member(record), status=201)


def show(request, type_name, artifact_id, member_id):
    ctx = request.context
    art = _load(request, type_name, artifact_id)
    authorization.check_membership(ctx, art, member_id, member_policy.GET)
    return http.json_response(views.member(engine.get(ctx, art,
                                                      member_id)))


def set_status(request, type_name, artifact_id, member_id):
    ctx = request.context
    art = _load(request, type_name, artifact_id)
    status = _field(request, 'status')
    authorization.check_membership(ctx, art, member_id,
                                   member_policy.SET_STATUS)
    return http.json_response(views.member(engine.set_status(
        ctx, art, member_id, status)))


def remove(request, type_name, artifact_id, member_id):
    ctx = request.context
    art = _load(request, type_name, artifact_id)
    authorization.check_membership(ctx, art, member_id,
                                   member_policy.REMOVE)
    engine.remove(ctx, art, member_id)
    return http.empty_response(204)


def members_not_allowed(request):
    return http.method_not_allowed(request, ['GET', 'POST'])


def member_not_allowed(request):
    return http.method_not_allowed(request, ['DELETE', 'GET', 'PUT'])
