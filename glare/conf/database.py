"""Database options: oslo.db's [database] group with glare's defaults."""

import os

from oslo_db import options as db_options


def register_opts(conf):
    db_options.set_defaults(conf)


def default_connection(conf):
    """SQLite file under the state directory: the embedded default."""
    return 'sqlite:///' + os.path.join(
        os.path.abspath(conf.state_dir), 'glare.sqlite')
