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

"""Artifact use cases: create, show, list, JSON-patch update, delete.

Callers authorize (see ``glare.api.authorization``): before calling, or,
for the use cases that read again after losing a race, through the
``authorize(artifact, actions)`` callable they pass, which is asked on
every read. Here the rules of the artifact itself are applied: field
validation, immutability after activation, lifecycle transitions,
uniqueness (in the database).
"""

import math
import random
import time

import jsonpatch
import jsonpointer
from oslo_config import cfg
from oslo_log import log
from oslo_utils import strutils
from oslo_utils import timeutils

from glare.db import aliases as db_aliases
from glare.db import api as db_api
from glare.db import consumers as db_consumers
from glare.db import listing as db_listing
from glare.db import mapping
from glare.engine import blob_access
from glare.engine import hooks
from glare.engine import lifecycle
from glare.engine import links
from glare.engine import listing
from glare.engine import notifications
from glare.engine import quotas
from glare import exception
from glare.objects import base
from glare.objects import fields as f
from glare.objects import registry

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# An update re-applies its patch to fresh data this many times when
# concurrent updates keep winning the race, then gives up with 409.
# Between attempts it waits a random time (up to UPDATE_BACKOFF doubled
# per attempt, at most UPDATE_BACKOFF_MAX seconds) so that racers, in this
# process or in others on the same database, spread out instead of
# colliding again.
UPDATE_ATTEMPTS = 10
UPDATE_BACKOFF = 0.01
UPDATE_BACKOFF_MAX = 0.5


def read_scope(context):
    """The project whose rows the caller sees; None sees all.

    ``artifact:read_all_projects`` decides who sees all. An anonymous
    caller has no project: the empty string owns nothing, so it sees
    public artifacts only.
    """
    if context.all_projects:
        return None
    return context.project_id or ''


def _to_object(artifact_type, record):
    if artifact_type.read_only:
        art = mapping.to_artifact(artifact_type, record)
        try:
            art.display_type_name = registry.get(
                record['type_name']).get_display_type_name()
        except exception.TypeNotFound:
            art.display_type_name = record['type_name']
        return art
    return mapping.to_artifact(artifact_type, record)


def _check_writable(artifact_type):
    if artifact_type.read_only:
        raise exception.Forbidden(
            'Artifact type %s is a read-only view; use the artifact\'s own '
            'type to change it.' % artifact_type.get_type_name())


def _check_settable(artifact_type, name):
    field = artifact_type.field(name)
    if name == 'display_type_name':
        # Glare answers 400, not 403, although it is a system field.
        raise exception.BadRequest(
            'Field display_type_name cannot be set; it comes from the '
            'artifact type.')
    if field.system:
        raise exception.ReadOnlyField(name=name)
    if name in base.LIFECYCLE_FIELDS:
        raise exception.BadRequest(
            'Field %s cannot be set at creation; change it later with a '
            'PATCH of /%s.' % (name, name))
    if isinstance(field, f.Blob):
        raise exception.BadRequest(
            'Field %s is a blob: upload data to it with PUT '
            '/artifacts/%s/<id>/%s.' % (
                name, artifact_type.get_type_name(), name))
    return field


def _coerce(artifact_type, name, value):
    """Check a value given for field ``name``.

    Glare read numbers and booleans from strings too, and
    python-glareclient's ``--property key=value`` sends nothing else: a
    string holding one is taken as that value.
    """
    if isinstance(value, str):
        value = _from_text(artifact_type.field(name), value)
    return artifact_type.coerce_field(name, value)


def _from_text(field, text):
    """The number or boolean ``text`` holds; else ``text`` unchanged."""
    try:
        if isinstance(field, f.Boolean):
            return strutils.bool_from_string(text, strict=True)
        if isinstance(field, f.Integer):
            return int(text)
        if isinstance(field, f.Float):
            number = float(text)
            return number if math.isfinite(number) else text
    except ValueError:
        pass
    return text


def create(context, artifact_type, body):
    """Create a drafted, private artifact from the request body."""
    _check_writable(artifact_type)
    if not isinstance(body, dict):
        raise exception.BadRequest('The request body must be a JSON object.')
    values = {}
    for name, value in body.items():
        _check_settable(artifact_type, name)
        values[name] = _coerce(artifact_type, name, value)
    if values.get('name') is None:
        raise exception.BadRequest('Field name is required.')
    art = artifact_type.new(context, values)
    hooks.before_create(context, art)
    links.check(context, art, art.attributes, get)
    columns, properties = mapping.to_rows(art)
    tags = columns.pop('tags')
    type_name = artifact_type.get_type_name()
    created = _insert(context, artifact_type, columns, properties, tags,
                      quotas.configured(quotas.NUMBER, type_name))
    LOG.info('Created %s artifact %s (%s %s)',
             artifact_type.get_type_name(), art.id, art.name, art.version)
    return created


@db_api.retry_on_deadlock
def _insert(context, artifact_type, columns, properties, tags, limits):
    with db_api.transaction(context):
        record = db_api.create(context, artifact_type.get_type_name(),
                               columns, properties, tags,
                               default_limits=limits)
        created = _to_object(artifact_type, record)
        notifications.artifact_event(context, 'create', created)
    return created


def get(context, artifact_type, artifact_id):
    """An artifact in the caller's read scope; 404 otherwise."""
    return _read(context, artifact_type, artifact_id)[1]


def _read(context, artifact_type, artifact_id):
    """``(record, artifact)``: ``get``'s artifact and the record of it."""
    type_name = None if artifact_type.read_only \
        else artifact_type.get_type_name()
    scope = read_scope(context)
    # Those who see every project also see deleted artifacts that await
    # the scrubber, so they can restore them.
    record = db_api.get(context, artifact_id, type_name=type_name,
                        project_id=scope, include_deleted=scope is None)
    return record, _to_object(artifact_type, record)


def list_artifacts(context, artifact_type, params, default_limit,
                   max_limit, count_limit=None):
    """``(artifacts, total_count, more)`` for list parameters.

    ``count_limit``: the largest ``total_count`` a page that has more
    rows after it counts to (None: every match).
    """
    query = listing.build(artifact_type, params, read_scope(context),
                          default_limit, max_limit,
                          artifact_type.version_seen_by(context),
                          sharing='shared' in
                          lifecycle.visibilities_for(context))
    query.count_limit = count_limit
    records, total, more = db_listing.list_artifacts(context, query)
    return [_to_object(artifact_type, r) for r in records], total, more


def parse_patch(patch):
    """Check the shape of a JSON-patch document before using it."""
    if not isinstance(patch, list):
        raise exception.InvalidJsonPatch(
            reason='the body must be a JSON list of operations')
    try:
        parsed = jsonpatch.JsonPatch(patch)
    except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException,
            TypeError, AttributeError) as exc:
        raise exception.InvalidJsonPatch(reason=exc)
    for operation in patch:
        path = operation.get('path') if isinstance(operation, dict) \
            else None
        # A field is set to null, never removed, even when it is null.
        if operation.get('op') == 'remove' and isinstance(path, str) and \
                path.count('/') == 1:
            raise exception.BadRequest('Field %s cannot be removed.' %
                                       path[1:])
    return parsed


def _actions(context, artifact, old, new):
    """What changing ``artifact`` into ``new`` does, for the authorizer.

    ``update``, ``activate``, ``publish``...: named from what the change
    asks for, before any lifecycle rule is checked, so that a caller who
    may not do it is refused (403) without learning whether the artifact's
    state would allow it. ``old`` is ``artifact.to_dict()``.
    """
    if artifact.status == 'deleted':
        return ['restore']
    actions = []
    if any(new.get(name) != value for name, value in old.items()
           if name not in base.LIFECYCLE_FIELDS) or \
            set(new) - set(artifact.attributes):
        actions.append('update')
    for action in (lifecycle.requested_status_action(artifact.status,
                                                     new.get('status')),
                   lifecycle.requested_visibility_action(
                       artifact.visibility, new.get('visibility'),
                       lifecycle.visibilities_for(context))):
        if action and action not in actions:
            actions.append(action)
    return actions


def _apply(old, patch):
    try:
        new = patch.apply(old)
    except (jsonpatch.JsonPatchException,
            jsonpointer.JsonPointerException) as exc:
        raise exception.InvalidJsonPatch(reason=exc)
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise exception.InvalidJsonPatch(reason=repr(exc))
    if not isinstance(new, dict):
        # A whole-document replace ("path": "") with a non-object value.
        raise exception.InvalidJsonPatch(
            reason='the patched artifact must stay a JSON object')
    return new


def update(context, artifact_type, artifact_id, patch, authorize,
           force=False):
    """Apply a JSON-patch; retried on fresh data when racing others.

    ``authorize(artifact, actions)`` is asked on every read, so the
    update is always allowed for the state it writes over. ``force``
    deactivates an artifact that consumers still use (``authorize`` is
    asked for the ``force`` action too).
    """
    _check_writable(artifact_type)
    for attempt in range(UPDATE_ATTEMPTS):
        if attempt:
            time.sleep(random.uniform(0, min(
                UPDATE_BACKOFF_MAX, UPDATE_BACKOFF * 2 ** attempt)))
        record, art = _read(context, artifact_type, artifact_id)
        # The artifact as the API shows it: what the patch applies to and
        # what its result is compared with.
        old = art.to_dict()
        new = _apply(old, patch)
        actions = _actions(context, art, old, new)
        if force and art.consumer_count and 'deactivate' in actions:
            actions.append('force')
        authorize(art, actions)
        try:
            return _update(context, art, old, new, force, record)
        except exception.ConcurrentUpdate:
            LOG.debug('Update of %s lost a race; retrying', artifact_id)
    raise exception.ConcurrentUpdate(id=artifact_id)


def _check_restore(art, old, new):
    """A deleted artifact can only go back to the status it had."""
    if new.get('status') != art.deleted_status or any(
            new.get(name) != value for name, value in old.items()
            if name != 'status'):
        raise exception.BadRequest(
            'Artifact %s is deleted: the only change allowed is restoring '
            'it with status %s.' % (art.id, art.deleted_status))


def _restore(context, art, old, new):
    _check_restore(art, old, new)
    with db_api.transaction(context):
        restored = _to_object(type(art), db_api.restore(context, art.id,
                                                        art.row_version))
        notifications.artifact_event(context, 'restore', restored)
    LOG.info('Restored %s artifact %s', art.get_type_name(), art.id)
    return restored


def check_unused(artifact, force):
    """409 naming how many consumers use ``artifact``, unless forced.

    The write that follows requires the row version this was read at;
    registering a consumer moves it, so no consumer arrives unseen.
    """
    if artifact.consumer_count and not force:
        raise exception.ArtifactInUse(id=artifact.id,
                                      count=artifact.consumer_count)


def _update(context, art, old, new, force=False, record=None):
    """Write the change from ``old`` to ``new`` of ``art``.

    ``record`` is what ``art`` was read from; the answer is rendered from
    it and the change, not read again.
    """
    if art.status == 'deleted':
        return _restore(context, art, old, new)
    unknown = sorted(set(new) - set(art.attributes))
    if unknown:
        raise exception.BadRequest('Unknown field %s for artifact type %s.'
                                   % (unknown[0], art.get_type_name()))
    changed = [name for name in art.attributes
               if name not in base.LIFECYCLE_FIELDS
               and new.get(name) != old[name]]
    for name in changed:
        if name not in new:
            raise exception.BadRequest('Field %s cannot be removed.' % name)
        field = art.field(name)
        if field.system:
            raise exception.ReadOnlyField(name=name)
        if isinstance(field, f.Blob):
            raise exception.BadRequest(
                'Field %s is a blob: change it by uploading data.' % name)
        if art.status == 'deactivated':
            raise exception.Forbidden(
                'Field %s cannot be changed: the artifact is deactivated '
                'until an administrator reactivates it.' % name)
        if art.status != 'drafted' and not field.is_mutable(
                type(art).version_seen_by(context)):
            raise exception.ImmutableField(name=name, status=art.status)
        setattr(art, name, _coerce(art, name, new[name]))
        if name == 'tags':
            art.tags = base._unique(art.tags)
    now = timeutils.utcnow()
    status_action = lifecycle.status_action(art.status, new.get('status'))
    visibility_action = lifecycle.visibility_action(
        art.visibility, new.get('visibility'), new.get('status'),
        lifecycle.visibilities_for(context))
    if status_action == 'deactivate':
        check_unused(art, force)
    if status_action:
        changed.append('status')
        art.status = new['status']
        if status_action == 'activate':
            lifecycle.check_activation(art)
            art.activated_at = now
            changed.append('activated_at')
    if visibility_action:
        changed.append('visibility')
        art.visibility = new['visibility']
    changed.extend(hooks.before_update(
        context, art, changed, (status_action, visibility_action)))
    links.check(context, art, changed, get)
    if not changed:
        return art
    art.updated_at = now
    changed.append('updated_at')
    columns, properties = mapping.to_rows(art, changed)
    tags = columns.pop('tags', None)
    with db_api.transaction(context):
        updated = _to_object(type(art), db_api.update(
            context, art.id, art.row_version, columns, properties, tags,
            current=record))
        if set(changed) - {'status', 'visibility', 'activated_at',
                           'updated_at'}:
            notifications.artifact_event(context, 'update', updated)
        for action in (status_action, visibility_action):
            if action == 'deactivate' and art.consumer_count:
                notifications.artifact_event(
                    context, action, updated, forced=True,
                    consumer_count=art.consumer_count)
            elif action:
                notifications.artifact_event(context, action, updated)
    LOG.info('Updated %s artifact %s: %s', art.get_type_name(), art.id,
             ', '.join(sorted(changed)))
    return updated


def _delete_action(artifact):
    if artifact.status == 'deactivated':
        return 'delete_deactivated'
    if artifact.visibility == 'public':
        return 'delete_public'
    return 'delete_private'


def delete(context, artifact_type, artifact_id, authorize, force=False):
    """Delete an artifact, then its stored blob data.

    ``authorize(artifact, actions)`` is asked on every read; a deletion
    that lost a race with an update reads and asks again, and one that
    lost to another deletion finds nothing (404). Data the store fails to
    delete stays queued for a later attempt. An artifact with consumers
    is deleted only when ``force`` is given (409 otherwise; ``authorize``
    is asked for the ``force`` action too); its consumers and aliases go
    with it.
    """
    _check_writable(artifact_type)
    for attempt in range(UPDATE_ATTEMPTS):
        if attempt:
            time.sleep(random.uniform(0, min(
                UPDATE_BACKOFF_MAX, UPDATE_BACKOFF * 2 ** attempt)))
        artifact = get(context, artifact_type, artifact_id)
        if artifact.status == 'deleted':
            raise exception.ArtifactNotFound(id=artifact.id)
        authorize(artifact, [_delete_action(artifact)] + (
            ['force'] if force and artifact.consumer_count else []))
        check_unused(artifact, force)
        hooks.before_delete(context, artifact)
        try:
            _delete(context, artifact)
        except exception.ConcurrentUpdate:
            LOG.debug('Deletion of %s lost a race; retrying', artifact_id)
            continue
        return
    raise exception.ConcurrentUpdate(id=artifact_id)


def remove(context, artifact, **extra):
    """Delete ``artifact`` as read (its row version), without hooks.

    For glare's own deletions (retention); ``ConcurrentUpdate`` when the
    artifact changed since it was read. ``extra`` goes into the
    notification.
    """
    _delete(context, artifact, **extra)


def _delete(context, artifact, **extra):
    entries = []
    if artifact.consumer_count:
        extra.update(forced=True, consumer_count=artifact.consumer_count)
    with db_api.transaction(context):
        if CONF.delayed_delete:
            db_api.soft_delete(context, artifact.id, artifact.row_version)
        else:
            entries = db_api.delete(context, artifact.id,
                                    artifact.row_version)
        # Consumers and aliases go with the artifact (hard deletes
        # cascade; a soft-deleted row keeps none either).
        if artifact.consumer_count:
            db_consumers.remove_all(context, artifact.id)
        db_aliases.remove_all(context, artifact.id)
        notifications.artifact_event(context, 'delete', artifact, **extra)
    if CONF.delayed_delete:
        LOG.info('Marked %s artifact %s deleted; glare-scrubber purges it',
                 artifact.get_type_name(), artifact.id)
    else:
        LOG.info('Deleted %s artifact %s', artifact.get_type_name(),
                 artifact.id)
        blob_access.remove_data(context, entries)
