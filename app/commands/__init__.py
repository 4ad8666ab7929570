"""Commands a page invokes: the registry that binds a call's arguments to a function's
parameters, the invoker that runs it (on the GUI thread, a worker thread or the asyncio loop)
and hands its answer to a reply callable, the asyncio glue, and ``Channel`` (a stream to one
page, through a ``post`` callable). It may import ``app.events`` and the base modules, not
the bridge: how an answer is encoded for the wire is the bridge's business."""
