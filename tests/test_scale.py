"""The synthetic scale datasets: valid, built by the real build, marked synthetic."""

from __future__ import annotations

from pathlib import Path

from longgang_api.data.artifact import load
from longgang_api.engine.declarations import LISTINGS
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL
from longgang_build.build import BuildResult, compile_artifact, load_records, write
from tools.scale import generate, main


def test_three_copies_build_with_three_times_the_records(
    tmp_path: Path, build_result: BuildResult
) -> None:
    folder = generate(3, tmp_path)
    result = compile_artifact(load_records(folder))
    for name in ("sections", "indicators", "observations", "projects", "mentions", "glossary"):
        assert result.counts[name] == 3 * build_result.counts[name], name
    # Every number of the synthetic source is quoted or excluded, as in the report.
    assert result.counts["numbers"] == 3 * build_result.counts["numbers"]
    assert result.counts["quoted_numbers"] == 3 * build_result.counts["quoted_numbers"]


def test_the_data_says_it_is_synthetic(tmp_path: Path) -> None:
    folder = generate(2, tmp_path)
    assert "SYNTHETIC" in (folder / "source.md").read_text().splitlines()[0]
    artifact = compile_artifact(load_records(folder)).artifact
    assert artifact.dataset.id == "synthetic-2x"
    assert artifact.dataset.title.en.startswith("SYNTHETIC")
    assert artifact.dataset.description.en.startswith("SYNTHETIC")


def test_a_synthetic_dataset_is_served_and_indexed(tmp_path: Path) -> None:
    folder = generate(2, tmp_path)
    dataset = load(write(compile_artifact(load_records(folder)), tmp_path / "out"))
    search = next(listing for listing in LISTINGS if listing.name == "search")
    collection = search.collection(dataset, DEFAULT_PUBLIC_BASE_URL)
    ids = [hit.id for hit in collection.records]
    assert "gdp-growth" in ids and "gdp-growth-x1" in ids


def test_the_command_keeps_the_dataset_apart_from_what_the_build_derives(tmp_path: Path) -> None:
    # The build writes derived files into <out>/<id>/: a dataset folder there would be lost.
    assert main(["--copies", "1", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "datasets" / "synthetic-1x" / "source.md").is_file()
    assert (tmp_path / "synthetic-1x" / "manifest.json").is_file()
    assert (tmp_path / "synthetic-1x.json").is_file()
