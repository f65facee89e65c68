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

"""Quotas (microversion 1.1): ``/quotas`` and ``/project-quotas``."""

import urllib.parse

from oslo_config import cfg

from glare.api import http
from glare.api import microversion
from glare.engine import quotas
from glare import exception
from glare.policies import quotas as quota_policy

CONF = cfg.CONF
JSON = ('application/json',)
MIN_VERSION = '1.1'


def _require_microversion(request):
    if not microversion.is_supported(request, MIN_VERSION):
        raise exception.NotFound(
            'Quotas need microversion %s or later (header '
            'OpenStack-API-Version: artifact %s).' % (MIN_VERSION,
                                                      MIN_VERSION))


def _limit(request):
    try:
        limit = int(request.GET.get('limit', CONF.default_api_limit))
    except ValueError:
        limit = 0
    if limit < 1:
        raise exception.BadRequest('Invalid limit %r: it must be a '
                                   'positive integer.' %
                                   request.GET.get('limit'))
    return min(limit, CONF.max_api_limit)


def _changes(body):
    """``{project_id: {name: value}}`` from a PUT body.

    Accepts ``{"quotas": [...]}`` or the bare list; each item is
    ``{"project_id", "project_quotas"}`` where ``project_quotas`` is a
    ``{name: value}`` object or Glare's ``[{"quota_name", "quota_value"}]``.
    """
    items = body.get('quotas') if isinstance(body, dict) else body
    if not isinstance(items, list) or not items:
        raise exception.BadRequest(
            'The body must be {"quotas": [{"project_id": ..., '
            '"project_quotas": {...}}, ...]}.')
    changes = {}
    for item in items:
        if not isinstance(item, dict) or set(item) != {'project_id',
                                                       'project_quotas'}:
            raise exception.BadRequest(
                'Each item needs exactly project_id and project_quotas, '
                'not %r.' % (item,))
        values = item['project_quotas']
        if isinstance(values, list):
            try:
                values = {q['quota_name']: q['quota_value'] for q in values}
            except (TypeError, KeyError):
                raise exception.BadRequest(
                    'project_quotas items need quota_name and quota_value.')
        if not isinstance(values, dict):
            raise exception.BadRequest('project_quotas must be an object '
                                       'of quota names to values.')
        if not isinstance(item['project_id'], str):
            raise exception.BadRequest('A project_id must be a string, not '
                                       '%r.' % (item['project_id'],))
        changes.setdefault(item['project_id'], {}).update(values)
    return changes


def list_all(request):
    _require_microversion(request)
    ctx = request.context
    ctx.can(quota_policy.LIST, {'project_id': ctx.project_id})
    projects, more = quotas.list_projects(
        ctx, _limit(request), request.GET.get('marker'))
    body = {'quotas': projects}
    if more:
        params = [(k, v) for k, v in request.GET.items() if k != 'marker']
        params.append(('marker', projects[-1]['project_id']))
        body['next'] = '%s?%s' % (request.path,
                                  urllib.parse.urlencode(params))
    return http.json_response(body)


def set_all(request):
    _require_microversion(request)
    ctx = request.context
    changes = _changes(http.read_json(request, JSON))
    ctx.can(quota_policy.SET, {'project_id': ctx.project_id})
    quotas.set_quotas(ctx, changes)
    return http.json_response({'quotas': [
        quotas.report(ctx, project_id) for project_id in changes]})


def show_project(request, project_id=None):
    _require_microversion(request)
    ctx = request.context
    project_id = project_id or ctx.project_id
    ctx.can(quota_policy.GET, {'project_id': project_id,
                               'owner': project_id})
    return http.json_response({'quotas': [quotas.report(ctx, project_id)]})


def quotas_not_allowed(request):
    """405 for /quotas, once the caller may know it exists (1.1)."""
    _require_microversion(request)
    return http.method_not_allowed(request, ['GET', 'PUT'])


def project_quotas_not_allowed(request):
    _require_microversion(request)
    return http.method_not_allowed(request, ['GET'])
