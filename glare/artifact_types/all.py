"""The read-only ``all`` view over the artifacts of every type."""

from glare.objects import base
from glare.objects import fields as f


class All(base.BaseArtifact):
    VERSION = '1.0'
    read_only = True

    fields = {
        'type_name': f.String(system=True, sortable=True,
                              filter_ops=f.EQUALITY_OPS,
                              description='Type of the artifact.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'all'

    @classmethod
    def get_display_type_name(cls):
        return 'All Artifacts'
