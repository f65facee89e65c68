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

"""Importing a Glare 5.0.1 deployment's catalogue into glare.

Reads the Glare database (glare.db.glare501) and writes each artifact,
as it was there, into glare's (glare.db.imports): same id, owner,
version, status, visibility and timestamps; its type's fields, tags and
metadata; its blobs with their digests. Stored data stays where Glare
put it and glare reads it through glance_store: the file's location
must lie in a backend glare has configured. ``copy_blobs`` copies it
into glare's backend for the type instead; data in Glare's database
store is always copied (glare has no such store). External locations
stay external. Per-project quota overrides come along.

Nothing is guessed: whatever cannot be carried (an artifact of a type
glare does not have enabled, a value glare's field refuses, a blob
whose data is missing) is left out and reported with the reason.

Running it again is safe: an artifact already imported and unchanged
in Glare is left alone, one that changed in Glare since is imported
again unless it was changed in glare meanwhile (then it is reported),
so an import can be repeated up to the switch-over and resumed after
an interruption. ``dry_run`` reads and checks everything, reports
what would be done, and writes nothing (no data is copied).
"""

import collections
import os
import urllib.parse
import uuid

from oslo_config import cfg
from oslo_log import log

from glare.db import glare501
from glare.db import imports as db_imports
from glare.db import mapping
from glare.engine import blob_access
from glare.engine import quotas
from glare import exception
from glare.objects import fields as f
from glare.objects import registry
from glare.store import api as store

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# The types Glare 5.0.1 shipped; any other type name in its database was
# a third-party plugin.
GLARE501_TYPES = ('images', 'heat_templates', 'heat_environments',
                  'tosca_templates', 'murano_packages', 'secrets')
# Outcomes, as counted in the report.
IMPORTED = 'imported'
UPDATED = 'updated'
UNCHANGED = 'unchanged'
NOT_CARRIED = 'not_carried'
# How a blob's data reached glare.
IN_PLACE = 'in_place'
COPIED = 'copied'
EXTERNAL = 'external'

# Names the copies of Glare's data (see _copy).
_COPY_IDS = uuid.UUID('6f1d3c0e-8a52-4b7e-9d21-5c4f0a7b3e68')


class Report(object):
    """Counts, per kind of row and outcome, and every row left out."""

    def __init__(self, dry_run):
        self.dry_run = dry_run
        self.counts = collections.defaultdict(collections.Counter)
        self.by_type = collections.defaultdict(collections.Counter)
        self.not_carried = []
        self.types_not_imported = {}
        self.source_revision = None

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def leave_out(self, kind, ident, reason):
        self.counts[kind][NOT_CARRIED] += 1
        self.not_carried.append({'kind': kind, 'id': ident,
                                 'reason': reason})
        LOG.warning('Not imported: %s %s: %s', kind, ident, reason)

    def to_dict(self):
        return {
            'dry_run': self.dry_run,
            'source_schema_revision': self.source_revision,
            'counts': {kind: dict(sorted(outcomes.items()))
                       for kind, outcomes in sorted(self.counts.items())},
            'artifacts_by_type': {
                name: dict(sorted(outcomes.items()))
                for name, outcomes in sorted(self.by_type.items())},
            'types_not_imported': dict(sorted(
                self.types_not_imported.items())),
            'not_carried': self.not_carried,
        }


def run(context, connection, dry_run=False, copy_blobs=False):
    """Import the Glare 5.0.1 database at ``connection``; a Report."""
    report = Report(dry_run)
    source = glare501.Source(connection)
    # Stored data has one owner: which artifact's blob took each location
    # used in place in this run, under every URI naming it.
    claimed = {}
    try:
        report.source_revision = source.check()
        for artifact in source.artifacts():
            _import_artifact(context, source, artifact, report, dry_run,
                             copy_blobs, claimed)
        for project_id, name, value in source.quotas():
            _import_quota(context, project_id, name, value, report, dry_run)
    finally:
        source.close()
    return report


def _type_problem(type_name):
    """Why artifacts of ``type_name`` cannot be imported, or None."""
    if type_name == registry.ALL_VIEW:
        return 'Glare listed "all" as a view; it holds no artifacts'
    try:
        registry.get(type_name)
        return None
    except exception.TypeNotFound:
        pass
    if type_name in GLARE501_TYPES:
        return ('type %s is not enabled in glare (add it to [DEFAULT] '
                'enabled_artifact_types and import again)' % type_name)
    return ('type %s was a third-party type in Glare; glare has no such '
            'type enabled (install and enable a glare plugin of that name, '
            'then import again)' % type_name)


def _import_artifact(context, source, row, report, dry_run, copy_blobs,
                     claimed):
    ident = row['id']
    type_name = row['type_name']
    problem = _type_problem(type_name)
    if problem:
        report.types_not_imported[type_name] = problem
        report.by_type[type_name][NOT_CARRIED] += 1
        report.leave_out('artifact', ident, problem)
        return
    if row['status'] == 'deleted':
        report.by_type[type_name][NOT_CARRIED] += 1
        report.leave_out('artifact', ident, 'deleted in Glare (waiting for '
                         'its scrubber); its data is left to Glare')
        return
    existing = db_imports.existing(context, ident)
    replace = None
    if existing is not None:
        old_type, row_version, updated_at = existing
        reason = None
        if old_type != type_name:
            reason = 'its id is taken by a %s artifact in glare' % old_type
        elif updated_at == row['updated_at']:
            report.by_type[type_name][UNCHANGED] += 1
            report.count('artifact', UNCHANGED)
            return
        elif row_version != 1:
            reason = ('changed in Glare since the last import and in glare '
                      'too; glare\'s version is kept')
        if reason:
            report.by_type[type_name][NOT_CARRIED] += 1
            report.leave_out('artifact', ident, reason)
            return
        replace = row_version
    artifact_type = registry.get(type_name)
    try:
        art, parts = _to_object(artifact_type, row, report)
    except exception.GlareException as exc:
        report.by_type[type_name][NOT_CARRIED] += 1
        report.leave_out('artifact', ident, str(exc))
        return
    columns, properties = mapping.to_rows(art)
    tags = columns.pop('tags')
    columns['type_name'] = type_name
    # Data an earlier run copied is used again, not copied again.
    kept = db_imports.locations(context, ident) if replace else set()
    blobs, copied, blob_outcomes = _blobs(
        context, source, artifact_type, row, kept, claimed, report, dry_run,
        copy_blobs)
    outcome = IMPORTED if replace is None else UPDATED
    try:
        # A dry run writes and rolls back: it meets the same conflicts.
        queued = db_imports.write(context, columns, properties, tags,
                                  blobs, replace=replace, check_only=dry_run)
    except exception.GlareException as exc:
        # Copies an earlier import made of the same data stay in use.
        _discard(set(copied) - db_imports.locations(context, ident))
        report.by_type[type_name][NOT_CARRIED] += 1
        report.leave_out('artifact', ident, str(exc))
        return
    if queued:
        blob_access.remove_data(context, queued)
    parts.update(blob_outcomes)
    for (kind, part_outcome), n in parts.items():
        report.count(kind, part_outcome, n)
    report.by_type[type_name][outcome] += 1
    report.count('artifact', outcome)


def _to_object(artifact_type, row, report):
    """The artifact ``row`` was in Glare, as glare's object.

    A column Glare's row has that glare's field refuses fails the whole
    artifact; a property or tag is left out on its own. Returns the
    object and how many properties and tags it carries
    (``{(kind, outcome): n}``).
    """
    parts = collections.Counter()
    art = artifact_type()
    for name in mapping.COLUMN_FIELDS:
        value = row[name]
        if name == 'owner' and (not value or
                                len(value) > quotas.PROJECT_ID_MAX):
            raise exception.BadRequest(
                'its owner must be a project id of 1 to %d characters, not '
                '%r' % (quotas.PROJECT_ID_MAX, value))
        if value is not None and name not in (
                'created_at', 'updated_at', 'activated_at'):
            value = artifact_type.coerce_field(name, value)
        setattr(art, name, value)
    tags = []
    for tag in row['tags']:
        try:
            artifact_type.field('tags').item.coerce(tag['value'])
        except ValueError as exc:
            report.leave_out('tag', '%s/%s' % (row['id'], tag['value']),
                             'glare refuses it: %s' % exc)
            continue
        if tag['value'] not in tags:
            tags.append(tag['value'])
    art.tags = sorted(tags)
    parts['tag', IMPORTED] += len(tags)
    for name, value in _property_values(artifact_type, row, report).items():
        try:
            setattr(art, name, artifact_type.coerce_field(name, value))
            parts['property', IMPORTED] += 1
        except exception.GlareException as exc:
            report.leave_out('property', '%s/%s' % (row['id'], name),
                             str(exc))
    for name, field in artifact_type.attributes.items():
        if not art.obj_attr_is_set(name):
            setattr(art, name, field.empty()
                    if isinstance(field, f._Container) else None)
    return art, parts


def _property_values(artifact_type, row, report):
    """``{field name: value}`` of Glare's property rows."""
    values = {}
    for prop in row['properties']:
        name = prop['name']
        field = artifact_type.attributes.get(name)
        ident = '%s/%s' % (row['id'], name)
        if field is None or isinstance(field, f.Blob) or \
                name in mapping.COLUMN_FIELDS or name == 'tags':
            report.leave_out('property', ident, 'glare\'s %s type has no '
                             'such field' % artifact_type.get_type_name())
            continue
        value = glare501.property_value(prop)
        if isinstance(field, f.List):
            values.setdefault(name, {})[prop['position']] = value
        elif isinstance(field, f.Dict):
            values.setdefault(name, {})[prop['key_name']] = value
        else:
            values[name] = value
    for name, value in values.items():
        if isinstance(artifact_type.attributes[name], f.List):
            values[name] = [value[position] for position in sorted(
                value, key=lambda p: -1 if p is None else p)]
    return values


def _blobs(context, source, artifact_type, row, kept, claimed, report,
           dry_run, copy_blobs):
    """``(glare blob rows, data copied, {('blob', outcome): n})``."""
    result, copied, outcomes = [], [], collections.Counter()
    for blob in row['blobs']:
        ident = '%s/%s%s' % (row['id'], blob['name'],
                             '/' + blob['key_name'] if blob['key_name']
                             is not None else '')
        try:
            values, outcome = _blob(source, artifact_type, blob, kept,
                                    dry_run, copy_blobs)
            if outcome == IN_PLACE:
                _claim(context, row['id'], ident, values, claimed)
        except exception.GlareException as exc:
            report.leave_out('blob', ident, str(exc))
            continue
        values.update(field_name=blob['name'],
                      key_name=blob['key_name'] or '',
                      status='active', size=blob['size'], md5=blob['md5'],
                      sha1=blob['sha1'], sha256=blob['sha256'],
                      content_type=blob['content_type'])
        if outcome == COPIED and not dry_run:
            copied.append((values['location'], values['backend']))
        result.append(values)
        outcomes['blob', outcome] += 1
    return result, copied, outcomes


def _blob(source, artifact_type, blob, kept, dry_run, copy_blobs):
    """Where glare finds one blob's data: ``(columns, outcome)``.

    Raises a GlareException naming why the blob cannot be carried.
    """
    field = artifact_type.attributes.get(blob['name'])
    if not isinstance(field, f.Blob):
        raise exception.BadRequest('glare\'s %s type has no blob field %s' %
                                   (artifact_type.get_type_name(),
                                    blob['name']))
    if isinstance(field, f.Folder) != (blob['key_name'] is not None):
        raise exception.BadRequest(
            'field %s is a %s in glare' % (blob['name'], 'folder' if
                                           isinstance(field, f.Folder)
                                           else 'plain blob'))
    if blob['key_name'] is not None:
        blob_access.check_folder_key(blob['key_name'])
    if blob['status'] != 'active':
        raise exception.BadRequest(
            'its status in Glare is %s: the upload never finished' %
            blob['status'])
    url = blob['url']
    if not url:
        raise exception.BadRequest('Glare recorded no location for it')
    if blob['external']:
        return {'external': True, 'url': url}, EXTERNAL
    if url.startswith(glare501.DATABASE_STORE_SCHEME):
        data = source.stored_data(url)
        if data is None:
            raise exception.BadRequest('its data is missing from Glare\'s '
                                       'database store (%s)' % url)
        return _copy(artifact_type, blob, lambda: _BytesReader(data),
                     len(data), kept, dry_run), COPIED
    if copy_blobs:
        reader, size = _source_reader(url)
        return _copy(artifact_type, blob, reader, size, kept,
                     dry_run), COPIED
    backend = _backend_of(url)
    size = store.size_of(url, backend)
    if blob['size'] is not None and size != blob['size']:
        raise exception.BadRequest(
            'the data at %s has %d bytes; Glare recorded %d' % (
                url, size, blob['size']))
    return {'external': False, 'location': url, 'backend': backend}, \
        IN_PLACE


def _backend_of(url):
    """The glare backend holding the data Glare stored at ``url``.

    Several backends may take a scheme (two filesystem backends: glare's
    own and one over Glare's directory); the one whose data directories
    hold the file is meant.
    """
    try:
        return store.find_backend(CONF, url)
    except exception.BadRequest as exc:
        taking = []
        for backend in sorted(CONF.enabled_backends):
            try:
                taking.append(store.find_backend(CONF, url, backend))
            except exception.BadRequest:
                continue
        if len(taking) == 1:
            return taking[0]
        raise exception.BadRequest(
            '%s Configure a glare backend over Glare\'s store, or import '
            'with --copy-blobs.' % exc)


def _claim(context, artifact_id, ident, values, claimed):
    """Refuse data another artifact's blob holds, in glare or this run.

    Deleting either artifact would delete the other's data.
    """
    same = store.spellings(CONF, values['location'], values['backend'])
    holder = db_imports.holder(context, same, artifact_id)
    if holder is None:
        holder = next((claimed[uri][1] for uri in same if uri in claimed
                       and claimed[uri][0] != artifact_id), None)
    if holder is not None:
        raise exception.Conflict(
            'its data at %s is held by blob %s too; stored data has one '
            'owner' % (values['location'], holder))
    for uri in same:
        claimed[uri] = (artifact_id, ident)


def _source_reader(url):
    """``(opener, size)`` of data Glare stored at ``url``, to copy it.

    A file is read where it is, whether or not a glare backend covers
    its directory; other schemes through the glare backend that takes
    them.
    """
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme == 'file':
        path = urllib.parse.unquote(parsed.netloc + parsed.path)
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise exception.BadRequest('cannot read its data at %s: %s' % (
                url, exc.strerror))
        return (lambda: open(path, 'rb')), size
    backend = _backend_of(url)
    size = store.size_of(url, backend)
    return (lambda: _IterReader(store.get(CONF, url, backend)[0])), size


def _copy(artifact_type, blob, opener, size, kept, dry_run):
    """Copy a blob's data into glare's backend for the type.

    ``kept`` are the ``(location, backend)`` of the data glare has for
    the artifact: a copy an earlier run made of the same data is used
    again.
    """
    backend = store.backend_for(CONF, artifact_type.get_type_name())
    if blob['size'] is not None and size != blob['size']:
        raise exception.BadRequest(
            'its data has %d bytes; Glare recorded %d' % (size,
                                                          blob['size']))
    # The same data gets the same id in every run, so a run that resumes
    # an interrupted one replaces what that one had copied (of a file
    # store) rather than leaving it behind.
    blob_id = str(uuid.uuid5(_COPY_IDS, '\n'.join(
        (blob['artifact_id'], blob['id'], blob['url']))))
    for location, location_backend in kept:
        if location_backend == backend and \
                location.rstrip('/').endswith('/' + blob_id):
            return {'external': False, 'location': location,
                    'backend': backend}
    if dry_run:
        return {'external': False, 'location': None, 'backend': backend}
    store.discard_partial(CONF, blob_id, backend)
    reader = opener()
    try:
        location, written, md5, sha256 = store.add(
            CONF, blob_id, reader, size, backend)
    finally:
        close = getattr(reader, 'close', None)
        if close:
            close()
    for name, digest in (('md5', md5), ('sha256', sha256)):
        if blob[name] and blob[name] != digest:
            store.delete(location, backend)
            raise exception.BadRequest(
                'its data does not match the %s Glare recorded' % name)
    return {'external': False, 'location': location, 'backend': backend}


def _discard(copied):
    for location, backend in copied:
        try:
            store.delete(location, backend)
        except exception.GlareException as exc:
            LOG.warning('Could not remove copied data at %s: %s', location,
                        exc)


class _BytesReader(object):
    def __init__(self, data):
        self._data = memoryview(data)
        self._at = 0

    def read(self, size=-1):
        end = len(self._data) if size is None or size < 0 else \
            self._at + size
        chunk = bytes(self._data[self._at:end])
        self._at += len(chunk)
        return chunk


class _IterReader(object):
    """A file-like reader over an iterator of chunks."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._buffer = b''

    def read(self, size=-1):
        while size is None or size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size is None or size < 0:
            size = len(self._buffer)
        chunk, self._buffer = self._buffer[:size], self._buffer[size:]
        return chunk


def _import_quota(context, project_id, name, value, report, dry_run):
    ident = '%s/%s' % (project_id, name)
    try:
        quotas.check_name(name)
        if len(project_id) > quotas.PROJECT_ID_MAX:
            raise exception.BadRequest('the project id is longer than %d '
                                       'characters' % quotas.PROJECT_ID_MAX)
    except exception.GlareException as exc:
        report.leave_out('quota', ident, str(exc))
        return
    if dry_run:
        changed = db_imports.quota(context, project_id, name) != value
    else:
        changed = db_imports.set_quota(context, project_id, name, value)
    report.count('quota', IMPORTED if changed else UNCHANGED)
