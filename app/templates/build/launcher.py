"""The entry point of an app built by ``python -m app build``: runs ``python -m app`` with the
app's config and Python side, which travel inside the bundle (``qtauri-app/``)."""

import json
import sys
from pathlib import Path

from app.__main__ import main

# PyInstaller unpacks (or, in a folder build, keeps) the bundle's data under sys._MEIPASS.
HERE = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent)) / "qtauri-app"
settings = json.loads((HERE / "bundle.json").read_text(encoding="utf-8"))
args = ["--config", str(HERE / "app.json")]
if settings["app"]:
    args += ["--app", settings["app"]]
# Messages (a config error, missing system libraries) name the app, not "python -m app".
sys.exit(main([*args, *sys.argv[1:]], prog=Path(sys.argv[0]).name))
