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

"""The version lifecycle: download counting and retention runs."""

from oslo_config import cfg

opts = [
    cfg.IntOpt('usage_flush_interval', default=60, min=0,
               help='Seconds an API process gathers the downloads of '
                    'artifacts before it records them (download_count, '
                    'last_downloaded_at) in one transaction; 0 records '
                    'each download at once. Downloads not yet recorded '
                    'when a process is killed are not counted.'),
    cfg.BoolOpt('retention_enabled', default=True,
                help='Whether glare-scrubber applies the projects\' '
                     'retention policies (PUT /retention/{type}) on each '
                     'pass.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
