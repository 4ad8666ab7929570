"""Dev mode (``python -m app --dev``): reload on save (``devmode``, fed by the folder watcher
``watcher``), backend restarts in a child process (``supervisor``, ``child``), the F12 inspector
and the DevTools port, and Ctrl+C / SIGTERM ending Qt's loop cleanly (``signals``). It may
import the top-level ``app`` and ``config`` and the lower layers, never ``builder`` or
``__main__``: those import it, and only lazily (``__main__`` and ``Builder.build``/``run`` when
dev mode is asked for, ``run_event_loop`` for the signal watcher), so that an app that is not in
dev mode loads none of it and no import cycle runs through it.
"""
