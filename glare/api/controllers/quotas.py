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

"""Quotas: ``/quotas`` and ``/project-quotas``.

Glare's shapes: a project's quotas are ``[{"quota_name", "quota_value"}]``;
glare adds what the project uses, in the same form, as
``project_usage``. Glare served them whatever the microversion, and so
does glare.
"""

import urllib.parse

from oslo_config import cfg

from glare.api import http
from glare.engine import quotas
from glare import exception
from glare.policies import quotas as quota_policy

CONF = cfg.CONF
JSON = ('application/json',)


def _limit(request):
    """``limit`` of the request; None (every project) when not given."""
    if 'limit' not in request.GET:
        return None
    try:
        limit = int(request.GET['limit'])
    except ValueError:
        limit = 0
    if limit < 1:
        raise exception.BadRequest('Invalid limit %r: it must be a '
                                   'positive integer.' %
                                   request.GET.get('limit'))
    return min(limit, CONF.max_api_limit)


def _changes(body):
    """``{project_id: {name: value}}`` from a PUT body.

    The body is Glare's: ``[{"project_id": ..., "project_quotas":
    [{"quota_name": ..., "quota_value": ...}]}]``.
    """
    if not isinstance(body, list):
        raise exception.BadRequest(
            'The body must be a list of {"project_id": ..., '
            '"project_quotas": [{"quota_name": ..., "quota_value": ...}]}.')
    changes = {}
    for item in body:
        if not isinstance(item, dict) or set(item) != {'project_id',
                                                       'project_quotas'}:
            raise exception.BadRequest(
                'Each item needs exactly project_id and project_quotas, '
                'not %r.' % (item,))
        values = item['project_quotas']
        if not isinstance(values, list) or not all(
                isinstance(q, dict) and set(q) == {'quota_name',
                                                   'quota_value'}
                for q in values):
            raise exception.BadRequest(
                'project_quotas must be a list of {"quota_name": ..., '
                '"quota_value": ...}, not %r.' % (values,))
        if not isinstance(item['project_id'], str):
            raise exception.BadRequest('A project_id must be a string, not '
                                       '%r.' % (item['project_id'],))
        changes.setdefault(item['project_id'], {}).update(
            (q['quota_name'], q['quota_value']) for q in values)
    return changes


def _listed(values):
    """Quotas as Glare listed them, by name."""
    return [{'quota_name': name, 'quota_value': value}
            for name, value in sorted(values.items())]


def _rendered(report):
    return {'project_id': report['project_id'],
            'project_quotas': _listed(report['project_quotas']),
            'project_usage': _listed(report['project_usage'])}


def list_all(request):
    ctx = request.context
    ctx.can(quota_policy.LIST, {'project_id': ctx.project_id})
    projects, more = quotas.list_projects(
        ctx, _limit(request), request.GET.get('marker'))
    body = {'quotas': [{'project_id': project['project_id'],
                        'project_quotas': _listed(project['project_quotas'])}
                       for project in projects],
            'global_quotas': quotas.defaults()}
    if more:
        params = [(k, v) for k, v in request.GET.items() if k != 'marker']
        params.append(('marker', projects[-1]['project_id']))
        body['next'] = '%s?%s' % (request.path,
                                  urllib.parse.urlencode(params))
    return http.json_response(body)


def set_all(request):
    ctx = request.context
    changes = _changes(http.read_json(request, JSON))
    ctx.can(quota_policy.SET, {'project_id': ctx.project_id})
    quotas.set_quotas(ctx, changes)
    # Glare's answer.
    return http.json_response(None)


def show_project(request, project_id=None):
    ctx = request.context
    project_id = project_id or ctx.project_id
    ctx.can(quota_policy.GET, {'project_id': project_id,
                               'owner': project_id})
    return http.json_response([_rendered(quotas.report(ctx, project_id))])


def quotas_not_allowed(request):
    return http.method_not_allowed(request, ['GET', 'PUT'])


def project_quotas_not_allowed(request):
    return http.method_not_allowed(request, ['GET'])
