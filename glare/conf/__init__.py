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

"""Configuration options of glare, one module per option group.

Nothing here registers options at import time: :func:`register_opts` is
called by the entry points (``glare.service.prepare``) and by the
test fixtures, so tests can use a private ``ConfigOpts`` when they want to.
"""

from oslo_config import cfg

from glare.conf import api
from glare.conf import database
from glare.conf import imports
from glare.conf import lifecycle
from glare.conf import notifications
from glare.conf import paths
from glare.conf import quotas
from glare.conf import scrubber
from glare.conf import store

CONF = cfg.CONF

_MODULES = (api, database, imports, lifecycle, notifications, paths,
            quotas, scrubber, store)


def register_opts(conf):
    for module in _MODULES:
        module.register_opts(conf)
