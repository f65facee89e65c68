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

"""A Glare 5.0.1 database, read as it is: the source of an import.

The tables are declared here, with the columns glare reads, rather than
imported from Glare: nothing of Glare is installed beside glare. Only
reads happen; the source is never written. Glare's lock table is not
read (locks die with Glare's processes).

A version is stored by Glare as three columns: major, minor and patch
packed into one integer (16 bits each from bit 63 down, then a flag),
the pre-release label with its numeric parts zero-padded to six digits,
and the build label.
"""

import sqlalchemy as sa

from glare import exception

metadata = sa.MetaData()

artifacts = sa.Table(
    'glare_artifacts', metadata,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('name', sa.String(255)),
    sa.Column('type_name', sa.String(255)),
    sa.Column('version_prefix', sa.BigInteger),
    sa.Column('version_suffix', sa.String(255)),
    sa.Column('version_meta', sa.String(255)),
    sa.Column('description', sa.Text),
    sa.Column('visibility', sa.String(32)),
    sa.Column('status', sa.String(32)),
    sa.Column('owner', sa.String(255)),
    sa.Column('created_at', sa.DateTime),
    sa.Column('updated_at', sa.DateTime),
    sa.Column('activated_at', sa.DateTime),
)

tags = sa.Table(
    'glare_artifact_tags', metadata,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('artifact_id', sa.String(36)),
    sa.Column('value', sa.String(255)),
)

properties = sa.Table(
    'glare_artifact_properties', metadata,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('artifact_id', sa.String(36)),
    sa.Column('name', sa.String(255)),
    sa.Column('string_value', sa.Text),
    sa.Column('int_value', sa.BigInteger),
    sa.Column('numeric_value', sa.Numeric),
    sa.Column('bool_value', sa.Boolean),
    sa.Column('position', sa.Integer),
    sa.Column('key_name', sa.String(255)),
)

blobs = sa.Table(
    'glare_artifact_blobs', metadata,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('artifact_id', sa.String(36)),
    sa.Column('name', sa.String(255)),
    sa.Column('size', sa.BigInteger),
    sa.Column('md5', sa.String(32)),
    sa.Column('sha1', sa.String(40)),
    sa.Column('sha256', sa.String(64)),
    sa.Column('external', sa.Boolean),
    sa.Column('url', sa.Text),
    sa.Column('status', sa.String(32)),
    sa.Column('key_name', sa.String(2048)),
    sa.Column('content_type', sa.String(255)),
)

# Glare's "database" blob store: the data of locations ``sql://<id>``.
blob_data = sa.Table(
    'glare_blob_data', metadata,
    sa.Column('id', sa.String(255), primary_key=True),
    sa.Column('data', sa.LargeBinary),
)

quotas = sa.Table(
    'glare_quotas', metadata,
    sa.Column('project_id', sa.String(255), primary_key=True),
    sa.Column('quota_name', sa.String(32), primary_key=True),
    sa.Column('quota_value', sa.BigInteger),
)

REQUIRED_TABLES = ('glare_artifacts', 'glare_artifact_tags',
                   'glare_artifact_properties', 'glare_artifact_blobs')
DATABASE_STORE_SCHEME = 'sql://'
_NUMERIC_PRERELEASE_WIDTH = 6


def version_text(prefix, suffix, meta):
    """The SemVer string of Glare's three version columns."""
    text = '%d.%d.%d' % (prefix >> 48, (prefix >> 32) & 0xFFFF,
                         (prefix >> 16) & 0xFFFF)
    if suffix:
        text += '-' + '.'.join(
            part.lstrip('0') or '0' if part.isdigit() else part
            for part in suffix.split('.'))
    if meta:
        text += '+' + meta
    return text


def property_value(row):
    """The value a property row holds, in the first non-null column."""
    for column in ('bool_value', 'int_value', 'string_value',
                   'numeric_value'):
        value = row[column]
        if value is not None:
            return float(value) if column == 'numeric_value' else value
    return None


class Source(object):
    """A Glare 5.0.1 database at ``url`` (a SQLAlchemy URL)."""

    def __init__(self, url):
        try:
            self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise exception.BadRequest(
                'Cannot use the Glare database URL: %s' % exc)

    def close(self):
        self.engine.dispose()

    def check(self):
        """Refuse a database that is not Glare's; its schema revision."""
        try:
            with self.engine.connect() as connection:
                names = set(sa.inspect(connection).get_table_names())
                revision = None
                if 'alembic_version' in names:
                    revision = connection.execute(sa.text(
                        'SELECT version_num FROM alembic_version')).scalar()
        except sa.exc.DBAPIError as exc:
            raise exception.BadRequest(
                'Cannot read the Glare database: %s' % exc.orig)
        missing = [name for name in REQUIRED_TABLES if name not in names]
        if missing:
            raise exception.BadRequest(
                'The source is not a Glare 5.0.1 database: it has no %s '
                'table.' % ', '.join(missing))
        self.has_blob_data = 'glare_blob_data' in names
        self.has_quotas = 'glare_quotas' in names
        return revision

    def artifacts(self, batch=100):
        """Every artifact with its parts, by id, ``batch`` at a time.

        Each is a dict of its columns plus ``version`` (text),
        ``properties``, ``tags`` and ``blobs`` (lists of row dicts).
        """
        marker = None
        while True:
            stmt = sa.select(artifacts).order_by(artifacts.c.id).limit(batch)
            if marker is not None:
                stmt = stmt.where(artifacts.c.id > marker)
            with self.engine.connect() as connection:
                rows = [dict(row._mapping)
                        for row in connection.execute(stmt)]
                if not rows:
                    return
                ids = [row['id'] for row in rows]
                parts = {name: self._parts(connection, table, ids)
                         for name, table in (('properties', properties),
                                             ('tags', tags),
                                             ('blobs', blobs))}
            for row in rows:
                row['version'] = version_text(row.pop('version_prefix'),
                                              row.pop('version_suffix'),
                                              row.pop('version_meta'))
                for name, found in parts.items():
                    row[name] = found.get(row['id'], [])
                yield row
            marker = ids[-1]

    @staticmethod
    def _parts(connection, table, ids):
        found = {}
        for row in connection.execute(sa.select(table).where(
                table.c.artifact_id.in_(ids)).order_by(table.c.id)):
            found.setdefault(row.artifact_id, []).append(dict(row._mapping))
        return found

    def quotas(self):
        """``[(project_id, quota name, value)]`` of Glare's overrides."""
        if not self.has_quotas:
            return []
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(
                sa.select(quotas.c.project_id, quotas.c.quota_name,
                          quotas.c.quota_value).order_by(
                    quotas.c.project_id, quotas.c.quota_name))]

    def stored_data(self, url):
        """Data at ``sql://<id>`` in Glare's database store, or None."""
        if not self.has_blob_data:
            return None
        data_id = url[len(DATABASE_STORE_SCHEME):]
        with self.engine.connect() as connection:
            return connection.execute(sa.select(blob_data.c.data).where(
                blob_data.c.id == data_id)).scalar()
