"""HTTP: the layers before routing, the one answer of every list, conditional requests,
ranges and gzip, problems, and what the framework's handlers share.
"""
