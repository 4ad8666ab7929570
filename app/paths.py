"""Where the package's data is: the JS API, the demo and its config.

In the repository (and an editable install) they are at its top, next to ``app/``; a wheel
carries them inside the package (``app/frontend``, ``app/resources``, see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DATA_ROOT = _PACKAGE if (_PACKAGE / "frontend" / "api").is_dir() else _PACKAGE.parent
API_DIR = DATA_ROOT / "frontend" / "api"
BUNDLED_CONFIG = DATA_ROOT / "resources" / "app.json"
