"""``glare-scrubber``: purge deleted artifacts and leftover blob data.

    glare-scrubber [--config-file F]            one pass, then exit
    glare-scrubber [--config-file F] --daemon   a pass every wakeup_time s

Artifacts deleted with ``delayed_delete`` on are purged (rows and blob
data) once they have been deleted for ``scrub_time`` seconds; blob data a
store failed to delete earlier is deleted again.
"""

import sys
import time

from oslo_config import cfg
from oslo_log import log

from glare import context
from glare.engine import scrubber
from glare import service
from glare.store import api as store

LOG = log.getLogger(__name__)

cli_opts = [
    cfg.BoolOpt('daemon', default=False,
                help='Run a scrub pass every wakeup_time seconds until '
                     'stopped, instead of once.'),
]


def main(argv=None):
    conf = cfg.CONF
    conf.register_cli_opts(cli_opts)
    service.prepare(sys.argv[1:] if argv is None else argv, conf=conf)
    store.setup(conf)
    ctx = context.get_admin_context()
    while True:
        purged, cleaned = scrubber.scrub(ctx)
        LOG.info('Scrub pass: %d artifact(s) purged, %d blob data '
                 'deletion(s) done', purged, cleaned)
        print('purged %d artifact(s), deleted %d leftover blob data '
              'item(s)' % (purged, cleaned))
        if not conf.daemon:
            return 0
        time.sleep(conf.wakeup_time)


if __name__ == '__main__':
    sys.exit(main())
