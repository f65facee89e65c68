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

"""Schema migrations (alembic, kept inside the package)."""

from alembic import command
from alembic import config as alembic_config
from alembic import migration
from alembic import script

from glare.db import api as db_api


def _config(connection=None):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', 'glare.db:migrations')
    if connection is not None:
        cfg.attributes['connection'] = connection
    return cfg


def upgrade(revision='head', engine=None):
    engine = engine or db_api.get_engine()
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def current(engine=None):
    """The revision the database is at, or None for an empty one."""
    engine = engine or db_api.get_engine()
    with engine.connect() as connection:
        return migration.MigrationContext.configure(
            connection).get_current_revision()


def head():
    return script.ScriptDirectory.from_config(_config()).get_current_head()


def pending(engine=None):
    """True when the database is behind the code."""
    return current(engine) != head()
