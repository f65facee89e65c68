# Release notes of glare, built with reno's Sphinx extension.
extensions = ['reno.sphinxext']
project = 'glare Release Notes'
copyright = '2026, glare developers'
master_doc = 'index'
exclude_patterns = []
html_theme = 'alabaster'
