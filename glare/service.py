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

"""Start-up shared by every glare process: config, logging, defaults."""

import os

from oslo_config import cfg
from oslo_log import log

from glare import conf as glare_conf
from glare.conf import database
from glare.conf import opts
from glare.store import api as store

LOG = log.getLogger(__name__)


def prepare(argv=None, conf=None, default_config_files=None,
            project='glare'):
    """Parse configuration and set up logging for a glare process.

    With no configuration at all the result is the embedded default: a
    SQLite file and blobs under ``state_dir``.
    """
    conf = conf or cfg.CONF
    glare_conf.register_opts(conf)
    log.register_options(conf)
    opts.set_defaults(conf)
    conf(argv if argv is not None else [], project=project,
         default_config_files=default_config_files)
    # Which store option groups exist depends on the parsed
    # enabled_backends.
    store.register_opts(conf)
    apply_state_defaults(conf)
    log.setup(conf, project)
    return conf


def uses_embedded_database(conf):
    """True for the SQLite default under ``state_dir``.

    Its schema is created on first start; other databases are upgraded by
    an operator with ``glare-db-manage upgrade``.
    """
    return conf.database.connection == database.default_connection(conf)


def apply_state_defaults(conf):
    """Point the database at the state directory unless configured."""
    if not conf.database.connection:
        os.makedirs(conf.state_dir, exist_ok=True)
        conf.set_default('connection', database.default_connection(conf),
                         group='database')
