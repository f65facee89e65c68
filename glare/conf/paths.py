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
