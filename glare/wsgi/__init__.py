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

"""What WSGI servers load: the application (``api``), glare's worker."""

import os


def config_files():
    """``GLARE_CONFIG_FILES``; None for oslo.config's default places."""
    files = os.environ.get('GLARE_CONFIG_FILES')
    return files.split(',') if files else None
