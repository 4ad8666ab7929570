/* The NaN check of payloads with nulls (spec §6.3), in C: app/events/payload.py asks it
 * whether every float of a payload orjson has encoded is finite, because orjson writes NaN
 * and infinities as `null`, as it writes None. Done in Python, even with C-level passes per
 * level, the check cost 3-5x orjson's own encoding for a table of rows (docs/performance.md).
 *
 * Optional: setup.py builds it when a compiler is there; without it payload.py counts the
 * payload's None values instead (docs/design.md).
 *
 * all_finite(payload) answers True (every float finite), False (a float is NaN or infinite)
 * or None (a value of another type than exact dict, list, tuple, str, int, float, bool and
 * None, or nesting deeper than MAX_DEPTH: the caller's Python walk decides). Subclasses are
 * "another type": their values may not be what orjson wrote.
 *
 * It runs no Python code (exact built-in types only: no __eq__, no __hash__, no iteration
 * protocol), so nothing can change the payload while it reads it; it holds only borrowed
 * references and creates no object, so it cannot leak. It loops over a stack of its own,
 * bounded, so deep or self-containing payloads end in None, never in a crash.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* orjson refuses payloads nested more than 255 levels, so a payload asked about is never
 * deeper; the bound is for direct calls (and a payload that contains itself). */
#define MAX_DEPTH 512

typedef struct {
    PyObject *container; /* borrowed: the payload holds it */
    Py_ssize_t position; /* the next item's index, or PyDict_Next's position */
} Frame;

enum { FINITE = 1, NOT_FINITE = 0, UNKNOWN = -1, CONTAINER = 2 };

/* What a leaf says, or CONTAINER for one to enter. */
static inline int
classify(PyObject *value)
{
    PyTypeObject *kind = Py_TYPE(value);
    if (kind == &PyFloat_Type) {
        return isfinite(PyFloat_AS_DOUBLE(value)) ? FINITE : NOT_FINITE;
    }
    if (kind == &PyUnicode_Type || kind == &PyLong_Type || value == Py_None ||
        kind == &PyBool_Type) {
        return FINITE;
    }
    if (kind == &PyDict_Type || kind == &PyList_Type || kind == &PyTuple_Type) {
        return CONTAINER;
    }
    return UNKNOWN;
}

/* Reads a container's items in a tight loop until it meets a container (entered, its parent
 * kept on the stack) or its end (the parent taken back): a table's rows cost one push each. */
static int
check(PyObject *payload)
{
    Frame stack[MAX_DEPTH];
    int depth = 0; /* parents on the stack */
    int verdict = classify(payload);
    if (verdict != CONTAINER) {
        return verdict;
    }
    PyObject *container = payload;
    Py_ssize_t position = 0;
    for (;;) {
        PyObject *child = NULL;
        if (Py_TYPE(container) == &PyDict_Type) {
            PyObject *key, *item; /* a NULL key made it 6 % slower here */
            while (PyDict_Next(container, &position, &key, &item)) {
                verdict = classify(item);
                if (verdict == FINITE) {
                    continue;
                }
                if (verdict != CONTAINER) {
                    return verdict;
                }
                child = item;
                break;
            }
        }
        else {
            /* The same loop as the dict's, over an array: one loop for both, with the type test
             * per item, cost the table 17 % more (0.226 -> 0.265 ms). Nothing runs that could
             * change the list while it is read, so its array and size stay as they are. */
            PyObject **items = Py_TYPE(container) == &PyList_Type
                                   ? ((PyListObject *)container)->ob_item
                                   : ((PyTupleObject *)container)->ob_item;
            Py_ssize_t size = Py_SIZE(container);
            while (position < size) {
                PyObject *item = items[position++];
                verdict = classify(item);
                if (verdict == FINITE) {
                    continue;
                }
                if (verdict != CONTAINER) {
                    return verdict;
                }
                child = item;
                break;
            }
        }
        if (child == NULL) {
            if (depth == 0) {
                return FINITE;
            }
            depth--;
            container = stack[depth].container;
            position = stack[depth].position;
            continue;
        }
        if (depth == MAX_DEPTH - 1) {
            return UNKNOWN; /* the child would be the (MAX_DEPTH + 1)th level */
        }
        stack[depth].container = container;
        stack[depth].position = position;
        depth++;
        container = child;
        position = 0;
    }
}

static PyObject *
all_finite(PyObject *module, PyObject *payload)
{
    (void)module;
    switch (check(payload)) {
    case FINITE:
        Py_RETURN_TRUE;
    case NOT_FINITE:
        Py_RETURN_FALSE;
    default:
        Py_RETURN_NONE;
    }
}

static PyMethodDef methods[] = {
    {"all_finite", all_finite, METH_O,
     "all_finite(payload, /)\n--\n\n"
     "True if every float in the payload is finite, False if one is NaN or infinite, None "
     "if it holds another type than exact dict, list, tuple, str, int, float, bool, None, "
     "or nests deeper than " Py_STRINGIFY(MAX_DEPTH) " levels."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_GIL_DISABLED
    /* Not declared free-threading safe: without the GIL another thread could change a list
     * while it is read through borrowed references. */
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "app.events._finite",
    .m_doc = "Whether every float of a payload is finite (spec §6.3), without running Python "
             "code.",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit__finite(void)
{
    return PyModuleDef_Init(&module_def);
}
