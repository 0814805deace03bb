"""The command as AMiGA's users call it (issue 16) and under hostile tables
(issue 12), run for real in subprocesses.

As in test_cli.py, every command is started once, all concurrently, by the
module fixture ``runs``; the tests then check exit status, stderr, the
matrix saved with --save-matrix and the pixels of the PNG, against the same
grid rebuilt in this process by the CLI's own code.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from test_cli import (
    assert_bar_matches_png,
    assert_cells_match_png,
    default_style,
    png_rgba,
)

import clustergrid as cg
from clustergrid._compat import seaborn_args as _seaborn
from clustergrid._compat.seaborn_text import parse_value
from conftest import assert_no_overlap, heatmap_cell_centres_px

_RNG = np.random.default_rng(16)
ISOLATES = ["PA01", "PA14", "PAK"]
SUBSTRATES = ["Glucose", "Citrate", "Succinate", "Acetate"]
CLASS = {"Glucose": "sugar", "Citrate": "acid", "Succinate": "acid", "Acetate": "acid"}
PLAIN = pd.DataFrame(
    np.round(_RNG.normal(2.0, 2.0, size=(6, 5)), 3),
    index=pd.Index([f"g{i}" for i in range(1, 7)], name="gene"),
    columns=[f"s{j}" for j in range(1, 6)],
)
GROUP = pd.Series(["A", "B", "A", "C", "B", "A"], index=PLAIN.index, name="group")


def _plate(plate: str) -> pd.DataFrame:
    """An AMiGA summary: one line per well, tab-separated, in a .txt file."""
    rows = []
    for k, (iso, sub) in enumerate((i, s) for i in ISOLATES for s in SUBSTRATES):
        well = f"{'ABCDEFGH'[k // 12]}{k % 12 + 1}"
        rows.append(
            (
                plate,
                well,
                iso,
                sub,
                CLASS[sub],
                round(float(_RNG.normal(3, 1)), 4),
                round(float(_RNG.normal(0.5, 0.1)), 4),
            )
        )
    return pd.DataFrame(
        rows,
        columns=["Plate_ID", "Well", "Isolate", "Substrate", "Class", "auc_lin", "gr"],
    )


PLATES = {"plateA_summary": _plate("plateA"), "plateB_summary": _plate("plateB")}


def _r_write_table(df: pd.DataFrame, sep: str, quote: bool) -> str:
    """R's write.table(df, sep=sep, quote=quote): no header field for the row names."""
    q = (lambda s: f'"{s}"') if quote else (lambda s: str(s))
    lines = [sep.join(q(c) for c in df.columns)]
    for label, row in df.iterrows():
        lines.append(sep.join([q(label)] + [repr(float(v)) for v in row]))
    return "\n".join(lines) + "\n"


R_LABELS = PLAIN.rename(
    index={"g2": "IL2, alpha", "g5": "NA"}
)  # a comma and an R "NA" label


def _write_inputs(d: Path) -> None:
    summary = d / "summary"
    summary.mkdir()
    for name, df in PLATES.items():
        df.to_csv(summary / f"{name}.txt", sep="\t", index=False)
    (summary / "old_heatmap.pdf").write_bytes(b"%PDF-1.4 not a table")
    (summary / ".hidden.txt").write_text("not\ta\ttable\n")
    PLAIN.to_csv(d / "plain.csv")
    with gzip.open(d / "plain.txt.gz", "wt") as fh:
        PLAIN.to_csv(fh, sep="\t")
    annotated = PLAIN.copy()
    annotated.insert(0, "group", GROUP)
    annotated.to_csv(d / "annotated.csv")
    (d / "r_tab.txt").write_text(_r_write_table(PLAIN, "\t", quote=False))
    (d / "r_quoted.csv").write_text(_r_write_table(R_LABELS, ",", quote=True))
    (d / "r_space.txt").write_text(_r_write_table(PLAIN, " ", quote=True))
    # a real "NA" category of an annotation
    na = PLAIN.copy()
    na.insert(0, "region", ["EU", "NA", "NA", "EU", "ASIA", "NA"])
    na.to_csv(d / "na.csv")
    # hostile tables
    (d / "comma_label.csv").write_text("gene,s1,s2\ng1,1,2\nIL2, alpha,3,4\ng3,5,6\n")
    (d / "dup_header.csv").write_text("gene,s1,s2,s1\ng1,1,2,3\ng2,4,5,6\n")
    (d / "ambiguous.txt").write_text("a,b\tc\n1,2\t3\n4,5\t6\n")
    mixed = d / "mixed_folder"
    mixed.mkdir()
    PLATES["plateA_summary"].to_csv(mixed / "a.txt", sep="\t", index=False)
    PLATES["plateB_summary"].drop(columns="gr").to_csv(
        mixed / "b.txt", sep="\t", index=False
    )
    (d / "nofiles").mkdir()
    (d / "nofiles" / "readme.md").write_text("no tables here")
    (d / "stamp").mkdir()


AMIGA = ["-x", "Substrate", "-y", "Isolate", "-v", "auc_lin"]
OK = {
    "folder": [
        "-i",
        "{d}/summary",
        *AMIGA,
        "-p",
        "mean",
        "-s",
        "file:plateA_summary,plateB_summary",
        "--format",
        "png",
        "-o",
        "{d}/amiga",
        "--save-matrix",
        "{d}/amiga_m.txt",
    ],
    "folder_one_plate": [
        "-i",
        "{d}/summary",
        *AMIGA,
        "-s",
        "file:plateB_summary;Substrate:Glucose,Citrate",
        "-o",
        "{d}/plateB.png",
        "--save-matrix",
        "{d}/plateB_m.csv",
    ],
    "r_tab": [
        "{d}/r_tab.txt",
        "-o",
        "{d}/r_tab.png",
        "--save-matrix",
        "{d}/r_tab_m.csv",
    ],
    "r_quoted": [
        "{d}/r_quoted.csv",
        "--na-values",
        "",
        "-o",
        "{d}/r_quoted.png",
        "--save-matrix",
        "{d}/r_quoted_m.csv",
    ],
    "r_space": [
        "{d}/r_space.txt",
        "--sep",
        "space",
        "--cluster",
        "none",
        "-o",
        "{d}/r_space.svg",
        "--save-matrix",
        "{d}/r_space_m.csv",
    ],
    "txt_gz": [
        "{d}/plain.txt.gz",
        "--cluster",
        "none",
        "-o",
        "{d}/txt_gz.pdf",
        "--save-matrix",
        "{d}/txt_gz_m.csv",
    ],
    "stdin": ["-", "-o", "{d}/stdin.png", "--save-matrix", "{d}/stdin_m.csv"],
    "noext": ["{d}/plain.csv", "--cluster", "none", "-o", "{d}/named"],
    "timestamp": ["{d}/plain.csv", "--cluster", "none", "--format", "svg"],
    "seaborn": [
        "{d}/plain.csv",
        "--cluster",
        "none",
        "-o",
        "{d}/seaborn.png",
        "--kwargs",
        "cbar:false;xticklabels:2;yticklabels:false;annot:true;fmt:.1f;linewidths:0.5;"
        "linecolor:black;vmin:-1;vmax:5;cmap:magma;square:true",
    ],
    "robust_mask": [
        "{d}/plain.csv",
        "--cluster",
        "none",
        "-o",
        "{d}/robust_mask.png",
        "--kwargs",
        "robust:true;center:2;mask:upper",
    ],
    "cbar_kws": [
        "{d}/plain.csv",
        "-o",
        "{d}/cbar_kws.png",
        "--kwargs",
        "cbar_kws:{'label': 'AUC (mean)', 'orientation': 'horizontal', 'shrink': 0.5}",
    ],
    "one_column": [
        "-i",
        "{d}/summary",
        *AMIGA,
        "-p",
        "mean",
        "-s",
        "Substrate:Citrate",
        "-o",
        "{d}/one_column.png",
        "--save-matrix",
        "{d}/one_column_m.csv",
    ],
    "one_row": [
        "{d}/plain.csv",
        "-f",
        "row any > 4.5",
        "-o",
        "{d}/one_row.png",
        "--save-matrix",
        "{d}/one_row_m.csv",
    ],
    "na_default": [
        "{d}/na.csv",
        "--row-annotation",
        "region",
        "--cluster",
        "none",
        "-o",
        "{d}/na_default.png",
    ],
    "na_kept": [
        "{d}/na.csv",
        "--row-annotation",
        "region",
        "--na-values",
        "",
        "--cluster",
        "none",
        "-o",
        "{d}/na_kept.png",
    ],
    "col_split": [
        "-i",
        "{d}/summary",
        *AMIGA,
        "-p",
        "mean",
        "--col-split",
        "Class",
        "-o",
        "{d}/col_split.png",
    ],
    "row_split": [
        "{d}/annotated.csv",
        "--row-split",
        "group",
        "--row-annotation",
        "group",
        "-o",
        "{d}/row_split.png",
        "--save-matrix",
        "{d}/row_split_m.csv",
    ],
}

ERR = {
    "both_inputs": (
        ["{d}/plain.csv", "-i", "{d}/plain.csv", "-o", "{d}/x.png"],
        "INPUT is given twice",
    ),
    "ambiguous_sep": (
        ["{d}/ambiguous.txt", "-o", "{d}/x.png"],
        "cannot tell the separator: tab (2 fields) and comma (2 fields) both split "
        "every line evenly; give --sep",
    ),
    "comma_in_label": (
        ["{d}/comma_label.csv", "-o", "{d}/x.png"],
        "line 3 has 4 fields (comma-separated) but the header has 3 names (line 2 "
        "has 3); a label or value holding the separator must be quoted",
    ),
    "duplicate_header": (
        ["{d}/dup_header.csv", "-o", "{d}/x.png"],
        "the header names column 's1' more than once (fields 2, 4)",
    ),
    "space_without_sep": (
        ["{d}/r_space.txt", "-o", "{d}/x.png"],
        "the input has 1 column; a wide table needs the row labels in the first "
        "column and at least one value column (if it has another separator, "
        "give --sep)",
    ),
    "folder_mismatch": (
        ["-i", "{d}/mixed_folder", *AMIGA, "-p", "mean", "-o", "{d}/x.png"],
        "'b.txt' and 'a.txt' have different columns (gr); a folder's tables are "
        "stacked, so they need the same header",
    ),
    "folder_empty": (
        ["-i", "{d}/nofiles", "-o", "{d}/x.png"],
        "is a folder without tables",
    ),
    "kwargs_nearest": (
        ["{d}/plain.csv", "--kwargs", "cbar_kw:label:x", "-o", "{d}/x.png"],
        "--kwargs: unknown key 'cbar_kw' (not a seaborn.heatmap argument here); "
        "did you mean 'cbar_kws'?",
    ),
    "kwargs_ax": (
        ["{d}/plain.csv", "--kwargs", "ax:1", "-o", "{d}/x.png"],
        "--kwargs: 'ax' is not supported: a ClusterGrid lays out its own axes",
    ),
    "kwargs_ticklabels": (
        ["{d}/plain.csv", "--kwargs", "xticklabels:some", "-o", "{d}/x.png"],
        "--kwargs: xticklabels takes true, false, auto or a step",
    ),
    "kwargs_cbar_kws_key": (
        ["{d}/plain.csv", "--kwargs", "cbar_kws:lable:x", "-o", "{d}/x.png"],
        "--kwargs: cbar_kws: unknown key 'lable'; did you mean 'label'?",
    ),
    "kwargs_colour": (
        ["{d}/plain.csv", "--kwargs", "nan_color:nope", "-o", "{d}/x.png"],
        "--kwargs nan_color: ",
    ),
    "kwargs_text_property": (
        ["{d}/plain.csv", "--kwargs", "annot:true;annot_kws:nope:1", "-o", "{d}/x.png"],
        "annot_kws: 'nope' is not a text property",
    ),
    "unwritable_matrix": (
        ["{d}/plain.csv", "-o", "{d}/never.png", "--save-matrix", "/proc/m.csv"],
        "--save-matrix: cannot write into the folder '/proc'",
    ),
    "huge_dpi": (
        ["{d}/plain.csv", "--dpi", "100000", "-o", "{d}/never_dpi.png"],
        "--dpi: the heatmap of 6 x 5 cells of 0.4 x 0.3333 in would need a canvas of "
        "200,000 x 200,000 pixels",
    ),
    "huge_cells": (
        ["{d}/plain.csv", "--cell-size", "1000", "-o", "{d}/never_cells.png"],
        "--cell-size: the heatmap of 6 x 5 cells of 1000 x 1000 in would need a canvas "
        "of 500,000 x 600,000 pixels",
    ),
    "nonfinite_length": (
        ["{d}/plain.csv", "--figsize", "1e400mm,3", "-o", "{d}/x.png"],
        "--figsize='1e400mm': the length is longer than 1000 in",
    ),
    "tiny_figure": (
        ["{d}/plain.csv", "--figsize", "0.1,8", "-o", "{d}/x.png"],
        "figure",
    ),
    "format_conflict": (
        ["{d}/plain.csv", "-o", "{d}/x.png", "--format", "pdf"],
        "ends in .png but --format is pdf",
    ),
}


def _run_one(args: list[str], d: Path, name: str) -> subprocess.CompletedProcess:
    argv = [a.replace("{d}", str(d)) for a in args]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    stdin = (d / "plain.csv").read_text() if name == "stdin" else None
    cwd = d / "stamp" if name == "timestamp" else d
    return subprocess.run(
        [sys.executable, "-m", "clustergrid", *argv],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli_amiga")
    _write_inputs(d)
    return d


@pytest.fixture(scope="module")
def runs(workdir) -> dict[str, subprocess.CompletedProcess]:
    """Run every command of this file once, concurrently."""
    cases = {**OK, **{k: v[0] for k, v in ERR.items()}}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {
            k: pool.submit(_run_one, args, workdir, k) for k, args in cases.items()
        }
        return {k: f.result() for k, f in futures.items()}


def ok(runs, name: str) -> subprocess.CompletedProcess:
    r = runs[name]
    assert r.returncode == 0, f"{name} failed ({r.returncode}): {r.stderr}"
    assert "internal error" not in r.stderr
    return r


def rebuild(name: str, d: Path, source: str | None = None):
    """The grid the command built, rebuilt here by the CLI's own code, drawn."""
    from clustergrid import cli

    args = cli.build_parser().parse_args([a.replace("{d}", str(d)) for a in OK[name]])
    g, _ = cli.build(args, source or cli.input_of(args), cli.Log(False))
    g.draw()
    return g


def read_matrix(path: Path) -> pd.DataFrame:
    sep = "\t" if path.suffix in (".tsv", ".txt") else ","
    return pd.read_csv(
        path, sep=sep, index_col=0, keep_default_na=False, na_values=[""]
    )


def notes(r: subprocess.CompletedProcess) -> list[str]:
    return [s for s in r.stderr.splitlines() if s.startswith("clustergrid: note: ")]


# -- input -------------------------------------------------------------------------------


def test_cli_reads_a_folder_of_amiga_txt_summaries(runs, workdir):
    r = ok(runs, "folder")
    # -o without an extension and --format png: amiga.png, said in one line
    assert notes(r) == [
        f"clustergrid: note: -o {workdir}/amiga has no extension: writing "
        f"{workdir}/amiga.png"
    ]
    assert (workdir / "amiga.png").exists() and not (workdir / "amiga").exists()
    m = read_matrix(workdir / "amiga_m.txt")  # .txt: written tab-separated
    both = pd.concat(PLATES.values())
    expected = both.pivot_table(
        index="Isolate", columns="Substrate", values="auc_lin", aggfunc="mean"
    )
    assert sorted(m.index) == ISOLATES and sorted(m.columns) == sorted(SUBSTRATES)
    pd.testing.assert_frame_equal(
        m, expected.loc[m.index, m.columns], check_names=False, atol=1e-12
    )
    with default_style():
        g = rebuild("folder", workdir)
        assert_cells_match_png(g, png_rgba(workdir / "amiga.png"), m)
        assert_no_overlap(g)


def test_cli_folder_file_column_selects_a_plate(runs, workdir):
    ok(runs, "folder_one_plate")
    m = read_matrix(workdir / "plateB_m.csv")
    plate = PLATES["plateB_summary"]
    plate = plate[plate.Substrate.isin(["Glucose", "Citrate"])]
    expected = plate.pivot(index="Isolate", columns="Substrate", values="auc_lin")
    pd.testing.assert_frame_equal(
        m, expected.loc[m.index, m.columns], check_names=False
    )


@pytest.mark.parametrize("name", ["r_tab", "r_quoted", "r_space"])
def test_cli_reads_r_write_table_layout(runs, workdir, name):
    r = ok(runs, name)
    assert any("R's write.table layout" in s for s in notes(r)), r.stderr
    m = read_matrix(workdir / f"{name}_m.csv")
    data = R_LABELS if name == "r_quoted" else PLAIN
    # the row labels are the first field of every line, the values are not shifted
    assert sorted(m.index) == sorted(data.index) and sorted(m.columns) == sorted(
        data.columns
    )
    pd.testing.assert_frame_equal(
        m, data.loc[m.index, m.columns], check_names=False, atol=1e-12
    )
    if name == "r_tab":
        with default_style():
            g = rebuild(name, workdir)
            png = png_rgba(workdir / "r_tab.png")
            assert_cells_match_png(g, png, m)
            right = next(
                p
                for s, p in zip(g._slots, g.panels, strict=True)
                if s.side == "right" and isinstance(p, cg.Labels)
            )
            assert [t.get_text() for t in right.texts] == list(m.index)


def test_cli_txt_gz_and_stdin(runs, workdir):
    ok(runs, "txt_gz")
    assert (workdir / "txt_gz.pdf").read_bytes().startswith(b"%PDF")
    pd.testing.assert_frame_equal(read_matrix(workdir / "txt_gz_m.csv"), PLAIN)
    r = ok(runs, "stdin")
    assert not r.stderr
    m = read_matrix(workdir / "stdin_m.csv")
    pd.testing.assert_frame_equal(m, PLAIN.loc[m.index, m.columns])
    with (
        default_style()
    ):  # the piped bytes are the file's: the same figure, cell by cell
        g = rebuild("stdin", workdir, source=str(workdir / "plain.csv"))
        assert_cells_match_png(g, png_rgba(workdir / "stdin.png"), m)


def test_cli_na_values_are_said_and_chosen(runs, workdir):
    r = ok(runs, "na_default")
    assert notes(r) == [
        f"clustergrid: note: INPUT '{workdir}/na.csv': read 'NA' (3x) as missing "
        "values (column(s) region); --na-values chooses the texts read as "
        "missing (--na-values '' keeps them as text)"
    ]
    r = ok(runs, "na_kept")
    assert not notes(r)
    with default_style():
        g = rebuild("na_kept", workdir)
        bar = next(p for p in g.panels if isinstance(p, cg.AnnotationBar))
        assert set(bar.colors_) == {"EU", "NA", "ASIA"}
        region = pd.Series(["EU", "NA", "NA", "EU", "ASIA", "NA"], index=PLAIN.index)
        assert_bar_matches_png(g, png_rgba(workdir / "na_kept.png"), "left", region)
        leg = next(p for p in g.panels if isinstance(p, cg.Legends))
        assert "NA" in [t.get_text() for t in leg.texts]


# -- output -------------------------------------------------------------------------------


def test_cli_output_names(runs, workdir):
    r = ok(runs, "noext")
    assert r.stderr.splitlines() == [
        f"clustergrid: note: -o {workdir}/named has no extension: "
        f"writing {workdir}/named.pdf"
    ]
    assert (workdir / "named.pdf").read_bytes().startswith(b"%PDF")
    r = ok(runs, "timestamp")
    files = list((workdir / "stamp").iterdir())
    assert len(files) == 1 and re.fullmatch(
        r"\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.svg", files[0].name
    )
    assert r.stderr.splitlines() == [
        f"clustergrid: note: no -o given: writing {files[0].name} in the current folder"
    ]
    assert "<svg" in files[0].read_text()


# -- seaborn's --kwargs -------------------------------------------------------------------


def test_cli_seaborn_kwargs_reach_the_figure(runs, workdir):
    ok(runs, "seaborn")
    with default_style():
        g = rebuild("seaborn", workdir)
        assert not any(
            isinstance(p, (cg.ScaleBar, cg.Legends)) for p in g.panels
        )  # cbar:false
        sides = {
            s.side: p
            for s, p in zip(g._slots, g.panels, strict=True)
            if isinstance(p, cg.Labels)
        }
        assert "right" not in sides  # yticklabels:false
        assert [t.get_text() for t in sides["bottom"].texts] == [
            "s1",
            "s3",
            "s5",
        ]  # xticklabels:2
        xs, ys = heatmap_cell_centres_px(g)
        for t in sides["bottom"].texts:  # each shown label is on its column's centre
            bb = t.get_window_extent(g.figure.canvas.get_renderer())
            j = list(PLAIN.columns).index(t.get_text())
            assert (bb.x0 + bb.x1) / 2 == pytest.approx(xs[j], abs=1.0)
        np.testing.assert_allclose(
            np.diff(xs)[0], -np.diff(ys)[0], rtol=1e-6
        )  # square:true
        texts = [t.get_text() for t in g.ax_heatmap.texts]
        assert texts == [
            format(v, ".1f") for v in PLAIN.to_numpy().ravel()
        ]  # annot + fmt
        png = png_rgba(workdir / "seaborn.png")
        cmap = mpl.colormaps["magma"]
        dx, dy = 0.35 * np.diff(xs)[0], 0.35 * -np.diff(ys)[0]
        for i, y in enumerate(
            ys
        ):  # near a cell corner: clear of the text and the borders
            for j, x in enumerate(xs):
                got = png[
                    int(png.shape[0] - 1 - np.floor(y + dy)), int(np.floor(x - dx))
                ]
                want = cmap(np.clip((PLAIN.iat[i, j] + 1) / 6, 0, 1))  # vmin -1, vmax 5
                np.testing.assert_allclose(got, want, atol=2.5 / 255)
        # linewidths 0.5 pt, black: the pixel on the border between two cells is dark
        xb = (xs[0] + xs[1]) / 2
        got = png[int(png.shape[0] - 1 - np.floor(ys[0] + dy)), int(np.floor(xb))]
        assert got[:3].max() < 0.5


def test_cli_seaborn_robust_center_and_mask(runs, workdir):
    ok(runs, "robust_mask")
    with default_style():
        g = rebuild("robust_mask", workdir)
        assert g.norm(2.0) == pytest.approx(0.5)  # center:2
        X = PLAIN.to_numpy()
        # robust limits from the cells shown (mask:upper hides j > i), as in seaborn
        shown = X[~np.triu(np.ones(X.shape, dtype=bool), k=1)]
        lo, hi = np.percentile(shown, [2, 98])
        r = max(abs(hi - 2), abs(2 - lo))  # symmetric about the centre
        assert (g.norm.vmin, g.norm.vmax) == pytest.approx((2 - r, 2 + r))
        png = png_rgba(workdir / "robust_mask.png")
        xs, ys = heatmap_cell_centres_px(g)
        for i, y in enumerate(ys):
            for j, x in enumerate(xs):
                got = png[int(png.shape[0] - 1 - np.floor(y)), int(np.floor(x))]
                want = (1, 1, 1, 1) if j > i else g.cmap(g.norm(X[i, j]))  # mask:upper
                np.testing.assert_allclose(
                    got, want, atol=2.5 / 255, err_msg=f"({i}, {j})"
                )


def test_cli_cbar_kws_label_orientation_shrink(runs, workdir):
    ok(runs, "cbar_kws")
    with default_style():
        g = rebuild("cbar_kws", workdir)
        ((slot, bar),) = [
            (s, p)
            for s, p in zip(g._slots, g.panels, strict=True)
            if isinstance(p, cg.ScaleBar)
        ]
        assert slot.side == "bottom" and bar.label == "AUC (mean)"
        r = g.figure.canvas.get_renderer()
        cbar_ax = bar.ax
        texts = [t.get_text() for t in cbar_ax.findobj(mpl.text.Text)]
        assert "AUC (mean)" in texts
        hb = g.ax_heatmap.get_window_extent(r)
        bars = [a.get_window_extent(r) for a in cbar_ax.child_axes] or [
            cbar_ax.get_window_extent(r)
        ]
        widest = max(bars, key=lambda b: b.width)
        assert widest.width == pytest.approx(0.5 * hb.width, rel=0.02)  # shrink 0.5
        assert widest.width > widest.height  # horizontal


def test_seaborn_mapping_is_pure_and_names_the_nearest_key():
    kwargs = {
        "cbar": True,
        "cbar_kws": {"label": "z", "orientation": "horizontal", "shrink": 0.4},
        "xticklabels": 3,
        "yticklabels": False,
        "vmin": -1,
        "center": 0,
        "fmt": "d",
        "annot": True,
        "linewidths": 1,
        "linecolor": "k",
        "mask": "upper",
        "cmap": "RdBu_r",
        "robust": True,
        "square": True,
        "vmax": 2,
    }
    before = repr(kwargs)
    opts = _seaborn.map_seaborn(kwargs)
    assert repr(kwargs) == before  # the input is not modified
    assert opts.grid == {
        k: kwargs[k]
        for k in (
            "vmin",
            "vmax",
            "center",
            "fmt",
            "annot",
            "linewidths",
            "linecolor",
            "mask",
            "cmap",
            "robust",
            "square",
        )
    }
    assert opts.scale == {"label": "z", "side": "bottom", "length": 0.4}
    assert (opts.col_labels, opts.row_labels, opts.cbar) == (3, False, True)
    cm = _seaborn.map_seaborn(
        {"row_cluster": False, "method": "ward", "z_score": 1}, "clustermap"
    )
    assert cm.cluster == {"rows": False, "method": "ward"} and cm.grid == {"z_score": 1}
    with pytest.raises(ValueError, match="did you mean 'linewidths'"):
        _seaborn.map_seaborn({"linewidth": 1})
    with pytest.raises(ValueError, match="did you mean 'row_cluster'"):
        _seaborn.map_seaborn({"row_clusters": False}, "clustermap")
    with pytest.raises(ValueError, match="'ax' is not supported"):
        _seaborn.map_seaborn({"ax": None})
    with pytest.raises(TypeError, match="vmin must be a finite number"):
        _seaborn.map_seaborn({"vmin": "low"})
    # text is read by the key's kind only: a fmt or a colour stays the text typed
    assert parse_value("fmt", "1") == "1"
    assert parse_value("linecolor", "0.5") == "0.5"
    assert parse_value("mask", "None") == "None"
    assert parse_value("vmin", "1e-3") == pytest.approx(1e-3)
    assert parse_value("xticklabels", "auto") == "auto"
    assert parse_value("cbar_kws", "{'label': 'AUC, mean', 'shrink': 0.5}") == {
        "label": "AUC, mean",
        "shrink": 0.5,
    }
    assert parse_value("cbar_kws", "label:z,orientation:horizontal") == {
        "label": "z",
        "orientation": "horizontal",
    }
    with pytest.raises(ValueError, match="finite"):
        parse_value("vmax", "inf")


# -- behaviour ------------------------------------------------------------------------------


def test_cli_one_column_or_one_row_draws(runs, workdir):
    ok(runs, "one_column")
    m = read_matrix(workdir / "one_column_m.csv")
    both = pd.concat(PLATES.values())
    expected = both[both.Substrate == "Citrate"].groupby("Isolate")["auc_lin"].mean()
    assert list(m.columns) == ["Citrate"] and sorted(m.index) == ISOLATES
    np.testing.assert_allclose(m["Citrate"], expected[m.index], atol=1e-12)
    ok(runs, "one_row")
    m1 = read_matrix(workdir / "one_row_m.csv")
    assert (
        list(m1.index) == list(PLAIN.index[(PLAIN > 4.5).any(axis=1)]) and len(m1) == 1
    )
    for name, matrix in (("one_column", m), ("one_row", m1)):
        with default_style():
            g = rebuild(name, workdir)
            assert_cells_match_png(g, png_rgba(workdir / f"{name}.png"), matrix)
            assert_no_overlap(g)
            # the single axis has no tree; the other one is clustered
            assert sum(isinstance(p, cg.Dendrogram) for p in g.panels) == 1


def test_cli_row_split_cuts_the_rows_by_a_column(runs, workdir):
    ok(runs, "row_split")
    m = read_matrix(workdir / "row_split_m.csv")
    with default_style():
        g = rebuild("row_split", workdir)
        slices = [row[0] for row in g.heatmap_axes]  # one row of axes per row slice
        assert len(slices) == GROUP.nunique()
        r = g.figure.canvas.get_renderer()
        labels = next(
            p
            for s, p in zip(g._slots, g.panels, strict=True)
            if s.side == "right" and isinstance(p, cg.Labels)
        )
        groups: dict[int, set] = {}
        for t in labels.texts:
            bb = t.get_window_extent(r)
            y = (bb.y0 + bb.y1) / 2
            k = next(
                k
                for k, ax in enumerate(slices)
                if ax.get_window_extent(r).y0 <= y <= ax.get_window_extent(r).y1
            )
            groups.setdefault(k, set()).add(GROUP[t.get_text()])
        assert sorted(len(v) for v in groups.values()) == [1] * len(
            slices
        )  # one group per slice
        assert set().union(*groups.values()) == set(GROUP)
        assert sorted(m.index) == sorted(PLAIN.index)


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ERR))
def test_cli_amiga_usage_error(runs, workdir, name):
    r = runs[name]
    args, piece = ERR[name]
    piece = piece.replace("{d}", str(workdir))
    assert r.returncode == 2, f"{name}: exit {r.returncode}, stderr: {r.stderr}"
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith("clustergrid: error: "), lines[0]
    assert "internal error" not in lines[0]
    assert piece in lines[0], lines[0]


def test_cli_amiga_errors_write_nothing(runs, workdir):
    for name in ERR:
        assert runs[name].returncode == 2
    # every output is checked before anything is written: no figure for a bad --save-matrix,
    # nothing allocated or written for a canvas that is too large
    for never in ("never.png", "never_dpi.png", "never_cells.png", "x.png"):
        assert not (workdir / never).exists(), never
    assert not list(workdir.glob(".*.tmp"))


def test_cli_col_split_cuts_the_columns_by_a_column_of_a_long_input(runs, workdir):
    ok(runs, "col_split")
    with default_style():
        g = rebuild("col_split", workdir)
        slices = g.heatmap_axes[0]  # one axes per column slice
        assert len(slices) == len(set(CLASS.values()))
        r = g.figure.canvas.get_renderer()
        labels = next(
            p
            for s, p in zip(g._slots, g.panels, strict=True)
            if s.side == "bottom" and isinstance(p, cg.Labels)
        )
        classes: dict[int, set] = {}
        for t in labels.texts:
            bb = t.get_window_extent(r)
            x = (bb.x0 + bb.x1) / 2
            k = next(
                k
                for k, ax in enumerate(slices)
                if ax.get_window_extent(r).x0 <= x <= ax.get_window_extent(r).x1
            )
            classes.setdefault(k, set()).add(CLASS[t.get_text()])
        assert sorted(len(v) for v in classes.values()) == [1] * len(slices)
        assert set().union(*classes.values()) == set(CLASS.values())
