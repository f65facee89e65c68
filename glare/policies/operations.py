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

"""Rules for what operators watch: health details and metrics."""

from glare.policies import base

HEALTH_DETAIL = 'artifact:healthcheck_detail'
METRICS = 'artifact:metrics'

rules = [
    base.project_rule(
        HEALTH_DETAIL, base.ADMIN,
        'See each check of the health check with its latency and error '
        '(GET /healthcheck?detail). Clients on a loopback address see it '
        'without credentials.',
        [{'path': '/healthcheck?detail', 'method': 'GET'}]),
    base.project_rule(
        METRICS, base.ADMIN,
        'Read the Prometheus metrics of the API process (GET /metrics).',
        [{'path': '/metrics', 'method': 'GET'}]),
]


def list_rules():
    return rules
