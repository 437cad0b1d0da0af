"""The dataset compiler: record files and their source in, one verified artifact out.

May import the model; the server never imports this package.
"""
