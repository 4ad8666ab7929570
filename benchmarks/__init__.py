"""``make bench``: the project's figures against a raw QWebEngineView + QWebChannel baseline."""
