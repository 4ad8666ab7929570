"""Tools around an app, none needed to run one: the command line (``python -m app``), the
scaffold of a new app, TypeScript type generation, the event trace and the demo. They may
import anything in the package; nothing in the package imports them but ``__main__``
(the command line). Each module is imported only when its
tool runs, so that ``import app`` stays fast."""
