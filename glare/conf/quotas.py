"""Quota defaults; per-project overrides are set through the API."""

from oslo_config import cfg

opts = [
    cfg.IntOpt('max_artifact_number', default=-1, min=-1,
               help='Artifacts a project may have, of all types together. '
                    '-1: no limit.'),
    cfg.IntOpt('max_uploaded_data', default=-1, min=-1,
               help='Bytes of blob data a project may store, of all types '
                    'together. -1: no limit.'),
    cfg.ListOpt('type_quotas', default=[],
                help='Defaults per artifact type, as '
                     '"<quota>:<type_name>:<value>" items, e.g. '
                     '"max_artifact_number:images:100,'
                     'max_uploaded_data:images:10737418240". -1: no '
                     'limit.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
