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

"""Options of the REST API: where it listens, who it trusts, what it lists."""

from oslo_config import cfg

DEFAULT_CLIENT_HEADER_TIMEOUT = 10.0

opts = [
    cfg.HostAddressOpt('bind_host', default='127.0.0.1',
                       help='Address glare-api listens on.'),
    cfg.PortOpt('bind_port', default=9494,
                help='Port glare-api listens on.'),
    cfg.IntOpt('workers', default=1, min=1,
               help='Number of glare-api worker processes. Each worker '
                    'serves requests with a pool of threads.'),
    cfg.IntOpt('threads', default=16, min=1,
               help='Threads per glare-api worker process.'),
    cfg.FloatOpt('client_header_timeout',
                 default=DEFAULT_CLIENT_HEADER_TIMEOUT, min=0.1,
                 help='Seconds a client of glare-api has to send a whole '
                      'request head (request line and headers), counted '
                      'from the connection (or, on a kept-alive '
                      'connection, from the first byte of the next '
                      'request). Slower clients are disconnected without '
                      'an answer. Connections still sending their head '
                      'wait in the event loop and hold no worker thread.'),
    cfg.IntOpt('client_idle_timeout', default=5, min=1,
               help='Seconds glare-api keeps an idle kept-alive '
                    'connection open for the client\'s next request.'),
    cfg.FloatOpt('client_data_timeout', default=60.0, min=0.1,
                 help='Seconds glare-api waits, while it serves a '
                      'request, for a client to send more of the request '
                      'body or to take more of the response. A stalled '
                      'upload is answered 408 and stores nothing; a '
                      'stalled download is disconnected.'),
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'Validate keystone tokens with '
                                     'keystonemiddleware auth_token.'),
                        ('trusted', 'Development mode: X-Auth-Token is '
                                    '"user:project:role[,role]" and is '
                                    'believed as given.'),
                        ('noauth', 'Development mode: identity is taken '
                                   'from X-Identity-Status, X-User-Id, '
                                   'X-Project-Id and X-Roles headers.')],
               help='How requests are authenticated. The development '
                    'modes trust whatever the client says: they only serve '
                    'clients on a loopback address (unless '
                    'allow_insecure_dev_auth), and are never the default '
                    'of a deployment. glare-api started with no '
                    'auth_strategy on a loopback bind_host (the embedded '
                    'quick start) chooses trusted by itself.'),
    cfg.BoolOpt('allow_insecure_dev_auth', default=False,
                help='Serve a development auth_strategy (trusted or '
                     'noauth) to clients that are not on a loopback '
                     'address, and let glare-api start with one on a '
                     'non-loopback bind_host. Anyone who reaches the API '
                     'can then act as any user, admin included.'),
    cfg.BoolOpt('allow_anonymous_access', default=False,
                help='Let requests without any credentials read public '
                     'artifacts: list them, show them, download their '
                     'data and read the type schemas. Anonymous callers '
                     'may do nothing else (401); a request with an invalid '
                     'token is refused (401) as before. With auth_strategy '
                     '= keystone this sets keystonemiddleware\'s '
                     'delay_auth_decision.'),
    cfg.ListOpt('enabled_artifact_types',
                default=['images', 'heat_templates', 'heat_environments',
                         'tosca_templates', 'murano_packages', 'secrets',
                         'ovf_packages'],
                help='Artifact types to load from the '
                     '"glare.artifact_types" entry-point namespace: by '
                     'default every built-in type. Add the names of '
                     'types installed from other distributions to enable '
                     'them. The read-only "all" view is always available. '
                     'A type that is missing or fails to load stops '
                     'start-up.'),
    cfg.StrOpt('healthcheck_disable_file',
               sample_default='$state_dir/healthcheck_disable',
               help='While this file exists, GET /healthcheck answers 503 '
                    '"DISABLED BY FILE", so a load balancer drains the '
                    'node before maintenance. Defaults to '
                    'healthcheck_disable in state_dir.'),
    cfg.FloatOpt('healthcheck_cache_time', default=1.0, min=0,
                 help='Seconds a result of the database and blob store '
                      'checks behind GET /healthcheck is reused, so that '
                      'frequent load balancer probes cost the database '
                      'at most one query per API process per period.'),
    cfg.FloatOpt('healthcheck_timeout', default=0.8, min=0.05,
                 help='Seconds GET /healthcheck waits for its checks. A '
                      'database or store that has not answered by then '
                      'counts as unavailable (503), so a load balancer '
                      'hears of a hung database within a second.'),
    cfg.IntOpt('default_api_limit', default=25, min=1,
               help='Number of artifacts a list request returns when it '
                    'gives no limit.'),
    cfg.IntOpt('max_api_limit', default=1000, min=1,
               help='Largest number of artifacts a list request returns; '
                    'larger limits are reduced to this.'),
    cfg.IntOpt('list_count_limit', default=100, min=0,
               help='Largest total_count a list answer counts to when '
                    'there are more pages: when more artifacts match, '
                    'total_count says this number (or the page\'s limit '
                    'plus one, if larger), so that a page costs the '
                    'same in a catalogue of any size. A first page '
                    'holding every match, and limit=0, are always '
                    'exact. 0 counts every match.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
