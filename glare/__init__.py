import warnings

# futurist imports eventlet when it is installed (oslo.service depends on
# it); glare never uses eventlet, so its deprecation warning is only noise.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated',
                        category=Warning)

# glare runs on plain threads and processes, never eventlet. oslo.service
# (pulled in by oslo.versionedobjects through oslo.messaging) would
# otherwise pick its eventlet backend on first use.
from oslo_service import backend as _service_backend  # noqa: E402

if _service_backend.get_backend_type() is None:
    _service_backend.init_backend(_service_backend.BackendType.THREADING)
