"""Where this copy of qtauri was installed from, so that ``python -m app new`` can tell a new
app's environment how to get the same one: qtauri is not on PyPI, so ``pip install qtauri``
finds nothing; the wheel or checkout this copy came from is what to install."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..paths import DATA_ROOT

DISTRIBUTION = "qtauri"


def install_source() -> str | None:
    """The local wheel or folder qtauri was installed from (pip's ``direct_url.json``,
    PEP 610), or the checkout this package runs from without being installed; ``None`` when
    it came from a package index (then ``pip install qtauri`` is the way)."""
    # Not metadata.distribution(): a build's qtauri.egg-info in the working folder would
    # shadow the installed copy's metadata.
    found = list(metadata.distributions(name=DISTRIBUTION))
    for distribution in found:
        source = source_from_direct_url(distribution.read_text("direct_url.json"))
        if source is not None:
            return source
    if not found and (DATA_ROOT / "pyproject.toml").is_file():
        return str(DATA_ROOT)  # run from a checkout without installing it: that checkout
    return None


def source_from_direct_url(text: str | None) -> str | None:
    """The local path in a ``direct_url.json`` text, if it names one that still exists."""
    if not text:
        return None
    try:
        url = json.loads(text).get("url", "")
    except (ValueError, AttributeError):
        return None
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = Path(unquote(parsed.path))
    return str(path) if path.exists() else None
