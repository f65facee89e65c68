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
import pecan

from glare.api import http
from glare.api import microversion
from glare.engine import quotas
from glare import exception

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
        changes.setdefault(item['project_id'], {}).update(values)
    return changes


class QuotasController:
    @pecan.expose()
    def _route(self, args, request=None):
        if args:
            pecan.abort(404)
        _require_microversion(request)
        handler = {'GET': self.list_all, 'PUT': self.set_all}.get(
            request.method)
        if handler is None:
            raise http.method_not_allowed(request, ['GET', 'PUT'])
        return handler, []

    @pecan.expose()
    def list_all(self):
        request = pecan.request
        ctx = http.context(request)
        ctx.can('artifact:quota_list', {'project_id': ctx.project_id})
        projects, more = quotas.list_projects(
            ctx, _limit(request), request.GET.get('marker'))
        body = {'quotas': projects}
        if more:
            params = [(k, v) for k, v in request.GET.items()
                      if k != 'marker']
            params.append(('marker', projects[-1]['project_id']))
            body['next'] = '%s?%s' % (request.path,
                                      urllib.parse.urlencode(params))
        return http.json_response(body)

    @pecan.expose()
    def set_all(self):
        request = pecan.request
        ctx = http.context(request)
        changes = _changes(http.read_json(request, JSON))
        ctx.can('artifact:quota_set', {'project_id': ctx.project_id})
        quotas.set_quotas(ctx, changes)
        return http.json_response({'quotas': [
            quotas.report(ctx, project_id) for project_id in changes]})


class ProjectQuotasController:
    @pecan.expose()
    def _route(self, args, request=None):
        if len(args) > 1 or (args and not args[0]):
            pecan.abort(404)
        _require_microversion(request)
        if request.method not in ('GET', 'HEAD'):
            raise http.method_not_allowed(request, ['GET'])
        return self.show, args

    @pecan.expose()
    def show(self, project_id=None):
        ctx = http.context(pecan.request)
        project_id = project_id or ctx.project_id
        ctx.can('artifact:quota_get', {'project_id': project_id,
                                       'owner': project_id})
        return http.json_response({'quotas': [quotas.report(ctx,
                                                            project_id)]})
