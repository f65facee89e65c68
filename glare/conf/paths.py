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

"""Where glare keeps its local state (the embedded SQLite file, blobs)."""

import os

from oslo_config import cfg


def _default_state_dir():
    base = os.environ.get('XDG_STATE_HOME') or os.path.join(
        os.path.expanduser('~'), '.local', 'state')
    return os.path.join(base, 'glare')


opts = [
    cfg.StrOpt('state_dir',
               default=_default_state_dir(),
               sample_default='$XDG_STATE_HOME/glare',
               help='Directory for the local state of a single-host '
                    'deployment: the default SQLite database and the '
                    'default filesystem blob store live under it. It is '
                    'created on start-up when missing.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
