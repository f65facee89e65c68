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

"""Database options: oslo.db's [database] group with glare's defaults."""

import os

from oslo_db import options as db_options


def register_opts(conf):
    db_options.set_defaults(conf)


def default_connection(conf):
    """SQLite file under the state directory: the embedded default."""
    return 'sqlite:///' + os.path.join(
        os.path.abspath(conf.state_dir), 'glare.sqlite')
