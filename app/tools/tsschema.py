"""JSON Schema (as pydantic writes it) to TypeScript types.

Covers what pydantic emits for JSON-able Python types: objects with properties (dataclasses,
models, TypedDicts), maps (``additionalProperties``), arrays and tuples (``prefixItems``),
``anyOf``/``oneOf`` unions, ``enum`` and ``const`` literals, the primitive types and ``$ref``
to named definitions. Anything else (a schema it cannot read) becomes ``unknown``: never a
type that accepts less than the runtime sends.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}


def property_key(name: str) -> str:
    """A property name as TypeScript spells it: bare if it is an identifier, else quoted."""
    return name if _IDENTIFIER.fullmatch(name) else json.dumps(name)


def type_name(name: str) -> str:
    """A definition's name made an identifier (pydantic may write ``Page_int_``, ``a__B``,
    ``Note-Input``)."""
    cleaned = re.sub(r"[^\w$]", "_", name)
    return cleaned if _IDENTIFIER.fullmatch(cleaned) else f"T_{cleaned}"


def doc_comment(text: str | None, indent: str = "") -> str:
    """A JSDoc comment (with a newline) for ``text``, or nothing."""
    if not text or not text.strip():
        return ""
    lines = [line.rstrip().replace("*/", "*\\/") for line in text.strip().splitlines()]
    if len(lines) == 1:
        return f"{indent}/** {lines[0]} */\n"
    body = "".join(f"{indent} *{' ' + line if line else ''}\n" for line in lines)
    return f"{indent}/**\n{body}{indent} */\n"


class TypeScriptWriter:
    """Turns schemas into TypeScript. ``names`` maps a ``$ref`` to the type name to use."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def declaration(self, name: str, schema: Mapping[str, Any]) -> str:
        """``export interface`` for a plain object schema, else ``export type``."""
        comment = doc_comment(schema.get("description"))
        if self._is_plain_object(schema):
            return f"{comment}export interface {name} {self._object_body(schema, '')}\n"
        return f"{comment}export type {name} = {self.type(schema)};\n"

    def type(self, schema: object, indent: str = "") -> str:
        if not isinstance(schema, Mapping):
            return "unknown" if schema is not False else "never"
        if "$ref" in schema:
            ref = schema["$ref"]
            return self.names.get(ref, "unknown")
        if "const" in schema:
            return json.dumps(schema["const"])
        if "enum" in schema:
            return _union([json.dumps(value) for value in schema["enum"]])
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return _union([self.type(member, indent) for member in schema[key]])
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.type(schema["allOf"][0], indent)
        kind = schema.get("type")
        if isinstance(kind, list):
            return _union([self.type({**schema, "type": one}, indent) for one in kind])
        if kind in _PRIMITIVES:
            return _PRIMITIVES[kind]
        if kind == "null":
            return "null"
        if kind == "array":
            return self._array(schema, indent)
        if kind == "object":
            return self._object(schema, indent)
        return "unknown"

    def _array(self, schema: Mapping[str, Any], indent: str) -> str:
        prefix = schema.get("prefixItems")
        items = schema.get("items")
        if prefix is not None:
            members = [self.type(item, indent) for item in prefix]
            if items not in (None, False):
                members.append(f"...{_element(self.type(items, indent))}[]")
            return f"[{', '.join(members)}]"
        return f"{_element(self.type(items, indent) if items is not None else 'unknown')}[]"

    def _object(self, schema: Mapping[str, Any], indent: str) -> str:
        extra = schema.get("additionalProperties")
        properties = schema.get("properties")
        if not properties:
            if isinstance(extra, Mapping):
                return f"Record<string, {self.type(extra, indent)}>"
            return "Record<string, never>" if extra is False else "Record<string, unknown>"
        body = self._object_body(schema, indent)
        if isinstance(extra, Mapping) or extra is True:
            value = self.type(extra, indent) if isinstance(extra, Mapping) else "unknown"
            # Declared properties must fit the index signature: an intersection says both.
            return f"{body} & Record<string, {value}>"
        return body

    def _object_body(self, schema: Mapping[str, Any], indent: str) -> str:
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        inner = indent + "  "
        lines = []
        for key, value in properties.items():
            comment = doc_comment(value.get("description"), inner)
            optional = "" if key in required else "?"
            lines.append(
                f"{comment}{inner}{property_key(key)}{optional}: {self.type(value, inner)};"
            )
        if not lines:
            return "Record<string, never>"
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"

    @staticmethod
    def _is_plain_object(schema: Mapping[str, Any]) -> bool:
        return (
            schema.get("type") == "object"
            and bool(schema.get("properties"))
            and schema.get("additionalProperties") in (None, False)
        )


def _union(members: list[str]) -> str:
    unique = list(dict.fromkeys(members))
    if "unknown" in unique:
        return "unknown"
    return " | ".join(unique) if unique else "never"


def _element(text: str) -> str:
    """An array's element type, in parentheses when ``[]`` would bind to only part of it."""
    depth = 0
    for character in text:
        if character in "([{<":
            depth += 1
        elif character in ")]}>":
            depth -= 1
        elif character in "|&" and depth == 0:
            return f"({text})"
    return text
