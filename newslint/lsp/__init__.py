"""The language server (``newslint server``): diagnostics, fixes and rule help in editors.

Needs the optional ``pygls`` dependency (``pip install 'newslint[lsp]'``); the rest of
newslint never imports this package.
"""
