"""Murano application packages."""

from glare.objects import base
from glare.objects import fields as f
from glare.objects import validators as v


class MuranoPackage(base.BaseArtifact):
    VERSION = '1.0'

    fields = {
        'package': f.Blob(max_blob_size=100 * 1024 ** 2,
                          required_on_activate=True,
                          description='The package archive (zip).'),
        'type': f.String(default='Application', sortable=True,
                         validators=[v.AllowedValues(['Application',
                                                      'Library'])],
                         description='Package type.'),
        'display_name': f.String(mutable=True,
                                 description='Human-readable name of the '
                                             'package.'),
        'categories': f.List(f.String, mutable=True,
                             description='Categories of the package.'),
        'class_definitions': f.List(f.String, validators=[v.Unique()],
                                    description='Classes the package '
                                                'defines.'),
        'inherits': f.Dict(f.String,
                           description='Classes the package classes '
                                       'inherit from, by class.'),
        'keywords': f.List(f.String, mutable=True,
                           description='Keywords to find the package '
                                       'by.'),
        'dependencies': f.List(
            f.Link(type_name='murano_packages'),
            description='Packages this one needs: links to '
                        'murano_packages artifacts.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'murano_packages'

    @classmethod
    def get_display_type_name(cls):
        return 'Murano packages'
