"""`kg plot timeline` and `kg plot compare`: real PNG and SVG files, looked at as a reader would."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from kg.cli import app
from kg.export.data import fetch_claims
from kg.export.plots import (COLOURS, HATCHES, LINESTYLES, MARKERS, _Styles, compare, period_end_date,
                             revision_lines, same_at_shared_precision, timeline)
from kg.stores import open_store

from test_export_seed_claims import seedlike_store_folder

runner = CliRunner()
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def seedlike(tmp_path_factory) -> Path:
    return seedlike_store_folder(tmp_path_factory.mktemp("plots") / "store")


@pytest.fixture
def store(seedlike):
    s = open_store(seedlike, read_only=True)
    yield s
    s.close()


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


def assert_real_picture(path: Path, min_size=(600, 400)) -> Image.Image:
    """A PNG of a decent size that is not blank: many non-white pixels, several colours."""
    img = Image.open(path).convert("RGB")
    assert img.width >= min_size[0] and img.height >= min_size[1]
    small = img.resize((img.width // 4, img.height // 4))
    pixels = list(small.getdata())
    ink = sum(1 for p in pixels if sum(p) < 3 * 235) / len(pixels)
    assert ink > 0.02, f"{path.name} is nearly blank ({ink:.1%} ink)"
    assert len(set(pixels)) > 20
    return img


def svg_texts(path: Path) -> str:
    return html.unescape(" ".join(re.findall(r">([^<>]+)</text>", path.read_text())))


def test_timeline_png_of_the_seeds_is_a_real_picture(store, tmp_path):
    out = tmp_path / "timeline.png"
    summary = timeline(store, out, "civilians-killed")
    assert "4 sources" in summary
    assert_real_picture(out)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "timeline-seeds.png").write_bytes(out.read_bytes())


def test_timeline_svg_labels_axes_legend_and_figures(store, tmp_path):
    out = tmp_path / "timeline.svg"
    timeline(store, out, "civilians-killed")
    text = svg_texts(out)
    assert "civilians killed" in text and "end of the period" in text  # axis labels
    for source in ("CJTF-OIR", "Airwars", "BBC", "Syrian Network for Human Rights"):  # legend
        assert source in text
    for figure in ("≥685", "≥1,139", "7,316–11,637", ">100"):
        assert figure in text
    assert "2018-01" in text or "2018-04" in text  # dates on the x axis


def test_the_coalitions_revised_total_is_one_line_from_685_to_1139(store):
    claims = [c for c in fetch_claims(store, metric="civilians-killed").values()]
    lines = dict(revision_lines(claims))
    assert [c.value for c in lines["CJTF-OIR"]] == [685, 817, 1061, 1114, 1139]
    airwars = next(c for c in claims if c.asserter_label == "Airwars")
    assert airwars.value > 6 * 1139  # the range sits far above the coalition's line


def test_compare_draws_one_bar_per_source_for_a_period(store, tmp_path):
    out = tmp_path / "compare.svg"
    summary = compare(store, out, "civilians-killed", "2014-08/2018")
    assert summary.startswith("2 sources")
    text = svg_texts(out)
    assert "CJTF-OIR" in text and "Airwars" in text and "≥1,139" in text and "7,316–11,637" in text
    assert "civilians killed" in text
    png = tmp_path / "compare.png"
    compare(store, png, "civilians-killed", "2014-08/2018")
    assert_real_picture(png, (500, 400))


def test_sources_stay_apart_in_grey_scale():
    styles = list(zip(MARKERS, LINESTYLES, HATCHES))
    assert len(set(map(str, styles))) == len(styles) == len(COLOURS)


def test_twenty_sources_stay_apart_in_grey_scale_and_the_rest_are_other_sources():
    sources = [f"source {i}" for i in range(25)]
    style = _Styles(sources)
    pairs = {(style(s)["marker"], str(style(s)["linestyle"])) for s in sources[:20]}
    assert len(pairs) == 20
    assert len({str(style(s)) for s in sources[20:]}) == 1
    labels = [h.get_label() for h in style.legend(sources)]
    assert labels == [*sources[:20], "other sources (5)"]


def test_periods_match_at_their_shared_precision():
    assert same_at_shared_precision("2018", "2018-11") and not same_at_shared_precision("2018-12", "2018-11")
    assert period_end_date("2018-02").isoformat() == "2018-02-28"
    assert period_end_date("2017").isoformat() == "2017-12-31"


@pytest.mark.parametrize("args, message", [
    (["timeline", "--metric", "civilians-killed", "-o", "x.pdf"], "name the file .png or .svg"),
    (["timeline", "--metric", "unicorns-seen", "-o", "x.png"], "no metric 'unicorns-seen' in the store"),
    (["compare", "--metric", "civilians-killed", "--period", "2018", "-o", "x.png"], "expected START/END"),
    (["compare", "--metric", "civilians-killed", "--period", "2019-01/2019-02", "-o", "x.png"],
     "no civilians-killed figure for the period 2019-01/2019-02; periods with figures:"),
    (["compare", "--metric", "strikes", "--period", "2014-08/2018-13", "-o", "x.png"], "is not a date"),
])
def test_cli_bad_input_gets_a_one_line_error(seedlike, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = kg("plot", *args, "--store", seedlike)
    assert r.exit_code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("x.*"))


def test_cli_plots_the_real_pipeline_seed_store(seed_dir, tmp_path):
    store = tmp_path / "s"
    assert kg("load", seed_dir, "--store", store, "-q").exit_code == 0
    r = kg("plot", "timeline", "--metric", "civilians-killed", "-o", tmp_path / "t.png", "--store", store)
    assert r.exit_code == 0, r.output
    assert "wrote" in r.stdout
    assert_real_picture(tmp_path / "t.png")
    r = kg("plot", "compare", "--metric", "strikes", "--period", "2014-08/2018", "-o", tmp_path / "c.svg", "--store", store)
    assert r.exit_code == 0, r.output
    assert "CJTF-OIR" in svg_texts(tmp_path / "c.svg")


def test_figures_without_a_stated_start_are_not_joined(store):
    claims = list(fetch_claims(store, metric="civilians-killed").values())
    for c in claims:
        if c.asserter_label == "CJTF-OIR" and c.value == 1139:
            c.period_start = None  # as if the text gave no start
    line = dict(revision_lines(claims))["CJTF-OIR"]
    assert [c.value for c in line] == [685, 817, 1061, 1114]
