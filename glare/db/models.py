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

"""SQLAlchemy models. They never leave ``glare.db``.

Type-specific fields are rows of ``artifact_properties`` (one row per
scalar, per list item, per dict key) with one typed, indexed column per
kind, so that any type's fields can be filtered and sorted in SQL.
"""

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy import orm

# Microsecond timestamps everywhere: list order and paging depend on them.
DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')
# Large enough for a keystone project id or "public" / "deleted:<uuid>".
SCOPE_LENGTH = 128
# MySQL compares strings case-insensitively by default; a binary collation
# gives filters, "like", sorting and the identity constraint the same
# case-sensitive meaning they have on PostgreSQL and SQLite.
MYSQL_OPTIONS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
                 'mysql_collate': 'utf8mb4_bin'}


class Base(orm.DeclarativeBase):
    pass


class Artifact(Base):
    __tablename__ = 'artifacts'
    __table_args__ = (
        # (type, name, version) is unique per owner among private artifacts
        # and globally among public ones: see ``unique_scope``; types may
        # add fields to it (``identity_key``).
        sa.UniqueConstraint('type_name', 'name', 'version', 'identity_key',
                            'unique_scope', name='uq_artifacts_identity_key'),
        sa.Index('ix_artifacts_type_created', 'type_name', 'created_at',
                 'id'),
        sa.Index('ix_artifacts_type_name_version', 'type_name', 'name',
                 'version_key'),
        sa.Index('ix_artifacts_owner', 'owner'),
        sa.Index('ix_artifacts_visibility_status', 'visibility', 'status'),
        sa.Index('ix_artifacts_name_version', 'name', 'version_key'),
        sa.Index('ix_artifacts_created', 'created_at', 'id'),
        sa.Index('ix_artifacts_status_deleted', 'status', 'deleted_at'),
        # ``like 'prefix%'`` on PostgreSQL (migration 0011).
        sa.Index('ix_artifacts_type_name_pattern', 'type_name', 'name',
                 postgresql_ops={'name': 'varchar_pattern_ops'}).ddl_if(
                     dialect='postgresql'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    type_name = sa.Column(sa.String(64), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    version = sa.Column(sa.String(128), nullable=False)
    # SemVer precedence as a string: see glare.objects.semver.sort_key.
    version_key = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.Text)
    visibility = sa.Column(sa.String(32), nullable=False)
    status = sa.Column(sa.String(32), nullable=False)
    owner = sa.Column(sa.String(SCOPE_LENGTH), nullable=False)
    # Values of the fields the type adds to its identity ('' for none):
    # see BaseArtifact.identity_fields.
    identity_key = sa.Column(sa.String(128), nullable=False, default='',
                             server_default='')
    # "public" once public, else the owner (private, shared and community
    # artifacts alike): makes the identity constraint above enforce
    # Glare's uniqueness rule in the database.
    unique_scope = sa.Column(sa.String(SCOPE_LENGTH), nullable=False)
    created_at = sa.Column(DateTime, nullable=False)
    updated_at = sa.Column(DateTime, nullable=False)
    activated_at = sa.Column(DateTime)
    # Bumped by every update; an update that finds another number lost a
    # race with a concurrent one (optimistic locking across processes).
    row_version = sa.Column(sa.Integer, nullable=False, default=1)
    # With delayed_delete, a deleted artifact keeps its row (status
    # "deleted") until glare-scrubber purges it; an admin may restore it
    # to the status it had.
    deleted_at = sa.Column(DateTime)
    deleted_status = sa.Column(sa.String(32))
    # Rows of artifact_consumers; kept here so that registering a
    # consumer changes the artifact's row (and its row_version): a
    # deletion that read no consumers cannot commit after one arrived.
    consumer_count = sa.Column(sa.Integer, nullable=False, default=0,
                               server_default='0')
    # Blob downloads, added in batches (glare.engine.usage).
    download_count = sa.Column(sa.BigInteger, nullable=False, default=0,
                               server_default='0')
    last_downloaded_at = sa.Column(DateTime)

    properties = orm.relationship(
        'ArtifactProperty', cascade='all, delete-orphan',
        passive_deletes=True, lazy='raise')
    tags = orm.relationship(
        'ArtifactTag', cascade='all, delete-orphan', passive_deletes=True,
        lazy='raise')


class ArtifactProperty(Base):
    __tablename__ = 'artifact_properties'
    __table_args__ = (
        # Also answers "has this string value" probes (migration 0012).
        sa.Index('ix_artifact_properties_artifact_name_string',
                 'artifact_id', 'name', 'string_value'),
        sa.Index('ix_artifact_properties_string', 'name', 'string_value'),
        sa.Index('ix_artifact_properties_int', 'name', 'int_value'),
        sa.Index('ix_artifact_properties_numeric', 'name', 'numeric_value'),
        sa.Index('ix_artifact_properties_bool', 'name', 'bool_value'),
        sa.Index('ix_artifact_properties_key', 'name', 'key_name'),
        sa.Index('ix_artifact_properties_string_pattern', 'name',
                 'string_value',
                 postgresql_ops={'string_value': 'varchar_pattern_ops'}
                 ).ddl_if(dialect='postgresql'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True, autoincrement=True)
    artifact_id = sa.Column(
        sa.String(36), sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
        nullable=False)
    name = sa.Column(sa.String(64), nullable=False)
    key_name = sa.Column(sa.String(255))     # dict fields
    position = sa.Column(sa.Integer)         # list fields
    string_value = sa.Column(sa.String(255))
    text_value = sa.Column(sa.Text)
    int_value = sa.Column(sa.BigInteger)
    numeric_value = sa.Column(sa.Double)
    bool_value = sa.Column(sa.Boolean)


class ArtifactTag(Base):
    __tablename__ = 'artifact_tags'
    __table_args__ = (
        sa.Index('ix_artifact_tags_value', 'value', 'artifact_id'),
        MYSQL_OPTIONS,
    )

    artifact_id = sa.Column(
        sa.String(36), sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
        primary_key=True)
    value = sa.Column(sa.String(255), primary_key=True)


class ArtifactMember(Base):
    """A project a ``shared`` artifact is shared with, and its answer.

    ``status`` is the member project's: ``pending`` until it accepts or
    rejects the artifact (see glare.db.visibility for what each grants).
    The rows stay when the artifact stops being shared; they grant
    nothing then, and apply again if it is shared again.
    """

    __tablename__ = 'artifact_members'
    __table_args__ = (
        # Read scope: "artifacts shared with project P (in status S)".
        sa.Index('ix_artifact_members_member_status', 'member', 'status',
                 'artifact_id'),
        MYSQL_OPTIONS,
    )

    artifact_id = sa.Column(
        sa.String(36), sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
        primary_key=True)
    member = sa.Column(sa.String(SCOPE_LENGTH), primary_key=True)
    status = sa.Column(sa.String(32), nullable=False)
    created_at = sa.Column(DateTime, nullable=False)
    updated_at = sa.Column(DateTime, nullable=False)


class ArtifactBlob(Base):
    """A blob field's value, or one key of a folder field."""

    __tablename__ = 'artifact_blobs'
    __table_args__ = (MYSQL_OPTIONS,)

    artifact_id = sa.Column(
        sa.String(36), sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
        primary_key=True)
    field_name = sa.Column(sa.String(64), primary_key=True)
    # Folder key ('' for a plain blob field); may contain '/'.
    key_name = sa.Column(sa.String(255), primary_key=True)
    status = sa.Column(sa.String(32), nullable=False)
    size = sa.Column(sa.BigInteger)
    md5 = sa.Column(sa.String(32))
    sha1 = sa.Column(sa.String(40))
    sha256 = sa.Column(sa.String(64))
    content_type = sa.Column(sa.String(255))
    external = sa.Column(sa.Boolean, nullable=False)
    # An external location's URL; internal data is at ``location``.
    url = sa.Column(sa.Text)
    location = sa.Column(sa.Text)
    backend = sa.Column(sa.String(255))
    # The running upload's claim (see glare.db.blobs.claim): who holds it
    # (host:pid:process start) and when its data last moved.
    upload_id = sa.Column(sa.String(36))
    upload_started_at = sa.Column(DateTime)
    upload_backend = sa.Column(sa.String(255))
    upload_owner = sa.Column(sa.String(255))
    upload_heartbeat_at = sa.Column(DateTime)
    # The shared stored data the blob references (``StoredData.id``);
    # None for external locations and for data stored before 0010, which
    # only this blob references.
    data_id = sa.Column(sa.BigInteger)
    created_at = sa.Column(DateTime, nullable=False)
    updated_at = sa.Column(DateTime, nullable=False)


class StoredData(Base):
    """Data in a store, shared by every blob with the same content.

    One row per (backend, sha256); ``refs`` counts the blobs that
    reference it (``ArtifactBlob.data_id``). The transaction that drops
    the last reference deletes the row and queues the data for deletion
    (see glare.db.stored_data).
    """

    __tablename__ = 'stored_data'
    __table_args__ = (
        sa.UniqueConstraint('backend', 'sha256',
                            name='uq_stored_data_backend_sha256'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True, autoincrement=True)
    backend = sa.Column(sa.String(255), nullable=False)
    sha256 = sa.Column(sa.String(64), nullable=False)
    location = sa.Column(sa.Text, nullable=False)
    size = sa.Column(sa.BigInteger, nullable=False)
    md5 = sa.Column(sa.String(32), nullable=False)
    sha1 = sa.Column(sa.String(40), nullable=False)
    refs = sa.Column(sa.Integer, nullable=False)
    created_at = sa.Column(DateTime, nullable=False)


class UploadSession(Base):
    """A resumable upload to a blob: chunks received, in order.

    ``received`` is how many bytes it holds (the sum of its chunks); any
    API process appends the next chunk with a compare-and-swap on it.
    """

    __tablename__ = 'upload_sessions'
    __table_args__ = (
        sa.Index('ix_upload_sessions_expires_at', 'expires_at'),
        sa.Index('ix_upload_sessions_artifact', 'artifact_id'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    artifact_id = sa.Column(sa.String(36), nullable=False)
    field_name = sa.Column(sa.String(64), nullable=False)
    key_name = sa.Column(sa.String(255), nullable=False)
    # The artifact's owner and type: whose data quota the bytes count in.
    project_id = sa.Column(sa.String(SCOPE_LENGTH), nullable=False)
    type_name = sa.Column(sa.String(64), nullable=False)
    backend = sa.Column(sa.String(255), nullable=False)
    content_type = sa.Column(sa.String(255), nullable=False)
    received = sa.Column(sa.BigInteger, nullable=False)
    created_at = sa.Column(DateTime, nullable=False)
    expires_at = sa.Column(DateTime, nullable=False)


class UploadSessionChunk(Base):
    """One chunk of an upload session: a store object of its own.

    Recorded (``start`` NULL) before its data is written, so that the
    partial object of a process killed meanwhile is found by its id when
    the session goes; ``start``, ``size`` and ``location`` are set when
    it lands. In a filesystem backend a session has one row only, with a
    ``location`` but no ``start``: the file all its chunks go into
    (glare.store.session_files), recorded when the session starts.
    """

    __tablename__ = 'upload_session_chunks'
    __table_args__ = (
        sa.Index('ix_upload_session_chunks_session', 'session_id', 'start'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    session_id = sa.Column(
        sa.String(36),
        sa.ForeignKey('upload_sessions.id', ondelete='CASCADE'),
        nullable=False)
    start = sa.Column(sa.BigInteger)
    size = sa.Column(sa.BigInteger)
    location = sa.Column(sa.Text)


class BlobImport(Base):
    """An import of blob data from a URL, and how it went."""

    __tablename__ = 'blob_imports'
    __table_args__ = (
        sa.Index('ix_blob_imports_artifact', 'artifact_id'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    artifact_id = sa.Column(sa.String(36), nullable=False)
    type_name = sa.Column(sa.String(64), nullable=False)
    field_name = sa.Column(sa.String(64), nullable=False)
    key_name = sa.Column(sa.String(255), nullable=False)
    url = sa.Column(sa.Text, nullable=False)
    sha256 = sa.Column(sa.String(64))
    # The claim on the blob the import writes under (its upload id).
    upload_id = sa.Column(sa.String(36), nullable=False)
    # running, succeeded or failed (with ``reason``).
    status = sa.Column(sa.String(32), nullable=False)
    reason = sa.Column(sa.Text)
    created_at = sa.Column(DateTime, nullable=False)
    updated_at = sa.Column(DateTime, nullable=False)


class BlobDataDeletion(Base):
    """Stored data nothing references any more, to be removed.

    With ``upload_id`` set, the partial data an upload of that id left in
    ``backend`` when its process died (``location`` is empty: the store
    finds it by the id).
    """

    __tablename__ = 'blob_data_deletions'
    __table_args__ = (MYSQL_OPTIONS,)

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True, autoincrement=True)
    location = sa.Column(sa.Text, nullable=False)
    backend = sa.Column(sa.String(255))
    created_at = sa.Column(DateTime, nullable=False)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    last_error = sa.Column(sa.Text)
    upload_id = sa.Column(sa.String(36))


class Quota(Base):
    """A project's override of a quota default.

    ``name`` is ``max_artifact_number`` or ``max_uploaded_data``, alone
    (every type) or with ``:<type_name>``.
    """

    __tablename__ = 'quotas'
    __table_args__ = (MYSQL_OPTIONS,)

    project_id = sa.Column(sa.String(SCOPE_LENGTH), primary_key=True)
    name = sa.Column(sa.String(128), primary_key=True)
    value = sa.Column(sa.BigInteger, nullable=False)


class ProjectLock(Base):
    """One row per project, locked by quota-checked writes.

    Creating artifacts and finishing uploads update this row first, so
    checks against a project's quota run one at a time in every API
    process, and parallel requests never overshoot a limit.
    """

    __tablename__ = 'project_locks'
    __table_args__ = (MYSQL_OPTIONS,)

    project_id = sa.Column(sa.String(SCOPE_LENGTH), primary_key=True)
    counter = sa.Column(sa.BigInteger, nullable=False)


class OutboxNotification(Base):
    """A notification written with the change it reports, not yet sent.

    The sender (glare.engine.notification_sender) delivers rows in ``id``
    order and deletes them once the broker has them; ``message_id`` is
    the id every delivery of the row carries, so consumers can drop a
    second delivery.
    """

    __tablename__ = 'notification_outbox'
    __table_args__ = (
        sa.UniqueConstraint('message_id',
                            name='uq_notification_outbox_message_id'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True, autoincrement=True)
    message_id = sa.Column(sa.String(36), nullable=False)
    event_type = sa.Column(sa.String(255), nullable=False)
    payload = sa.Column(sa.Text, nullable=False)
    # The request context (credentials removed), as JSON.
    context = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(DateTime, nullable=False)


class Lease(Base):
    """Who does a job that one process of the deployment does at a time.

    A process holds ``name`` until ``expires_at`` and renews it while it
    works; another takes it over once it has expired (its holder died or
    hangs).
    """

    __tablename__ = 'leases'
    __table_args__ = (MYSQL_OPTIONS,)

    name = sa.Column(sa.String(64), primary_key=True)
    holder = sa.Column(sa.String(255), nullable=False)
    expires_at = sa.Column(DateTime, nullable=False)


class ArtifactConsumer(Base):
    """Something outside glare that uses an artifact (a Nova instance)."""

    __tablename__ = 'artifact_consumers'
    __table_args__ = (
        sa.Index('ix_artifact_consumers_consumer', 'consumer_id'),
        sa.Index('ix_artifact_consumers_project', 'project_id'),
        MYSQL_OPTIONS,
    )

    artifact_id = sa.Column(
        sa.String(36), sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
        primary_key=True)
    consumer_id = sa.Column(sa.String(255), primary_key=True)
    service = sa.Column(sa.String(64), nullable=False)
    resource_type = sa.Column(sa.String(64), nullable=False)
    # The consumer's project (who may see its id and rebuild it).
    project_id = sa.Column(sa.String(SCOPE_LENGTH), nullable=False)
    created_at = sa.Column(DateTime, nullable=False)


class ArtifactAlias(Base):
    """A name for one version among the versions of a name.

    One alias exists once per type, name, identity and owner: moving it
    is an update of this row.
    """

    __tablename__ = 'artifact_aliases'
    __table_args__ = (
        sa.Index('ix_artifact_aliases_artifact', 'artifact_id'),
        MYSQL_OPTIONS,
    )

    type_name = sa.Column(sa.String(64), primary_key=True)
    name = sa.Column(sa.String(255), primary_key=True)
    identity_key = sa.Column(sa.String(128), primary_key=True)
    owner = sa.Column(sa.String(SCOPE_LENGTH), primary_key=True)
    alias = sa.Column(sa.String(64), primary_key=True)
    artifact_id = sa.Column(
        sa.String(36), sa.ForeignKey('artifacts.id', ondelete='CASCADE'),
        nullable=False)
    updated_at = sa.Column(DateTime, nullable=False)


class ArtifactAliasMove(Base):
    """History: an alias set, moved or removed (no FK: it outlives both)."""

    __tablename__ = 'artifact_alias_moves'
    __table_args__ = (
        sa.Index('ix_artifact_alias_moves_group', 'type_name', 'name',
                 'identity_key', 'owner', 'id'),
        MYSQL_OPTIONS,
    )

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True, autoincrement=True)
    type_name = sa.Column(sa.String(64), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    identity_key = sa.Column(sa.String(128), nullable=False)
    owner = sa.Column(sa.String(SCOPE_LENGTH), nullable=False)
    alias = sa.Column(sa.String(64), nullable=False)
    from_artifact_id = sa.Column(sa.String(36))
    to_artifact_id = sa.Column(sa.String(36))
    user_id = sa.Column(sa.String(255))
    moved_at = sa.Column(DateTime, nullable=False)


class RetentionPolicy(Base):
    """How many versions of each name a project keeps, per type."""

    __tablename__ = 'retention_policies'
    __table_args__ = (MYSQL_OPTIONS,)

    project_id = sa.Column(sa.String(SCOPE_LENGTH), primary_key=True)
    type_name = sa.Column(sa.String(64), primary_key=True)
    keep_last = sa.Column(sa.Integer, nullable=False)
    keep_days = sa.Column(sa.Integer)
    updated_at = sa.Column(DateTime, nullable=False)
