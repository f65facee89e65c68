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

"""Errors the SDK raises.

``HTTPError`` and its subclasses carry what the server said: the status,
``error.message`` of the JSON error body (the message a user should see),
``error.type`` and the request id. ``ClientError`` covers what the client
itself finds wrong: a checksum that does not match, a name that matches
several artifacts, a microversion the server does not offer.
"""


class GlareError(Exception):
    """Base class of everything this package raises."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ClientError(GlareError):
    """A problem found on the client side, no server error."""


class ChecksumMismatch(ClientError):
    """Downloaded or uploaded bytes do not match the server's digest."""


class AmbiguousName(ClientError):
    """A name and version match more than one artifact."""


class UnsupportedVersion(ClientError):
    """The wanted microversion is not offered by the server or client."""


class TransferInterrupted(ClientError):
    """A download stopped before the last byte (the connection broke).

    ``received`` bytes of ``total`` (None if unknown) arrived;
    ``partial_path`` is the file that keeps them for a resumed download,
    when there is one.
    """

    def __init__(self, message, received=0, total=None, partial_path=None):
        super().__init__(message)
        self.received = received
        self.total = total
        self.partial_path = partial_path


class IncompleteArtifact(ClientError):
    """Creating an artifact with its data stopped half-way.

    ``stage`` is what failed (``'upload'`` or ``'activate'``), ``cause``
    the error it raised; ``artifact`` is what was created, and
    ``deleted`` says whether it was deleted again.
    """

    def __init__(self, message, stage, artifact, deleted, cause):
        super().__init__(message)
        self.stage = stage
        self.artifact = artifact
        self.deleted = deleted
        self.cause = cause


class HTTPError(GlareError):
    """The server answered with an error status."""

    status_code = None

    def __init__(self, message, status_code=None, error_type=None,
                 request_id=None, response=None):
        super().__init__(message)
        if status_code is not None:
            self.status_code = status_code
        self.error_type = error_type
        self.request_id = request_id
        self.response = response

    def __str__(self):
        text = 'HTTP %s: %s' % (self.status_code, self.message)
        if self.request_id:
            text += ' (Request-ID: %s)' % self.request_id
        return text


class BadRequest(HTTPError):
    status_code = 400


class Unauthorized(HTTPError):
    status_code = 401


class Forbidden(HTTPError):
    status_code = 403


class NotFound(HTTPError):
    status_code = 404


class NameNotFound(NotFound):
    """No artifact of a name qualifies.

    ``others`` are those of that name that did not (other statuses or
    pre-releases), newest first.
    """

    def __init__(self, message, others=()):
        super().__init__(message)
        self.others = list(others)

    def __str__(self):
        # The client's conclusion, not an answer of the server's.
        return self.message


class MethodNotAllowed(HTTPError):
    status_code = 405


class NotAcceptable(HTTPError):
    """Also the answer to a microversion out of the server's range."""

    status_code = 406


class Conflict(HTTPError):
    status_code = 409


class RequestEntityTooLarge(HTTPError):
    status_code = 413


class UnsupportedMediaType(HTTPError):
    status_code = 415


class RangeNotSatisfiable(HTTPError):
    status_code = 416


class ServerError(HTTPError):
    """Any 5xx answer."""

    status_code = 500


_BY_STATUS = {cls.status_code: cls for cls in (
    BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed,
    NotAcceptable, Conflict, RequestEntityTooLarge, UnsupportedMediaType,
    RangeNotSatisfiable)}


def from_response(response):
    """The typed error for an error ``requests`` response."""
    status = response.status_code
    if status in _BY_STATUS:
        cls = _BY_STATUS[status]
    elif status >= 500:
        cls = ServerError
    else:
        cls = HTTPError
    message, error_type = _message_of(response)
    return cls(message, status_code=status, error_type=error_type,
               request_id=response.headers.get('X-OpenStack-Request-ID'),
               response=response)


def _message_of(response):
    """``(message, type)`` from a Glare error body, or the best we have."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        error = body.get('error')
        if isinstance(error, dict) and error.get('message'):
            return str(error['message']), error.get('type')
        errors = body.get('errors')
        if isinstance(errors, list) and errors and \
                isinstance(errors[0], dict) and errors[0].get('detail'):
            return str(errors[0]['detail']), errors[0].get('code')
        if body.get('explanation'):
            return str(body['explanation']), None
    text = (response.text or '').strip()
    if text and len(text) <= 500:
        return text, None
    return response.reason or 'error %s' % response.status_code, None
