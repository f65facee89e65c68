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

"""Quotas: how many artifacts, and how many bytes, a project may have.

Two quotas, each global (``max_artifact_number``) or for one type
(``max_artifact_number:images``): defaults come from the configuration,
a project's overrides from the database. -1 means no limit. Counts are
checked in the database under a per-project lock (see glare.db.quotas),
so they hold across API processes and parallel requests.
"""

from oslo_config import cfg

from glare.db import api as db_api
from glare.db import quotas as db_quotas
from glare.engine import notifications
from glare import exception
from glare.objects import registry

CONF = cfg.CONF

NUMBER = 'max_artifact_number'
DATA = 'max_uploaded_data'
KINDS = (NUMBER, DATA)
# What the database keeps of a project id (glare.db.models.SCOPE_LENGTH).
PROJECT_ID_MAX = 128


def check_name(name):
    """``(kind, type_name or None)`` of a quota name; 400 if invalid."""
    kind, _, type_name = name.partition(':')
    if kind not in KINDS:
        raise exception.BadRequest(
            'Unknown quota %r: quotas are %s, alone or as '
            '"<quota>:<type_name>".' % (name, ' and '.join(KINDS)))
    if type_name:
        if type_name == registry.ALL_VIEW:
            raise exception.BadRequest('Quota %r: the "all" view holds no '
                                       'artifacts of its own.' % name)
        try:
            registry.get(type_name)
        except exception.TypeNotFound:
            raise exception.BadRequest('Quota %r names artifact type %r, '
                                       'which is not enabled.' %
                                       (name, type_name))
    return kind, type_name or None


def defaults():
    values = {NUMBER: CONF.max_artifact_number,
              DATA: CONF.max_uploaded_data}
    for item in CONF.type_quotas:
        kind, type_name, value = (item.split(':') + [None, None])[:3]
        try:
            values['%s:%s' % (kind, type_name)] = int(value)
        except (TypeError, ValueError):
            raise exception.GlareException(
                'Invalid type_quotas item %r: expected '
                '<quota>:<type_name>:<value>.' % item)
    return values


def effective(context, project_id):
    """Every quota that applies to a project: defaults plus overrides."""
    values = defaults()
    values.update(db_quotas.overrides(context, project_id))
    return values


def configured(kind, type_name):
    """``(all types, this type)`` configured limits of quota ``kind``.

    -1: none. The database applies a project's overrides to them
    (``glare.db.quotas.limits``) in the transaction that enforces them.
    """
    values = defaults()
    return (values.get(kind, -1),
            values.get('%s:%s' % (kind, type_name), -1))


def usage(context, project_id):
    """What a project uses now, under the quotas' names."""
    counts, data = db_quotas.usage(context, project_id)
    result = {NUMBER: sum(counts.values()), DATA: sum(data.values())}
    for type_name, count in counts.items():
        result['%s:%s' % (NUMBER, type_name)] = count
    for type_name, size in data.items():
        result['%s:%s' % (DATA, type_name)] = size
    return result


def report(context, project_id):
    return {'project_id': project_id,
            'project_quotas': effective(context, project_id),
            'project_usage': usage(context, project_id)}


def list_projects(context, limit=None, marker=None):
    """Projects with overrides, each with its overrides.

    ``limit`` None: every one of them.
    """
    projects, more = db_quotas.list_overrides(context, limit, marker)
    return [{'project_id': project_id, 'project_quotas': values}
            for project_id, values in projects], more


def set_quotas(context, changes):
    """Apply ``{project_id: {quota name: value}}``.

    Each project's overrides become the ones given: the others return to
    their defaults. Every name and value is checked before anything is
    written.
    """
    for project_id, values in changes.items():
        if not isinstance(project_id, str) or not project_id or \
                len(project_id) > PROJECT_ID_MAX:
            raise exception.BadRequest(
                'A project_id must be a string of 1 to %d characters.' %
                PROJECT_ID_MAX)
        for name, value in values.items():
            check_name(name)
            if isinstance(value, bool) or not isinstance(value, int) or \
                    not -1 <= value < 2 ** 63:
                raise exception.BadRequest(
                    'Quota %s of project %s must be an integer from -1 (no '
                    'limit) to 2^63-1, not %r.' % (name, project_id, value))
    with db_api.transaction(context):
        for project_id, values in changes.items():
            db_quotas.set_overrides(context, project_id, values)
            notifications.notify(context, 'quota.set', {
                'project_id': project_id, 'project_quotas': values})
