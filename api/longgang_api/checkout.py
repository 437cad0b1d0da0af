"""Where the checkout keeps its datasets: read by the build and by the server's settings."""

from __future__ import annotations

from pathlib import Path

#: The dataset served when neither ``DATASET`` nor ``LONGGANG_ARTIFACT`` is set.
DEFAULT_DATASET_NAME = "longgang-2024"

#: The checkout's dataset folders; the server reads its source document from one.
DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def checkout_folder(name_or_path: str | Path) -> Path:
    """A folder under the checkout's ``datasets/`` by its name, else the path as given."""
    named = DATASETS / str(name_or_path)
    return named if named.is_dir() else Path(name_or_path)
