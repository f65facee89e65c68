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

"""API microversions (header ``OpenStack-API-Version: artifact X.Y``)."""

import re

SERVICE_TYPE = 'artifact'
HEADER = 'OpenStack-API-Version'
# Glare's media type of version X.Y is this followed by X.Y.
MEDIA_TYPE_PREFIX = 'application/vnd.openstack.artifacts-'
ENVIRON_KEY = 'glare.api_version'

# One entry per microversion, oldest first; say what each one adds.
VERSIONS = [
    '1.0',  # Glare v1 artifact API.
    '1.1',  # Quota API; DELETE of an external blob location.
    '1.2',  # DELETE of a folder key removes its data; sharing: members,
            # shared and community visibility; the version lifecycle:
            # consumers, aliases, retention, usage facts; upload sessions,
            # upload by digest, imports from a URL.
]

MIN_VERSION = VERSIONS[0]
MAX_VERSION = VERSIONS[-1]


# Glare's grammar: no leading zeros, and no version 0.
_VERSION_RE = re.compile(r'^([1-9][0-9]*)\.(0|[1-9][0-9]*)$')


def parse(text):
    """``(major, minor)`` of ``X.Y``; ValueError when malformed."""
    match = _VERSION_RE.match(text.strip())
    if match is None:
        raise ValueError(text)
    return int(match.group(1)), int(match.group(2))


def min_version():
    return parse(MIN_VERSION)


def max_version():
    return parse(MAX_VERSION)


def format_version(version):
    return '%d.%d' % version


def is_supported(request, version):
    """True when the request's microversion is ``version`` or later."""
    return request.environ[ENVIRON_KEY] >= parse(version)
