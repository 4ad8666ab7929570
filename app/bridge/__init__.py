"""Between Python and the pages: ``EventHub`` (the Qt side of routing and the one front door
to the event system: thread hop, end-of-turn flush, ready deadlines), the QObject each page's
``QWebChannel`` publishes and the wire protocol it speaks, and the serving of a page's
requests (listen, emit, invoke, window calls). It may import ``app.commands``,
``app.events``, ``app.config`` and the base modules; what it needs of windows and of the app
it receives as callables or protocols, never by importing ``app.web`` or ``app.app``."""
