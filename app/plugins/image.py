"""Tauri v2's core ``image`` module (``@tauri-apps/api/image``, ``plugin:image|*``, permission
``core:image:*``): images a page holds by resource id (``Image.new``, ``fromBytes``,
``fromPath``), read back as RGBA (``rgba``, ``size``) and given to ``setIcon`` (a window's, a
tray's, a menu item's). Each is a ``QImage`` in RGBA8888 in the app's resource table
(``resources.py``); ``plugin:resources|close`` drops it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage

from ..app import App
from ..commands.rawbody import Response, raw_response
from .plugin import Plugin
from .resources import resources_of

# What a page sends as bytes inside JSON arguments: numbers (``number[]``, or a ``Uint8Array``
# or ``ArrayBuffer`` the IPC made numbers), or a ``Uint8Array`` that a plain JSON round trip
# made ``{"0": .., "1": ..}``.
ByteValues = Sequence[int] | Mapping[str, int]


def bytes_of(values: ByteValues, what: str) -> bytes:
    """The bytes a page sent as ``values``; ``ValueError`` naming ``what`` if they are not."""
    if isinstance(values, Mapping):
        try:
            ordered = [values[str(index)] for index in range(len(values))]
        except KeyError:
            raise ValueError(f"{what}: expected bytes (a Uint8Array or numbers)") from None
        values = ordered
    if not all(type(value) is int and 0 <= value <= 255 for value in values):
        raise ValueError(f"{what}: expected bytes, numbers from 0 to 255")
    return bytes(values)


def rgba_image(data: bytes, width: int, height: int) -> QImage:
    """A deep copy of ``width`` x ``height`` RGBA pixels, row by row from the top."""
    if width <= 0 or height <= 0:
        raise ValueError(f"image size {width}x{height}: width and height must be positive")
    if len(data) != width * height * 4:
        raise ValueError(
            f"image of {width}x{height}: expected {width * height * 4} bytes of RGBA, "
            f"got {len(data)}"
        )
    return QImage(data, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()


def decoded_image(data: bytes, source: str) -> QImage:
    """An image file's pixels, as RGBA8888. Qt reads PNG and ICO as Tauri does, and more
    (JPEG, SVG, ...); ``ValueError`` naming ``source`` if it cannot."""
    image = QImage.fromData(QByteArray(data))
    if image.isNull():
        raise ValueError(f"{source}: not an image Qt can read ({len(data)} bytes)")
    return image.convertToFormat(QImage.Format.Format_RGBA8888)


def image_of(app: App, rid: int) -> QImage:
    """The image a page holds as ``rid`` (for ``setIcon``s that take a v2 ``Image``)."""
    found = resources_of(app).get(rid)
    if not isinstance(found, QImage):
        raise ValueError(f"resource id {rid} is not an image")
    return found


def read_image_file(app: App, path: str) -> QImage:
    """The image file at ``path``; a relative path is in the config's folder (Tauri reads it
    from the process's folder, src-tauri/ in ``tauri dev``: the config's folder stands in)."""
    file = app.config.root / Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read the image {file}: {error.strerror}") from None
    return decoded_image(data, str(file))


def js_image(app: App, value: Any) -> QImage:
    """An image as a guest package sends one (Tauri's ``JsImage``, the value of the API's
    ``transformImage``): an ``Image``'s resource id, a path, an image file's bytes, or
    ``{rgba, width, height}``."""
    if type(value) is int:
        return image_of(app, value)
    if isinstance(value, str):
        return read_image_file(app, value)
    if isinstance(value, Mapping) and {"rgba", "width", "height"} <= set(value):
        return rgba_image(bytes_of(value["rgba"], "image"), value["width"], value["height"])
    if isinstance(value, Sequence | Mapping):
        return decoded_image(bytes_of(value, "image"), "image")
    raise ValueError(
        "an image is an Image, a path, the bytes of an image file or {rgba, width, height}"
    )


def image_plugin() -> Plugin:
    def new(app: App, rgba: ByteValues, width: int, height: int) -> int:
        image = rgba_image(bytes_of(rgba, "Image.new"), width, height)
        return resources_of(app).add(image)

    def from_bytes(app: App, bytes: ByteValues) -> int:
        image = decoded_image(bytes_of(bytes, "Image.fromBytes"), "Image.fromBytes")
        return resources_of(app).add(image)

    def from_path(app: App, path: str) -> int:
        return resources_of(app).add(read_image_file(app, path))

    def rgba(app: App, rid: int) -> Response:
        image = image_of(app, rid)
        return raw_response(bytes(image.constBits())[: image.sizeInBytes()])

    def size(app: App, rid: int) -> dict[str, int]:
        image = image_of(app, rid)
        return {"width": image.width(), "height": image.height()}

    plugin = Plugin("image", commands=[new, from_bytes, from_path, rgba, size])
    plugin.permission_prefix = "core:image"
    return plugin
