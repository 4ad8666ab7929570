"""The event system in plain Python (no Qt): event and window names, the value types handlers
receive and the registry stores, the listener registry, the router that decides who hears an
emit and in what order, each page's state (its document, its kept events, its outgoing
batch) and the payload encoding. It may import the base modules (``app.errors``) and nothing
else of the package; everything above builds on it."""
