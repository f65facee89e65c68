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

"""Retention policies (microversion 1.2): ``/retention/{type}``.

The caller's project's policy for a type: ``PUT`` sets it, ``GET``
shows it, ``GET .../preview`` shows what a run would delete and why
every other artifact stays.
"""

from glare.api import http
from glare.engine import retention
from glare import exception
from glare.objects import fields as f
from glare.objects import registry
from glare.policies import consumers as lifecycle_policy

JSON = ('application/json',)


def _target(ctx):
    return {'project_id': ctx.project_id, 'owner': ctx.project_id}


def _rendered(policy):
    return {'type_name': policy['type_name'],
            'project_id': policy['project_id'],
            'keep_last': policy['keep_last'],
            'keep_days': policy['keep_days'],
            'updated_at': f.format_datetime(policy['updated_at'])}


def _writable_type(type_name):
    artifact_type = registry.get(type_name)
    if artifact_type.read_only:
        # The "all" view holds no artifacts of its own.
        raise exception.TypeNotFound(name=type_name)
    return artifact_type


def set_policy(request, type_name):
    ctx = request.context
    _writable_type(type_name)
    body = http.read_json(request, JSON)
    ctx.can(lifecycle_policy.RETENTION_SET, _target(ctx))
    return http.json_response(_rendered(retention.set_policy(
        ctx, ctx.project_id, type_name, body)))


def show_policy(request, type_name):
    ctx = request.context
    _writable_type(type_name)
    ctx.can(lifecycle_policy.RETENTION_GET, _target(ctx))
    return http.json_response(_rendered(retention.get_policy(
        ctx, ctx.project_id, type_name)))


def preview(request, type_name):
    ctx = request.context
    _writable_type(type_name)
    ctx.can(lifecycle_policy.RETENTION_GET, _target(ctx))
    plan = retention.preview(ctx, ctx.project_id, type_name)
    return http.json_response({'policy': _rendered(plan['policy']),
                               'delete': plan['delete'],
                               'keep': plan['keep']})
