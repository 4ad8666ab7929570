"""The official Tauri plugins, on Qt, one module each; their factories are exported as
``app.plugins.<name>``."""
