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

"""Consumers (microversion 1.2).

``/artifacts/{type}/{id}/consumers[/{consumer_id}]``: who uses an
artifact; ``/consumers/{consumer_id}``: what one consumer uses;
``/consumers?outdated=true``: the consumers of a version that has a
newer active one (the rebuild list). Callers see the ids of their own
project's consumers; admins and services see every project's.
"""

import urllib.parse

from oslo_config import cfg
from oslo_utils import strutils

from glare.api import authorization
from glare.api import http
from glare.engine import artifacts as artifacts_engine
from glare.engine import consumers
from glare import exception
from glare.objects import fields as f
from glare.objects import registry
from glare.policies import consumers as consumer_policy

CONF = cfg.CONF

JSON = ('application/json',)
OUTDATED_FILTERS = ('type_name', 'name', 'service')


def _sees_all(ctx):
    return ctx.can(consumer_policy.SEE_ALL_CONSUMERS,
                   {'project_id': ctx.project_id}, fatal=False)


def _rendered(consumer, reveal):
    """A consumer as JSON; ids of other projects' consumers hidden."""
    shown = reveal or consumer['project_id'] == consumer.get('_caller')
    return {'consumer_id': consumer['consumer_id'] if shown else None,
            'service': consumer['service'],
            'resource_type': consumer['resource_type'],
            'project_id': consumer['project_id'] if shown else None,
            'created_at': f.format_datetime(consumer['created_at'])}


def _render_for(ctx):
    reveal = _sees_all(ctx)

    def render(consumer):
        return _rendered(dict(consumer, _caller=ctx.project_id), reveal)
    return render


def register(request, type_name, artifact_id, consumer_id):
    ctx = request.context
    consumers.check_consumer_id(consumer_id)
    values = consumers.parse_body(ctx, http.read_json(request, JSON))
    art = authorization.load(
        ctx, registry.get(type_name), artifact_id, consumer_policy.REGISTER,
        extra={'consumer_project_id': values['project_id']})
    consumer, _created = consumers.register(ctx, art, consumer_id, values)
    body = _render_for(ctx)(consumer)
    body['artifact_id'] = art.id
    return http.json_response(body)


def unregister(request, type_name, artifact_id, consumer_id):
    ctx = request.context
    consumers.check_consumer_id(consumer_id)
    art = authorization.load(ctx, registry.get(type_name), artifact_id)
    consumer = consumers.get(ctx, art, consumer_id)
    authorization.check(ctx, art, [consumer_policy.UNREGISTER],
                        {'consumer_project_id': consumer['project_id']})
    consumers.unregister(ctx, art, consumer_id)
    return http.empty_response(204)


def list_for_artifact(request, type_name, artifact_id):
    ctx = request.context
    art = authorization.load(ctx, registry.get(type_name), artifact_id,
                             consumer_policy.LIST)
    render = _render_for(ctx)
    return http.json_response({'consumers': [
        render(c) for c in consumers.of_artifact(ctx, art)]})


def _artifact_ref(art):
    return {'id': art.id, 'type_name': art.get_type_name(),
            'name': art.name, 'version': art.version}


def show(request, consumer_id):
    """What one consumer uses, among the artifacts the caller can read."""
    ctx = request.context
    ctx.can(consumer_policy.LIST, {'project_id': ctx.project_id,
                                   'owner': ctx.project_id})
    reveal = _sees_all(ctx)
    used = []
    for consumer, art in consumers.uses(
            ctx, consumer_id, artifacts_engine.read_scope(ctx)):
        if not reveal and consumer['project_id'] != ctx.project_id:
            continue
        if not authorization.readable(ctx, art):
            continue
        entry = _artifact_ref(art)
        entry.update(service=consumer['service'],
                     resource_type=consumer['resource_type'])
        used.append(entry)
    if not used:
        raise exception.NotFound('Consumer %s uses no artifact you can '
                                 'see.' % consumer_id)
    return http.json_response({'consumer_id': consumer_id,
                               'artifacts': used})


def _limit(params):
    """The page size: the API's default, at most its maximum."""
    value = params.get('limit')
    if value is None:
        return CONF.default_api_limit
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise exception.BadRequest('Invalid limit %r: it must be a '
                                   'positive integer.' % value)
    return min(limit, CONF.max_api_limit)


def list_consumers(request):
    """``?outdated=true``: the rebuild list, paged as artifact lists are."""
    ctx = request.context
    ctx.can(consumer_policy.LIST, {'project_id': ctx.project_id,
                                   'owner': ctx.project_id})
    params = dict(request.GET.items())
    outdated = params.pop('outdated', None)
    limit = _limit(params)
    params.pop('limit', None)
    marker = params.pop('marker', None)
    unknown = sorted(set(params) - set(OUTDATED_FILTERS))
    if unknown:
        raise exception.BadRequest(
            'Unknown parameter %s; /consumers takes outdated=true, %s, '
            'limit and marker.' % (unknown[0], ', '.join(OUTDATED_FILTERS)))
    try:
        outdated = strutils.bool_from_string(outdated, strict=True)
    except ValueError:
        outdated = False
    if not outdated:
        raise exception.BadRequest(
            '/consumers lists outdated consumers: give outdated=true.')
    if params.get('type_name') is not None:
        registry.get(params['type_name'])  # 404 for an unknown type
    reveal = _sees_all(ctx)
    found, more = consumers.outdated(
        ctx, None if reveal else ctx.project_id, limit=limit,
        marker=marker, **params)
    body = {'consumers': [{
        'consumer_id': item['consumer']['consumer_id'],
        'service': item['consumer']['service'],
        'resource_type': item['consumer']['resource_type'],
        'project_id': item['consumer']['project_id'],
        'artifact': item['artifact'],
        'newest': item['newest']} for item in found]}
    if more:
        kept = [(k, v) for k, v in request.GET.items() if k != 'marker']
        kept.append(('marker', consumers.outdated_marker(found[-1])))
        body['next'] = '%s?%s' % (request.path,
                                  urllib.parse.urlencode(kept))
    return http.json_response(body)
