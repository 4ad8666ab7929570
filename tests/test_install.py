"""Installs outside this repository (issue 16, item 2): the wheel in a fresh venv gives a
working ``python -m app`` and pytest plugin; ``python -m app new`` prints the steps that take
its app from nothing to passing tests, and following them, word for word, works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.events.payload import NAN_CHECK
from app.tools.origin import source_from_direct_url
from app.tools.scaffold import install_command, next_steps

ROOT = Path(__file__).resolve().parent.parent
HEADLESS = {
    "QT_QPA_PLATFORM": "offscreen",
    "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
    "QTWEBENGINE_DISABLE_SANDBOX": "1",
}
# How long the printed `python backend.py` runs before it is asked to stop (SIGTERM): long
# enough to open its window; a crash or a config error ends it sooner with another status.
RUN_SECONDS = 15


def clean_env(venv_bin: Path | None = None) -> dict[str, str]:
    """This process's environment without this checkout's venv or pytest's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_PLUGINS"}
    }
    paths = [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))]
    if venv_bin is not None:
        paths.insert(0, str(venv_bin))
    env["PATH"] = os.pathsep.join(paths)
    return {**env, **HEADLESS}


def check(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def base_python() -> str:
    """The Python this venv was made from (a venv of a venv would share nothing anyway)."""
    return getattr(sys, "_base_executable", sys.executable)


@pytest.mark.slow
def test_the_wheel_installs_elsewhere_and_a_new_app_follows_its_printed_steps(
    tmp_path: Path,
) -> None:
    wheels = tmp_path / "wheels"
    built = check(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", str(ROOT), "-w", str(wheels)],
        cwd=tmp_path,
        env=clean_env(),
    )
    # No setuptools warnings (a license table, data folders missing from `packages`).
    assert "Warning" not in built, built
    (wheel,) = wheels.glob("qtauri-*.whl")
    # The extension's stub goes in the wheel, its C source does not (the sdist has it).
    names = zipfile.ZipFile(wheel).namelist()
    assert "app/events/_finite.pyi" in names
    assert "app/events/_finite.c" not in names
    # A user's environment: a fresh venv outside the checkout, with the wheel.
    user = tmp_path / "user-venv"
    check([base_python(), "-m", "venv", str(user)], cwd=tmp_path, env=clean_env())
    env = clean_env(user / "bin")
    check(["python", "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path, env=env)
    # The optional C check of payloads with nulls is in the wheel where it is built here.
    nan_check = check(
        ["python", "-c", "from app.events.payload import NAN_CHECK; print(NAN_CHECK)"],
        cwd=tmp_path,
        env=env,
    )
    assert nan_check.strip() == NAN_CHECK
    helped = check(["python", "-m", "app", "--help"], cwd=tmp_path, env=env)
    assert "examples:" in helped
    created = check(["python", "-m", "app", "new", "notes app"], cwd=tmp_path, env=env)
    # The printed steps, as a user copies them (without their comments).
    _, _, tail = created.partition("Next, in a terminal")
    steps = [line.split("  # ")[0].strip() for line in tail.splitlines()[1:] if line.strip()]
    assert steps == next_steps(Path("notes app"), str(wheel))
    assert steps[2] == f"python -m pip install {wheel}"
    # Followed in a shell of their own, with nothing of this project's: the app gets a venv
    # of its own, installs qtauri from the wheel it was made from, runs and passes its tests.
    run_step = steps.index("python backend.py")
    script = "\n".join(
        [
            "set -e",
            *steps[:run_step],
            f"timeout --preserve-status -s TERM {RUN_SECONDS} {steps[run_step]}",
            *steps[run_step + 1 :],
        ]
    )
    shell = clean_env()
    shell["PATH"] = os.pathsep.join([str(Path(base_python()).parent), "/usr/bin", "/bin"])
    shell["XDG_DATA_HOME"] = str(tmp_path / "data")  # the app's storage, not the user's
    followed = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=shell,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    out = followed.stdout + followed.stderr
    assert followed.returncode == 0, out
    assert "Traceback" not in out
    assert "3 passed" in followed.stdout
    # The app's venv has the wheel's qtauri, not this checkout.
    app_python = tmp_path / "notes app" / ".venv" / "bin" / "python"
    where = check(
        [str(app_python), "-c", "import app; print(app.__file__)"], cwd=tmp_path, env=shell
    )
    assert str(tmp_path / "notes app" / ".venv") in where


@pytest.mark.slow
def test_a_wheel_built_without_a_compiler_checks_payloads_in_python(tmp_path: Path) -> None:
    # The extension is optional (setup.py): with no working compiler the build goes on, and
    # the installed package counts None values instead (docs/design.md). Built from a copy
    # without this checkout's built extension and build folder, which the wheel would take.
    source = tmp_path / "source"
    skipped = shutil.ignore_patterns(".git", ".venv*", "node_modules", "*.so", "*cache*")

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = {"build", "dist", ".hypothesis"} if Path(folder) == ROOT else set()
        return set(skipped(folder, names)) | (top & set(names))

    shutil.copytree(ROOT, source, ignore=ignore)
    wheels = tmp_path / "wheels"
    check(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", str(source), "-w", str(wheels)],
        cwd=tmp_path,
        env={**clean_env(), "CC": "false"},
    )
    (wheel,) = wheels.glob("qtauri-*.whl")
    assert not [name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".so")]
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    # This venv has the dependencies; the wheel's package comes first on the path.
    used = check(
        [
            sys.executable,
            "-c",
            "import app.events.payload as p; print(p.__file__); print(p.NAN_CHECK)",
        ],
        cwd=tmp_path,
        env={**clean_env(), "PYTHONPATH": str(unpacked)},
    )
    where, check_used = used.split()
    assert where.startswith(str(unpacked))
    assert check_used == "python"


def test_the_install_command_names_the_wheel_or_checkout_else_the_index() -> None:
    assert install_command("/tmp/w/qtauri-0.1.0-py3-none-any.whl") == (
        "python -m pip install /tmp/w/qtauri-0.1.0-py3-none-any.whl"
    )
    assert install_command("/home/me/my code/qtauri") == (
        "python -m pip install '/home/me/my code/qtauri'"
    )
    assert install_command(None) == "python -m pip install qtauri"


def test_the_source_comes_from_pips_direct_url_record(tmp_path: Path) -> None:
    wheel = tmp_path / "qtauri-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"")
    record = {"url": wheel.as_uri(), "archive_info": {}}
    assert source_from_direct_url(json.dumps(record)) == str(wheel)
    checkout = {"url": tmp_path.as_uri(), "dir_info": {"editable": True}}
    assert source_from_direct_url(json.dumps(checkout)) == str(tmp_path)
    # From an index, from the web, gone since, or unreadable: no local source.
    assert source_from_direct_url(None) is None
    assert source_from_direct_url('{"url": "https://example.org/qtauri.whl"}') is None
    assert source_from_direct_url(json.dumps({"url": (tmp_path / "gone.whl").as_uri()})) is None
    assert source_from_direct_url("not json") is None
