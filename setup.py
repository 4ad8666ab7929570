"""The one thing pyproject.toml cannot say: the optional C extension (app/events/_finite.c).

``optional=True``: without a compiler (or Python's headers) the build goes on without it, and
app/events/payload.py checks payloads with nulls in Python instead (docs/design.md).
"""

import sysconfig

from setuptools import Extension, setup

# Not for free-threaded Python: the extension reads containers without locking them, so it
# declares that it needs the GIL, and importing it would turn the GIL back on.
FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))

setup(
    ext_modules=[]
    if FREE_THREADED
    else [Extension("app.events._finite", ["app/events/_finite.c"], optional=True)],
)
