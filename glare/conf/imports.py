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

"""Imports of blob data from a URL (API 1.2): what glare may fetch."""

from oslo_config import cfg

GROUP = 'blob_import'

opts = [
    cfg.ListOpt('allowed_schemes', default=['http', 'https'],
                help='URL schemes an import may use.'),
    cfg.ListOpt('allowed_hosts', default=[],
                help='Host names an import may fetch from (a name, or '
                     '".example.com" for every name under it); empty '
                     'allows every host not denied.'),
    cfg.ListOpt('denied_hosts', default=[],
                help='Host names an import may never fetch from (same '
                     'forms as allowed_hosts).'),
    cfg.ListOpt('allowed_ports', default=['80', '443'],
                help='TCP ports an import may connect to: ports, or '
                     'ranges such as "8000-8999".'),
    cfg.ListOpt('allowed_networks', default=[],
                help='Networks (CIDR) an import may reach although they '
                     'are not global: private, loopback, link-local and '
                     'other special addresses are refused unless listed '
                     'here. Every address a name resolves to, and every '
                     'redirect, is checked.'),
    cfg.IntOpt('max_redirects', default=5, min=0,
               help='Redirects an import follows.'),
    cfg.IntOpt('max_size', default=0, min=0,
               help='Bytes an import may fetch; 0 leaves only the blob '
                    'field\'s size limit and the project\'s data quota.'),
    cfg.IntOpt('timeout', default=3600, min=1,
               help='Seconds an import may take in all; each read waits '
                    'at most a tenth of it.'),
    cfg.IntOpt('workers', default=4, min=1,
               help='Imports one API process runs at once; more wait.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
