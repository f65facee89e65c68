"""TOSCA service templates."""

from glare.artifact_types import documents
from glare.objects import base
from glare.objects import fields as f

TEMPLATE_MAX = 10 * 1024 ** 2


def check_template(document, what='TOSCA template'):
    if 'tosca_definitions_version' not in document:
        raise ValueError('The %s needs tosca_definitions_version.' % what)


class TOSCATemplate(documents.YamlDocument, base.BaseArtifact):
    VERSION = '1.0'
    document_name = 'TOSCA template'
    document_max = TEMPLATE_MAX
    check_document = staticmethod(check_template)

    fields = {
        'template_format': f.String(
            description='Format of the template, e.g. "yaml" or a TOSCA '
                        'profile name.'),
        'template': f.Blob(max_blob_size=TEMPLATE_MAX,
                           required_on_activate=True,
                           description='The TOSCA service template '
                                       '(YAML).'),
    }

    @classmethod
    def get_type_name(cls):
        return 'tosca_templates'

    @classmethod
    def get_display_type_name(cls):
        return 'TOSCA Templates'
