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

"""The options the sample-config generator documents."""

import importlib.metadata
import os

from oslo_config import cfg
from oslo_middleware import sizelimit

from glare import conf as glare_conf
from glare.conf import opts
from glare.tests import base

GENERATOR_CONFIG = os.path.join(
    os.path.dirname(glare_conf.__file__), '..', '..', 'etc', 'glare',
    'glare-config-generator.conf')


def _options(conf):
    """{(group, name)} of every option registered on ``conf``."""
    found = set()
    for key in conf:
        value = conf[key]
        if isinstance(value, cfg.ConfigOpts.GroupAttr):
            found.update((key, name) for name in value)
        else:
            found.add(('DEFAULT', key))
    return found


def _generator_namespaces():
    # "namespace" repeats, which configparser refuses: read the lines.
    with open(GENERATOR_CONFIG) as f:
        return [line.split('=', 1)[1].strip() for line in f
                if line.replace(' ', '').startswith('namespace=')]


def _documented(namespaces):
    documented = set()
    for namespace in namespaces:
        [entry_point] = importlib.metadata.entry_points(
            group='oslo.config.opts', name=namespace)
        for group, group_opts in entry_point.load()():
            name = getattr(group, 'name', group) or 'DEFAULT'
            documented.update((name, opt.dest) for opt in group_opts)
    return documented


class TestListOpts(base.TestCase):
    def test_glare_namespace_is_the_entry_point(self):
        [entry_point] = importlib.metadata.entry_points(
            group='oslo.config.opts', name='glare')
        self.assertIs(opts.list_opts, entry_point.load())

    def test_groups_are_sorted_and_have_options(self):
        groups = opts.list_opts()
        self.assertEqual(sorted(g for g, _ in groups), [g for g, _ in groups])
        names = {opt.dest for _, group_opts in groups for opt in group_opts}
        self.assertIn('state_dir', names)
        self.assertIn('auth_strategy', names)

    def test_every_registered_option_is_documented(self):
        baseline = _options(cfg.ConfigOpts())
        conf = cfg.ConfigOpts()
        glare_conf.register_opts(conf)
        registered = _options(conf) - baseline
        missing = registered - _documented(_generator_namespaces())
        self.assertEqual(set(), missing)

    def test_registering_twice_is_harmless(self):
        conf = cfg.ConfigOpts()
        glare_conf.register_opts(conf)
        glare_conf.register_opts(conf)
        conf([], default_config_files=[])
        self.assertEqual(9494, conf.bind_port)


class TestDefaults(base.TestCase):
    def test_json_bodies_may_be_larger_than_oslo_middleware_allows(self):
        opts.set_defaults()
        conf = cfg.ConfigOpts()
        conf.register_opts(sizelimit.OPTS, group='oslo_middleware')
        conf([], default_config_files=[])
        self.assertEqual(opts.MAX_JSON_BODY,
                         conf.oslo_middleware.max_request_body_size)


class TestConfigurationReference(base.TestCase):
    def test_every_generator_namespace_is_in_the_docs(self):
        path = os.path.join(os.path.dirname(GENERATOR_CONFIG), '..', '..',
                            'doc', 'source', 'configuration.rst')
        with open(path) as stream:
            shown = {line.strip() for line in stream}
        self.assertEqual([], [namespace for namespace in
                              _generator_namespaces()
                              if namespace not in shown])
