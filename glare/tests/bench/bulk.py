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

"""Bulk-loading a catalogue of images straight into glare's database.

Creating 100k artifacts through the API would take most of the time the
benchmark has, and would measure nothing the metadata section does not.
So the rows are built by glare's own code, the same calls
``glare.engine.artifacts.create`` makes: each value checked by the type's
field (``coerce_field``), the object made by ``Image.new`` and turned into
rows by ``glare.db.mapping.to_rows``, and the artifacts row completed as
``glare.db.api.create`` completes it (type, ``row_version``,
``unique_scope``). Activation and publication are applied as the
lifecycle PATCHes apply them (status, ``activated_at``, ``updated_at``,
one ``row_version`` per update). The rows are then inserted in batches
through the models' tables. ``check_equivalence`` proves the result is
what the API writes: it creates one artifact through the API, builds its
twin here and compares the rows column by column, and what ``GET`` shows.

The catalogue: ``N/10`` names with 10 versions each; every tenth name is
public (another project's), every tenth other one is private to another
project (invisible to the benchmark's user), the rest belong to the
benchmark's project. 70% of versions are active. Disk formats, distros,
two of twenty tags, a metadata key: from a seeded generator.
"""

import datetime
import random

import sqlalchemy as sa

from glare.artifact_types import images
from glare.db import api as db_api
from glare.db import mapping
from glare.db import models

TYPE = images.Image
VERSIONS = ('0.9.0', '1.0.0', '1.0.1', '1.1.0', '1.2.0-rc.1', '1.2.0',
            '1.10.0', '2.0.0-beta', '2.0.0', '2.1.0')
DISK_FORMATS = ('qcow2', 'qcow2', 'raw', 'raw', 'vmdk', 'iso', 'vhd')
DISTROS = ('ubuntu', 'fedora', 'debian', 'centos', 'cirros')
TAGS = ['tag-%02d' % i for i in range(20)]
_EPOCH = datetime.datetime(2025, 1, 1)
_BATCH = 2000
# Every column a property row may set: executemany needs uniform rows.
_PROPERTY_COLUMNS = [c.name for c in models.ArtifactProperty.__table__.columns
                     if c.name != 'id']


class _Context:
    """All ``Image.new`` reads of a request context."""

    def __init__(self, project_id):
        self.project_id = project_id


def name_of(index):
    return 'app-%05d' % (index // len(VERSIONS))


def spec(index, project, other_project):
    """What artifact ``index`` of the catalogue is, deterministically."""
    rnd = random.Random(index)
    group = (index // len(VERSIONS)) % 10
    owner = other_project if group in (0, 1) else project
    public = group == 0
    active = public or index % 10 < 7
    body = {
        'name': name_of(index),
        'version': VERSIONS[index % len(VERSIONS)],
        'description': 'Bulk-loaded benchmark image %d.' % index,
        'container_format': 'bare',
        'disk_format': rnd.choice(DISK_FORMATS),
        'os_distro': rnd.choice(DISTROS),
        'architecture': 'x86_64',
        'min_ram': rnd.choice((512, 1024, 2048)),
        'tags': sorted(rnd.sample(TAGS, 2)),
        'metadata': {'team': 'team-%d' % rnd.randrange(10)},
    }
    created = _EPOCH + datetime.timedelta(seconds=index)
    return {'body': body, 'owner': owner, 'active': active,
            'public': public, 'created_at': created,
            'activated_at': created + datetime.timedelta(
                milliseconds=500) if active else None}


def rows(artifact_spec, artifact_id=None):
    """``(artifact row, property rows, tag rows)`` as the API writes them.

    Mirrors ``glare.engine.artifacts.create`` and the lifecycle updates
    (see the module docstring).
    """
    values = {name: TYPE.coerce_field(name, value)
              for name, value in artifact_spec['body'].items()}
    art = TYPE.new(_Context(artifact_spec['owner']), values)
    if artifact_id is not None:
        art.id = artifact_id
    art.created_at = art.updated_at = artifact_spec['created_at']
    row_version = 1
    if artifact_spec['active']:
        art.status = 'active'
        art.activated_at = art.updated_at = artifact_spec['activated_at']
        row_version += 1
    if artifact_spec['public']:
        art.visibility = 'public'
        row_version += 1
    columns, properties = mapping.to_rows(art)
    tags = columns.pop('tags')
    artifact = dict(columns, type_name=TYPE.get_type_name(),
                    row_version=row_version,
                    unique_scope=db_api._unique_scope(columns['owner'],
                                                      columns['visibility']))
    props = []
    for prop_rows in properties.values():
        for prop in prop_rows:
            row = dict.fromkeys(_PROPERTY_COLUMNS)
            row.update(prop, artifact_id=art.id)
            props.append(row)
    return artifact, props, [{'artifact_id': art.id, 'value': tag}
                             for tag in tags]


class Catalogue:
    """A growing catalogue in one glare database."""

    def __init__(self, database_url, project, other_project):
        self.engine = sa.create_engine(database_url,
                                       poolclass=sa.pool.NullPool)
        self.project = project
        self.other_project = other_project
        self.size = 0
        # (index, id) of artifacts the benchmark's project can see, in
        # creation order.
        self.visible = []

    def grow_to(self, size):
        """Insert artifacts until the catalogue holds ``size``."""
        while self.size < size:
            end = min(size, self.size + _BATCH)
            artifacts, props, tags = [], [], []
            for index in range(self.size, end):
                artifact_spec = spec(index, self.project, self.other_project)
                artifact, prop_rows, tag_rows = rows(artifact_spec)
                artifacts.append(artifact)
                props.extend(prop_rows)
                tags.extend(tag_rows)
                if artifact['owner'] == self.project or \
                        artifact['visibility'] == 'public':
                    self.visible.append((index, artifact['id']))
            with self.engine.begin() as connection:
                connection.execute(models.Artifact.__table__.insert(),
                                   artifacts)
                connection.execute(
                    models.ArtifactProperty.__table__.insert(), props)
                connection.execute(models.ArtifactTag.__table__.insert(),
                                   tags)
            self.size = end
        if self.engine.dialect.name == 'postgresql':
            # Autovacuum would analyze the grown tables within a minute;
            # do it now so the plans measured are the ones it would give.
            with self.engine.connect() as connection:
                connection.execution_options(
                    isolation_level='AUTOCOMMIT').exec_driver_sql('ANALYZE')

    def deep_marker(self, depth=0.9):
        """An id ``depth`` of the way down the default (newest first) list."""
        return self.visible[int(len(self.visible) * (1 - depth))][1]

    def visible_name(self, fraction=0.5):
        """A name the benchmark's user sees, about ``fraction`` in."""
        return name_of(self.visible[int(len(self.visible) * fraction)][0])

    def database_rows(self, artifact_id):
        """What the database holds of one artifact, ids left out."""
        a, p, t = (models.Artifact.__table__,
                   models.ArtifactProperty.__table__,
                   models.ArtifactTag.__table__)
        with self.engine.connect() as connection:
            artifact = dict(connection.execute(
                sa.select(a).where(a.c.id == artifact_id)).mappings().one())
            props = sorted(
                (tuple(sorted((k, v) for k, v in row.items()
                              if k not in ('id', 'artifact_id')))
                 for row in connection.execute(
                     sa.select(p).where(p.c.artifact_id == artifact_id))
                 .mappings()), key=repr)
            tags = sorted(row.value for row in connection.execute(
                sa.select(t).where(t.c.artifact_id == artifact_id)))
        return artifact, props, tags

    def dispose(self):
        self.engine.dispose()


_VARYING = ('id', 'name', 'created_at', 'updated_at', 'activated_at')


def check_equivalence(client, catalogue):
    """Raise unless bulk rows equal what the API writes for the same input.

    One artifact is created and activated through the API; its twin
    (same body but the name, same owner) is built by ``rows`` and
    inserted. Every column but ids, name and timestamps must match, in
    the database and in what ``GET`` answers. Returns the number of
    values compared.
    """
    artifact_spec = spec(3, catalogue.project, catalogue.other_project)
    artifact_spec.update(owner=catalogue.project, public=False, active=True)
    body = dict(artifact_spec['body'], name='bulk-check-api')
    _, made = client.create(TYPE.get_type_name(), body)
    client.patch(TYPE.get_type_name(), made['id'],
                 [{'op': 'replace', 'path': '/status', 'value': 'active'}])
    twin_spec = dict(artifact_spec,
                     body=dict(body, name='bulk-check-bulk'))
    artifact, props, tags = rows(twin_spec)
    with catalogue.engine.begin() as connection:
        connection.execute(models.Artifact.__table__.insert(), [artifact])
        connection.execute(models.ArtifactProperty.__table__.insert(), props)
        connection.execute(models.ArtifactTag.__table__.insert(), tags)
    compared = 0
    api_rows = catalogue.database_rows(made['id'])
    bulk_rows = catalogue.database_rows(artifact['id'])
    for part, api_part, bulk_part in zip(('artifacts row', 'properties',
                                          'tags'), api_rows, bulk_rows):
        if isinstance(api_part, dict):
            api_part = {k: v for k, v in api_part.items()
                        if k not in _VARYING}
            bulk_part = {k: v for k, v in bulk_part.items()
                         if k not in _VARYING}
        if api_part != bulk_part:
            raise AssertionError('Bulk-loaded %s differ from the API\'s:\n'
                                 'api:  %r\nbulk: %r' % (part, api_part,
                                                         bulk_part))
        compared += len(api_part)
    _, shown_api = client.show(TYPE.get_type_name(), made['id'])
    _, shown_bulk = client.show(TYPE.get_type_name(), artifact['id'])
    for shown in (shown_api, shown_bulk):
        for key in _VARYING:
            shown.pop(key)
    if shown_api != shown_bulk:
        raise AssertionError('GET shows a bulk-loaded artifact differently:'
                             '\napi:  %r\nbulk: %r' % (shown_api, shown_bulk))
    compared += len(shown_api)
    for artifact_id in (made['id'], artifact['id']):
        client.delete(TYPE.get_type_name(), artifact_id)
    return compared
