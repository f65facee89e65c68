"""What an artifact type author needs, in one stable module.

    from glare import objects
    from glare.objects import fields, validators

    class Widget(objects.BaseArtifact):
        VERSION = '1.0'
        fields = {'size': fields.Integer(sortable=True)}

        @classmethod
        def get_type_name(cls):
            return 'widgets'
"""

from glare.objects.base import BaseArtifact  # noqa: F401
