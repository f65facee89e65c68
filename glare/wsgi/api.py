"""WSGI entry point for uwsgi, gunicorn or mod_wsgi:

    gunicorn 'glare.wsgi.api:application'

The configuration files come from ``GLARE_CONFIG_FILES`` (comma-separated)
or oslo.config's default locations (``/etc/glare/glare.conf``, ...).
"""

import os
import threading

from glare.api import app as api_app
from glare.db import migration
from glare import service

_LOCK = threading.Lock()
_APPLICATION = None


def init_application():
    files = os.environ.get('GLARE_CONFIG_FILES')
    conf = service.prepare(
        argv=[], default_config_files=files.split(',') if files else None)
    if service.uses_embedded_database(conf):
        migration.upgrade()
    return api_app.build(conf)


def application(environ, start_response):
    global _APPLICATION
    if _APPLICATION is None:
        with _LOCK:
            if _APPLICATION is None:
                _APPLICATION = init_application()
    return _APPLICATION(environ, start_response)
