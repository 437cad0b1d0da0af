"""Where the checkout keeps its datasets: read by the build and by the server's settings."""

from __future__ import annotations

from pathlib import Path

#: The dataset served when neither ``DATASET`` nor ``LONGGANG_ARTIFACT`` is set.
DEFAULT_DATASET_NAME = "longgang-2024"

#: The checkout: the folder of ``pyproject.toml``, ``datasets/``, ``build/`` and ``openapi/``.
CHECKOUT = Path(__file__).resolve().parents[2]
#: The checkout's dataset folders; the server reads its source document from one.
DATASETS = CHECKOUT / "datasets"
#: Where the build writes artifacts and their derived files unless told otherwise.
BUILD = CHECKOUT / "build"


class NoDatasetFolder(ValueError):
    """A dataset name or path that names no folder."""


def checkout_folder(name_or_path: str | Path) -> Path:
    """A folder under the checkout's ``datasets/`` by its name, else the path as given.

    Raises :class:`NoDatasetFolder` when neither is a folder, naming the checkout's
    datasets, so that a mistyped name is one clear line rather than a file per record.
    """
    named = DATASETS / str(name_or_path)
    if named.is_dir():
        return named
    if Path(name_or_path).is_dir():
        return Path(name_or_path)
    names = sorted(p.name for p in DATASETS.iterdir() if p.is_dir()) if DATASETS.is_dir() else []
    raise NoDatasetFolder(
        f"no dataset folder {str(name_or_path)!r}: neither a folder name under datasets/ "
        f"({', '.join(names) or 'none'}) nor the path of a folder"
    )
