"""Shared test helpers: the synthetic mini dataset, broken overlays, the shipped data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import vertikal

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
BROKEN = FIXTURES / "broken"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EN_2022 = CORPUS / "kz-constitution-1995-rev2022-09.en.txt"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test (and every process it starts) caches in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    saved = os.environ.get("VERTIKAL_CACHE")
    os.environ["VERTIKAL_CACHE"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("VERTIKAL_CACHE", None)
    else:
        os.environ["VERTIKAL_CACHE"] = saved


@pytest.fixture(scope="session")
def shipped() -> vertikal.Dataset:
    """The built-in Kazakhstan dataset, loaded once."""
    return vertikal.load()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the synthetic mini dataset."""
    dest = tmp_path / "data"
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str], Path]:
    """The mini dataset with one broken file laid over it."""

    def make(case: str) -> Path:
        dest = tmp_path / case
        shutil.copytree(MINI, dest)
        shutil.copytree(BROKEN / case, dest, dirs_exist_ok=True)
        return dest

    return make
