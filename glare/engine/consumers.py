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

"""Consumers: what outside glare uses an artifact, and who is outdated.

A consumer is registered by its id (a Nova instance's UUID, a Heat
stack's...) with the service and resource type it is, and the project it
belongs to. An artifact with consumers is not deleted or deactivated
(glare.engine.artifacts refuses with 409 unless forced).
"""

from oslo_log import log

from glare.db import api as db_api
from glare.db import consumers as db_consumers
from glare.db import mapping
from glare.engine import notifications
from glare import exception
from glare.objects import fields as f
from glare.objects import registry

LOG = log.getLogger(__name__)

MAX_ID_LENGTH = 255
MAX_NAME_LENGTH = 64
MAX_PROJECT_LENGTH = 128
BODY_KEYS = ('service', 'resource_type', 'project_id')


def _text(what, value, max_length, allow_slash=True):
    if not isinstance(value, str) or not value:
        raise exception.BadRequest('%s must be a non-empty string, not %r.'
                                   % (what, value))
    if len(value) > max_length:
        raise exception.BadRequest('%s is longer than %d characters.' % (
            what, max_length))
    try:
        f.check_text(value)
    except ValueError as exc:
        raise exception.BadRequest('%s %s.' % (what, exc))
    if not value.isprintable() or (not allow_slash and '/' in value):
        raise exception.BadRequest(
            '%s %r must be printable characters%s.' % (
                what, value, '' if allow_slash else ' without "/"'))
    return value


def check_consumer_id(consumer_id):
    return _text('Consumer id', consumer_id, MAX_ID_LENGTH,
                 allow_slash=False)


def parse_body(context, body):
    """``{service, resource_type, project_id}`` of a registration."""
    if not isinstance(body, dict):
        raise exception.BadRequest(
            'The body must be a JSON object: {"service": ..., '
            '"resource_type": ..., "project_id": ... (optional)}.')
    unknown = sorted(set(body) - set(BODY_KEYS))
    if unknown:
        raise exception.BadRequest('Unknown key %s; a consumer has %s.' % (
            unknown[0], ', '.join(BODY_KEYS)))
    values = {
        'service': _text('service', body.get('service'), MAX_NAME_LENGTH),
        'resource_type': _text('resource_type', body.get('resource_type'),
                               MAX_NAME_LENGTH),
    }
    project_id = body.get('project_id')
    if project_id is None:
        project_id = context.project_id
        if not project_id:
            raise exception.BadRequest(
                'project_id is required when the caller has no project.')
    values['project_id'] = _text('project_id', project_id,
                                 MAX_PROJECT_LENGTH)
    return values


def _payload(artifact, consumer):
    payload = notifications.artifact_payload(artifact)
    payload['consumer'] = {
        'consumer_id': consumer['consumer_id'],
        'service': consumer['service'],
        'resource_type': consumer['resource_type'],
        'project_id': consumer['project_id']}
    return payload


@db_api.retry_on_deadlock
def register(context, artifact, consumer_id, values):
    """``(consumer, created)``: idempotent for the same id."""
    with db_api.transaction(context):
        consumer, created = db_consumers.register(
            context, artifact.id, consumer_id, values)
        if created:
            notifications.notify(context, 'consumer.add',
                                 _payload(artifact, consumer))
    if created:
        LOG.info('Consumer %s (%s %s) uses %s artifact %s', consumer_id,
                 values['service'], values['resource_type'],
                 artifact.get_type_name(), artifact.id)
    return consumer, created


@db_api.retry_on_deadlock
def unregister(context, artifact, consumer_id):
    with db_api.transaction(context):
        consumer = db_consumers.unregister(context, artifact.id,
                                           consumer_id)
        notifications.notify(context, 'consumer.remove',
                             _payload(artifact, consumer))
    LOG.info('Consumer %s no longer uses %s artifact %s', consumer_id,
             artifact.get_type_name(), artifact.id)
    return consumer


def get(context, artifact, consumer_id):
    for consumer in db_consumers.of_artifact(context, artifact.id):
        if consumer['consumer_id'] == consumer_id:
            return consumer
    raise exception.ConsumerNotFound(id=artifact.id,
                                     consumer_id=consumer_id)


def of_artifact(context, artifact):
    return db_consumers.of_artifact(context, artifact.id)


def uses(context, consumer_id, scope):
    """``[(consumer, artifact)]``: what one consumer uses, in ``scope``.

    Artifacts of types not enabled here are left out.
    """
    found = []
    for consumer, record in db_consumers.uses(
            context, check_consumer_id(consumer_id), scope):
        try:
            artifact_type = registry.get(record['type_name'])
        except exception.TypeNotFound:
            continue
        found.append((consumer, mapping.to_artifact(artifact_type, record)))
    return found


def outdated_marker(item):
    """The ``marker`` that continues the rebuild list after ``item``."""
    return '%s/%s' % (item['artifact']['id'],
                      item['consumer']['consumer_id'])


def _marker_key(context, marker):
    # An artifact id is a UUID and a consumer id has no "/": the first
    # "/" separates them.
    artifact_id, sep, consumer_id = marker.partition('/')
    key = db_consumers.outdated_marker(context, artifact_id, consumer_id) \
        if sep and consumer_id else None
    if key is None:
        raise exception.MarkerNotFound(marker=marker)
    return key


def outdated(context, consumer_project, type_name=None, name=None,
             service=None, limit=None, marker=None):
    """The rebuild list: consumers of versions that have a newer one.

    ``consumer_project``: only that project's consumers (None: all).
    Returns at most ``limit`` items (None: all) after ``marker`` (see
    outdated_marker; 404 when it names no artifact), and whether more
    follow.
    """
    key = None if marker is None else _marker_key(context, marker)
    return db_consumers.outdated(context, consumer_project, type_name,
                                 name, service, limit, key)
