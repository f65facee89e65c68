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

"""openstackclient hooks: the ``artifact`` command group.

openstackclient finds this module through the ``openstack.cli.extension``
entry point and the commands through ``openstack.artifact.v1``.
"""

import os
import sys

from glare_client import client
from glare_client import versions

API_NAME = 'artifact'
API_VERSION_OPTION = 'os_artifact_api_version'
DEFAULT_API_VERSION = '1'
API_VERSIONS = ('1',)


def check_api_version(version):
    """Accept ``1``, ``1.Y`` and ``latest``; True skips the old check."""
    parsed = versions.parse(version)
    if parsed is not None and parsed[0] != 1:
        raise ValueError('The artifact API has major version 1 only; got '
                         '%s.' % version)
    return True


def make_client(instance):
    """The SDK client for openstackclient's ``ClientManager``."""
    requested = instance._api_version[API_NAME]
    # '1' asks for the newest 1.x both sides speak; '1.Y' for exactly it.
    if requested in (None, '', DEFAULT_API_VERSION):
        requested = None
    endpoint = instance.get_endpoint_for_service_type(
        client.SERVICE_TYPE, region_name=instance.region_name,
        interface=instance.interface)
    return client.Client(instance.session, endpoint=endpoint,
                         api_version=requested,
                         interface=instance.interface,
                         region_name=instance.region_name,
                         on_notice=print_notice)


def print_notice(text):
    """A notice for the user, on stderr beside the command's output."""
    sys.stderr.write('Note: %s\n' % text)
    sys.stderr.flush()


def build_option_parser(parser):
    parser.add_argument(
        '--os-artifact-api-version',
        metavar='<artifact-api-version>',
        default=os.environ.get('OS_ARTIFACT_API_VERSION'),
        help='Artifact API microversion: 1 (the newest the server and '
             'client share; default), 1.0, 1.1, 1.2 or latest '
             '(Env: OS_ARTIFACT_API_VERSION).')
    return parser
