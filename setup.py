"""The one thing pyproject.toml cannot say: the optional C extension (app/events/_finite.c).

``optional=True``: without a compiler (or Python's headers) the build goes on without it, and
app/events/payload.py checks payloads with nulls in Python instead (docs/design.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("app.events._finite", ["app/events/_finite.c"], optional=True),
    ],
)
