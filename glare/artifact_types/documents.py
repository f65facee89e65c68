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

"""Reading small text documents that artifact types validate on upload.

Templates and descriptors are small; a type reads one whole (bounded by
its blob's size limit) to parse it, then stores the bytes it read.
"""

import io

import yaml

_CHUNK = 64 * 1024


def read_all(stream, limit, what):
    """Every byte of ``stream``; ValueError beyond ``limit`` bytes."""
    parts, size = [], 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b''.join(parts)
        size += len(chunk)
        if size > limit:
            raise ValueError('The %s is larger than the %d bytes allowed.' %
                             (what, limit))
        parts.append(chunk)


def load_yaml_mapping(data, what):
    """Parse YAML ``data`` that must hold a mapping; ValueError if not.

    ``yaml.safe_load`` builds plain data only: no Python objects.
    """
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        raise ValueError('The %s is not UTF-8 text.' % what)
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError('The %s is not valid YAML: %s' % (
            what, str(exc).replace('\n', ' ')))
    except RecursionError:
        raise ValueError('The %s is nested too deeply.' % what)
    if not isinstance(document, dict):
        raise ValueError('The %s must be a YAML mapping, not %s.' % (
            what, type(document).__name__ if document is not None
            else 'an empty document'))
    return document


def checked_yaml(stream, limit, what, check):
    """Read a YAML mapping, ``check(document, what)`` it.

    Returns the bytes read as a stream, to store them.
    """
    data = read_all(stream, limit, what)
    check(load_yaml_mapping(data, what), what)
    return io.BytesIO(data)


class YamlDocument:
    """Hooks of a type whose one blob is a YAML document it checks.

    A type sets ``document_name`` (as users say it, e.g. "TOSCA template"),
    ``document_max`` (bytes) and ``check_document(document, what)``, which
    raises ValueError for a document it refuses. Uploads are checked as
    they arrive; a location is data its owner vouches for: glare never
    fetches it, so never checks it.
    """

    document_name = None
    document_max = None

    @staticmethod
    def check_document(document, what):
        raise NotImplementedError

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        return checked_yaml(stream, cls.document_max, cls.document_name,
                            cls.check_document)
