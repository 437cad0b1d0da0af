"""The data model and the files the build made: what the build and the server share.

It loads without the web framework and without the query engine: the build
(``longgang_build``) imports nothing of the server but this package and
:mod:`longgang_api.checkout`.
"""
