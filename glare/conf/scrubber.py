"""Delayed delete and glare-scrubber."""

from oslo_config import cfg

opts = [
    cfg.BoolOpt('delayed_delete', default=False,
                help='When true, DELETE only marks an artifact deleted and '
                     'hides it; glare-scrubber removes its rows and blob '
                     'data once it has been deleted for scrub_time seconds, '
                     'and until then an admin can restore it.'),
    cfg.IntOpt('scrub_time', default=0, min=0,
               help='Seconds a deleted artifact is kept (restorable) '
                    'before glare-scrubber purges it.'),
    cfg.IntOpt('scrub_pool_size', default=1, min=1,
               help='Artifacts and blob data glare-scrubber deletes in '
                    'parallel.'),
    cfg.IntOpt('wakeup_time', default=300, min=1,
               help='Seconds glare-scrubber --daemon sleeps between runs.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
