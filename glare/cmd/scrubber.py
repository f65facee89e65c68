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

"""``glare-scrubber``: purge deleted artifacts and leftover blob data.

    glare-scrubber [--config-file F]            one pass, then exit
    glare-scrubber [--config-file F] --daemon   a pass every wakeup_time s

Projects' retention policies are applied first (``retention_enabled``);
artifacts deleted with ``delayed_delete`` on are purged (rows and blob
data) once they have been deleted for ``scrub_time`` seconds; blob data a
store failed to delete earlier is deleted again.
"""

import sys
import time

from oslo_config import cfg
from oslo_log import log

from glare import context
from glare.engine import retention
from glare.engine import scrubber
from glare.objects import registry
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
    registry.load_types(conf.enabled_artifact_types)
    ctx = context.get_admin_context()
    while True:
        if conf.retention_enabled:
            expired = retention.run(ctx)
            LOG.info('Retention: %d artifact(s) deleted', expired)
            print('retention deleted %d artifact(s)' % expired)
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
