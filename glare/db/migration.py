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
