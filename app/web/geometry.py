"""The physical sizes and positions windows report (Tauri's ``PhysicalSize`` and
``PhysicalPosition``: logical pixels times the device pixel ratio)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhysicalSize:
    width: int
    height: int


@dataclass(frozen=True)
class PhysicalPosition:
    x: int
    y: int
