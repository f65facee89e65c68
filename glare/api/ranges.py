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

"""The ``Range`` header of blob downloads (RFC 7233, RFC 9110 section 14).

``byte_range(header, size)`` decides what a GET or HEAD of ``size`` bytes
answers:

- ``None``: the whole blob, 200. No header, a unit other than ``bytes``
  (which a server must ignore), or several ranges (which a server may
  ignore; glare serves no multipart bodies).
- ``(start, stop)``, ``stop`` exclusive: that part, 206.
- ``RangeNotSatisfiable`` (416): a ``bytes`` range that is malformed
  (``bytes=-``, ``bytes=--1``, ``bytes=1-x``), backwards (``bytes=5-2``),
  or lies wholly outside the blob (``bytes=5000-`` on 1024 bytes,
  ``bytes=-0``, any range of an empty blob).

A suffix longer than the blob (``bytes=-6`` on 1 byte) is the whole blob,
206; an end past the blob is cut at its last byte.
"""

import re

from glare import exception

# Set in the WSGI environment by a server whose ``wsgi.file_wrapper``
# sends a file from its current position and no more than the response's
# Content-Length, as PEP 3333 asks: glare's gunicorn worker. uWSGI's sends
# whole files from their start, so a range is read and sent by glare there.
FILE_WRAPPER_SEEKS = 'glare.file_wrapper_seeks'

UNIT = 'bytes'

# first-last, first-, or -suffix; ASCII digits only (str.isdigit takes
# other scripts' digits too).
_SPEC = re.compile(
    r'(?:(?P<first>[0-9]+)-(?P<last>[0-9]*)|-(?P<suffix>[0-9]+))')


def byte_range(header, size):
    """``None`` or ``(start, stop)`` of ``size`` bytes; see the module."""
    if header is None or not header.strip():
        return None
    unit, equals, ranges = header.partition('=')
    if not equals or unit.strip().lower() != UNIT:
        return None
    # Empty list elements are allowed and ignored (RFC 9110 section 5.6.1).
    specs = [spec.strip() for spec in ranges.split(',') if spec.strip()]
    matches = [_SPEC.fullmatch(spec) for spec in specs]
    if not specs or not all(matches):
        raise _unsatisfiable(header, size, 'it is not a valid byte range '
                             '(bytes=FIRST-LAST, bytes=FIRST- or '
                             'bytes=-SUFFIX)')
    if len(matches) > 1:
        return None
    match = matches[0]
    if match['suffix'] is not None:
        suffix = int(match['suffix'])
        if suffix == 0 or size == 0:
            raise _unsatisfiable(header, size, 'it selects no byte of the '
                                 '%d bytes of the blob' % size)
        return max(size - suffix, 0), size
    first = int(match['first'])
    last = int(match['last']) if match['last'] else None
    if last is not None and last < first:
        raise _unsatisfiable(header, size, 'its last byte comes before its '
                             'first')
    if first >= size:
        raise _unsatisfiable(header, size, 'it starts after the %d bytes of '
                             'the blob' % size)
    return first, size if last is None else min(last + 1, size)


def content_range(start, stop, size):
    """The ``Content-Range`` of a 206 answer."""
    return '%s %d-%d/%d' % (UNIT, start, stop - 1, size)


def _unsatisfiable(header, size, reason):
    return exception.RangeNotSatisfiable(
        'Range %r cannot be served: %s.' % (header, reason),
        headers={'Content-Range': '%s */%d' % (UNIT, size)})
