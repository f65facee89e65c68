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

"""Domain errors. Each carries the HTTP status the API answers with.

The fault middleware (``glare.api.middleware.fault``) is the one place that
turns them into error bodies; nothing else maps exceptions to HTTP.
``outage`` names the library errors that mean a service glare depends on
is down (503), so that they are not reported as glare's own failures
(500).
"""

from oslo_db import exception as db_exc
from sqlalchemy import exc as sa_exc


class GlareException(Exception):
    """Base of every error glare reports to a client.

    The error body names the error twice: ``error.type`` is the name
    Glare 5.0.1 gave this kind of error (``wire_type``, inherited by
    subclasses), which Glare clients compare; ``errors[].code`` is the
    precise class name.
    """

    code = 500
    message = 'An unknown error occurred.'
    wire_type = None

    def __init__(self, message=None, headers=None, **kwargs):
        if message is None:
            message = self.message % kwargs if kwargs else self.message
        self.msg = message
        # Extra response headers, e.g. Allow for a 405.
        self.headers = headers or {}
        super().__init__(message)

    @property
    def error_type(self):
        return self.wire_type or self.error_code

    @property
    def error_code(self):
        return type(self).__name__


class BadRequest(GlareException):
    code = 400
    message = 'The request is invalid.'
    wire_type = 'BadRequest'


class InvalidInput(BadRequest):
    """A field or parameter value that does not fit its definition."""


class InvalidFilter(BadRequest):
    message = 'Invalid filter: %(reason)s'


class InvalidSort(BadRequest):
    message = 'Invalid sort: %(reason)s'


class InvalidVersion(BadRequest):
    message = 'Invalid version %(version)r: %(reason)s'


class InvalidJsonPatch(BadRequest):
    message = 'Invalid JSON-patch: %(reason)s'


class MalformedJson(BadRequest):
    message = 'The request body is not valid JSON: %(reason)s'


class UnreadableBody(BadRequest):
    message = 'The request body could not be read: %(reason)s'


class Unauthorized(GlareException):
    code = 401
    message = 'Authentication is required.'


class Forbidden(GlareException):
    code = 403
    message = 'You are not authorized to complete this action.'
    wire_type = 'Forbidden'


class QuotaExceeded(Forbidden):
    message = 'The project\'s quota does not allow this.'


class PolicyNotAuthorized(Forbidden):
    message = 'Policy does not allow %(action)s.'
    wire_type = 'PolicyException'


class ReadOnlyField(Forbidden):
    message = 'Field %(name)s is read-only.'


class ImmutableField(Forbidden):
    message = ('Field %(name)s cannot be changed once the artifact is '
               '%(status)s.')


class RequiredOnActivate(Forbidden):
    message = 'Field %(name)s must be set before the artifact is activated.'


class NotFound(GlareException):
    code = 404
    message = 'The resource could not be found.'


class ArtifactNotFound(NotFound):
    message = 'Artifact with id=%(id)s not found.'


class TypeNotFound(NotFound):
    message = 'Artifact type %(name)s is not enabled.'


class MarkerNotFound(NotFound):
    message = 'Marker %(marker)s not found.'
    # Glare looked the marker up as an artifact.
    wire_type = 'ArtifactNotFound'


class MemberNotFound(NotFound):
    message = 'Project %(member)s is not a member of artifact %(id)s.'


class NotShared(Forbidden):
    """Members exist for shared artifacts only (403, as in Glance)."""

    message = ('Artifact %(id)s is %(visibility)s, not shared: only shared '
               'artifacts have members.')


class ConsumerNotFound(NotFound):
    message = 'Consumer %(consumer_id)s of artifact %(id)s not found.'


class AliasNotFound(NotFound):
    message = 'Artifact %(id)s has no alias %(alias)s.'


class RetentionPolicyNotFound(NotFound):
    message = ('Project %(project_id)s has no retention policy for '
               '%(type_name)s.')


class MethodNotAllowed(GlareException):
    code = 405
    message = 'Method %(method)s is not allowed here.'


class NotAcceptable(GlareException):
    code = 406
    message = 'Not acceptable.'


class RequestTimeout(GlareException):
    code = 408
    message = 'The client took too long to send the request.'


class Conflict(GlareException):
    code = 409
    message = 'The request conflicts with the current state.'
    wire_type = 'Conflict'


class UploadSessionBusy(Conflict):
    message = ('Another request is writing to this upload session; try '
               'again when it has finished.')


class Duplicate(Conflict):
    message = ('An artifact of type %(type_name)s named %(name)s with '
               'version %(version)s already exists for this %(scope)s.')


class DuplicateMember(Conflict):
    message = 'Project %(member)s is already a member of artifact %(id)s.'


class ConcurrentUpdate(Conflict):
    message = ('Artifact %(id)s was changed by another request; try '
               'again.')


class ArtifactInUse(Conflict):
    message = ('Artifact %(id)s is used by %(count)d consumer(s); they '
               'must unregister first (an administrator may force it with '
               '?force=true).')


class InvalidStatusTransition(Forbidden):
    """A lifecycle change the artifact's state does not allow (as Glare)."""

    message = 'Artifact cannot go from status %(orig)s to %(new)s.'


class RequestEntityTooLarge(GlareException):
    code = 413
    message = 'The request is too large.'
    wire_type = 'RequestEntityTooLarge'


class MemberLimitExceeded(RequestEntityTooLarge):
    """Too many members for one artifact (413, as Glance's member quota)."""

    message = ('Artifact %(id)s has its maximum of %(limit)d members '
               '(max_artifact_members).')


class RangeNotSatisfiable(GlareException):
    code = 416
    message = 'The requested range is not satisfiable.'


class UnsupportedMediaType(GlareException):
    code = 415
    message = ('Content type %(content_type)s is not supported here; use '
               '%(expected)s.')


class BlobDataNotFound(NotFound):
    message = 'The blob\'s data is missing from the store.'
    wire_type = 'NotFound'


class DataQuotaExceeded(RequestEntityTooLarge):
    message = 'The project\'s data quota does not allow this upload.'


class ServiceUnavailable(GlareException):
    """Something glare needs is down or refusing; it is worth retrying.

    Answered 503 with ``Retry-After``: the request changed nothing.
    """

    code = 503
    message = 'The service is unavailable; try again later.'
    # Seconds a client should wait before trying again.
    retry_after = 10

    def __init__(self, message=None, headers=None, **kwargs):
        super().__init__(message, headers, **kwargs)
        self.headers.setdefault('Retry-After', str(self.retry_after))


class DatabaseUnavailable(ServiceUnavailable):
    message = ('The database cannot serve the request now (%(reason)s); '
               'nothing was changed, try again shortly.')
    # A database restart or a lock held by another process: seconds.
    retry_after = 5


class StoreError(ServiceUnavailable):
    message = ('The blob store failed to %(action)s the data '
               '(%(reason)s); nothing was changed, try again later.')
    # A store out of space or read-only needs an operator: minutes.
    retry_after = 60


class StorageFull(StoreError):
    message = ('There is not enough space in the blob store; nothing was '
               'stored, try again later.')


class StoreConfigError(GlareException):
    message = 'The blob store is misconfigured: %(reason)s'


class TypeLoadError(Exception):
    """An enabled artifact type is missing or broken; start-up stops."""


# What SQLite says while another connection holds the lock for longer than
# the busy timeout.
_SQLITE_LOCKED = ('database is locked', 'database table is locked')


def outage(exc):
    """The 503 for ``exc`` when it means the database is unavailable.

    Connection failures and restarts (oslo.db's DBConnectionError), locks
    that were not granted in time (a deadlock that outlived its retries,
    SQLite's "database is locked") and a connection pool with no free
    connection. The DB-API's OperationalError is by definition a problem
    of the database's operation rather than of the statement. Anything
    else is None: a bug, answered 500.
    """
    if isinstance(exc, db_exc.DBConnectionError):
        reason = 'it cannot be reached'
    elif isinstance(exc, db_exc.DBDeadlock):
        reason = 'a lock it needs is held by another request'
    elif isinstance(exc, sa_exc.TimeoutError):
        reason = 'every connection to it is in use'
    elif any(text in str(exc) for text in _SQLITE_LOCKED):
        reason = 'it is locked by another process'
    elif isinstance(exc, sa_exc.OperationalError) or isinstance(
            getattr(exc, 'inner_exception', None), sa_exc.OperationalError):
        reason = 'it is unreachable, restarting or failing'
    else:
        return None
    return DatabaseUnavailable(reason=reason)
