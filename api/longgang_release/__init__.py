"""Release tools: the OpenAPI export and check, and the breaking-change differ.

Not shipped in the server's wheel.
"""
