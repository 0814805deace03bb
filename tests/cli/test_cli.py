"""The ``clustergrid`` command, run for real in subprocesses.

Every command of this file is started once, all of them concurrently, by the
module fixture ``runs`` (each costs about a second of imports); the tests then
check what each one wrote: exit status, stderr, the matrix it saved with
--save-matrix and the pixels of the figure it drew.  Figures are checked
against the same grid rebuilt in this process by the CLI's own builder, so
"cell (i, j) of the PNG has colour cmap(norm(value))" is tested on the file
the command wrote.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import matplotlib.image as mimage
import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import leaves_list, linkage

import clustergrid as cg
from clustergrid.datasets import DATASETS
from conftest import assert_no_overlap, heatmap_cell_centres_px

DATASETS_DIR = Path(cg.datasets.__file__).parent
PBMC_LONG = DATASETS_DIR / DATASETS["pbmc_long"][0]
WINE = DATASETS_DIR / DATASETS["wine"][0]

# -- input files -------------------------------------------------------------------

_RNG = np.random.default_rng(7)
PLAIN = pd.DataFrame(
    np.round(_RNG.normal(2.0, 2.0, size=(6, 5)), 3),
    index=pd.Index([f"g{i}" for i in range(1, 7)], name="gene"),
    columns=[f"s{j}" for j in range(1, 6)],
)
GROUP = pd.Series(["A", "B", "A", "C", "B", "A"], index=PLAIN.index, name="group")
BATCH = pd.Series(["b1", "b2", "b1", "b2", "b2"], index=PLAIN.columns, name="batch")
CELLS = {"c1": "lymphoid", "c2": "lymphoid", "c3": "myeloid"}
GENES = {"CD3E": "tcell", "MS4A1": "bcell", "NKG7": "nk", "LYZ": "mono"}


def _long_table() -> pd.DataFrame:
    rows = []
    for c, lineage in CELLS.items():
        for g, family in GENES.items():
            for _ in range(3):  # replicates
                rows.append((c, g, round(float(_RNG.normal(1, 1)), 3), lineage, family))
    return pd.DataFrame(rows, columns=["cell", "gene", "expr", "lineage", "family"])


LONG = _long_table()


def _write_inputs(d: Path) -> None:
    PLAIN.to_csv(d / "plain.csv")
    with gzip.open(d / "plain.tsv.gz", "wt") as fh:
        PLAIN.to_csv(fh, sep="\t")
    annotated = PLAIN.copy()
    annotated.insert(0, "group", GROUP)
    annotated.to_csv(d / "annotated.csv")
    LONG.to_csv(d / "long.csv", index=False)
    LONG.drop_duplicates(["cell", "gene"]).to_csv(
        d / "unique.tsv", sep="\t", index=False
    )
    LONG.drop_duplicates(["cell", "gene"]).iloc[1:].to_csv(
        d / "gaps.tsv", sep="\t", index=False
    )
    BATCH.rename_axis("sample").to_csv(d / "colann.csv")
    GROUP.rename("kind").to_csv(d / "rowann.tsv", sep="\t")
    bad = PLAIN.copy()
    bad["note"] = "x"
    bad.to_csv(d / "nonnumeric.csv")
    mixed = LONG.copy()
    mixed.loc[4, "lineage"] = "other"  # c1 now has two lineages
    mixed.to_csv(d / "mixed.csv", index=False)
    textvalues = LONG.copy()
    textvalues["expr"] = textvalues["expr"].astype(str)
    textvalues.loc[2, "expr"] = "high"
    textvalues.to_csv(d / "textvalues.csv", index=False)
    (d / "empty.csv").write_text("")
    (d / "duplicates.csv").write_text("gene,s1,s2\ng1,1,2\ng2,3,4\ng1,5,6\n")
    (d / "gaps.csv").write_text("gene,s1,s2,s3\ng1,1,,3\ng2,2,3,4\ng3,9,8,7\n")
    (d / "ragged.csv").write_text("a,b\n1,2\n3,4,5,6\n")
    (d / "plain.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00 a spreadsheet")
    (d / "afolder.csv").mkdir()
    (d / "kept.png").write_bytes(b"existing figure")


# -- the commands ---------------------------------------------------------------------
XYV = ["-x", "gene", "-y", "cell", "-v", "expr"]
# name -> arguments; "{d}" is the work folder.  Success cases:
OK = {
    "wide": ["{d}/plain.csv", "-o", "{d}/wide.png", "--save-matrix", "{d}/wide_m.csv"],
    "tsv_gz_svg": [
        "{d}/plain.tsv.gz",
        "-o",
        "{d}/plain.svg",
        "--cluster",
        "none",
        "--no-labels",
        "--cell-size",
        "0.3",
        "--save-matrix",
        "{d}/plain_m.tsv.gz",
    ],
    "long_mean": [
        "{d}/long.csv",
        *XYV,
        "-p",
        "mean",
        "-o",
        "{d}/long_mean.png",
        "--save-matrix",
        "{d}/long_mean.csv",
    ],
    "long_median": [
        "{d}/long.csv",
        "--x-variable",
        "gene",
        "--y-variable",
        "cell",
        "--value",
        "expr",
        "--operation",
        "median",
        "-o",
        "{d}/long_median.svg",
        "--save-matrix",
        "{d}/long_median.csv",
    ],
    "long_max": [
        "{d}/long.csv",
        *XYV,
        "-p",
        "max",
        "-o",
        "{d}/long_max.pdf",
        "--save-matrix",
        "{d}/long_max.csv",
    ],
    "long_min": [
        "{d}/long.csv",
        *XYV,
        "-p",
        "min",
        "-o",
        "{d}/long_min.pdf",
        "--save-matrix",
        "{d}/long_min.csv",
    ],
    "long_unique": [
        "{d}/unique.tsv",
        *XYV,
        "--cluster",
        "rows",
        "-o",
        "{d}/unique.png",
        "--save-matrix",
        "{d}/unique_m.csv",
    ],
    "long_gaps": [
        "{d}/gaps.tsv",
        *XYV,
        "--cluster",
        "none",
        "--kwargs",
        "nan_color:0.5",
        "-o",
        "{d}/gaps.png",
        "--save-matrix",
        "{d}/gaps_m.csv",
    ],
    "pbmc_subset": [
        str(PBMC_LONG),
        "-x",
        "gene",
        "-y",
        "cell_type",
        "-v",
        "expression",
        "-p",
        "mean",
        "-s",
        "cell_type:CD14+ Monocyte,CD19+ B,CD56+ NK,Dendritic;"
        "gene:CD79A,LYZ,NKG7,CST3,MS4A1",
        "-t",
        "PBMC markers",
        "-o",
        "{d}/pbmc.png",
        "--save-matrix",
        "{d}/pbmc_m.csv",
    ],
    "filter": [
        "{d}/annotated.csv",
        "--row-annotation",
        "group",
        "-f",
        "row any >= 2.6 OR col all < 3.5",
        "--method",
        "complete",
        "--metric",
        "cityblock",
        "-o",
        "{d}/filter.png",
        "--save-matrix",
        "{d}/filter_m.csv",
    ],
    "subset_wide": [
        "{d}/annotated.csv",
        "--row-annotation",
        "group",
        "-s",
        "group:A,C",
        "-o",
        "{d}/subset_wide.png",
        "--save-matrix",
        "{d}/subset_wide_m.csv",
    ],
    "kwargs": [
        "{d}/plain.csv",
        "--kwargs",
        "center:0;vmin:-3;cmap:viridis;square:true",
        "-o",
        "{d}/kwargs.png",
        "--save-matrix",
        "{d}/kwargs_m.csv",
    ],
    "zscore": [
        "{d}/plain.csv",
        "--z-score",
        "rows",
        "-o",
        "{d}/zscore.png",
        "--save-matrix",
        "{d}/zscore_m.csv",
    ],
    "scale": [
        "{d}/plain.csv",
        "--standard-scale",
        "cols",
        "-o",
        "{d}/scale.png",
        "--save-matrix",
        "{d}/scale_m.csv",
    ],
    "ann_long": [
        "{d}/long.csv",
        *XYV,
        "-p",
        "mean",
        "--row-annotation",
        "lineage",
        "--col-annotation",
        "family",
        "-o",
        "{d}/ann_long.png",
        "--save-matrix",
        "{d}/ann_long_m.csv",
    ],
    "ann_files": [
        "{d}/plain.csv",
        "--row-annotation-file",
        "{d}/rowann.tsv",
        "--row-annotation",
        "kind",
        "--col-annotation-file",
        "{d}/colann.csv",
        "--col-annotation",
        "batch",
        "-t",
        "Annotated",
        "-o",
        "{d}/ann_files.png",
        "--save-matrix",
        "{d}/ann_files_m.csv",
    ],
    "wide_title": [
        "{d}/plain.csv",
        "--cluster",
        "none",
        "-t",
        "A title much wider than this small heatmap",
        "-o",
        "{d}/wide_title.png",
    ],
    "demo": ["--demo", "-o", "{d}/demo.png", "--save-matrix", "{d}/demo_m.csv"],
    "verbose": [
        "{d}/plain.csv",
        "--figsize",
        "4,3",
        "--dpi",
        "50",
        "-o",
        "{d}/verbose.png",
        "--verbose",
    ],
}

# name -> (arguments, a piece of the one stderr line)
ERR = {
    "missing_file": (
        ["{d}/nope.csv", "-o", "{d}/x.png"],
        "'{d}/nope.csv' does not exist",
    ),
    "folder_input": (["{d}/afolder.csv", "-o", "{d}/x.png"], "is a folder"),
    "binary_input": (
        ["{d}/plain.xlsx", "-o", "{d}/x.png"],
        "holds binary data, not a text table",
    ),
    "empty_file": (["{d}/empty.csv", "-o", "{d}/x.png"], "is empty"),
    "ragged_file": (
        ["{d}/ragged.csv", "-o", "{d}/x.png"],
        "line 3 has 4 fields (comma-separated) but the header has 2 names",
    ),
    "no_input": (["-o", "{d}/x.png"], "no INPUT given"),
    "input_and_demo": (
        ["{d}/plain.csv", "--demo", "-o", "{d}/x.png"],
        "give INPUT or --demo, not both",
    ),
    "output_format": (
        ["{d}/plain.csv", "-o", "{d}/x.jpg"],
        "end it with .png, .pdf, .svg",
    ),
    "output_folder": (
        ["{d}/plain.csv", "-o", "{d}/no/such/x.png"],
        "does not exist; create it first",
    ),
    "overwrite_input": (
        ["{d}/plain.csv", "-o", "{d}/x.png", "--save-matrix", "{d}/sub/../plain.csv"],
        "is the INPUT; refusing to overwrite it",
    ),
    "unknown_option": (
        ["{d}/plain.csv", "-o", "{d}/x.png", "--frobnicate"],
        "unrecognized arguments: --frobnicate",
    ),
    "unknown_column": (
        [
            "{d}/long.csv",
            "-x",
            "genes",
            "-y",
            "cell",
            "-v",
            "expr",
            "-p",
            "mean",
            "-o",
            "{d}/x.png",
        ],
        "-x: no column 'genes' in the input (did you mean 'gene'?); available "
        "columns: cell, gene, expr, lineage, family",
    ),
    "partial_long": (
        ["{d}/long.csv", "-x", "gene", "-o", "{d}/x.png"],
        "-y and -v are missing",
    ),
    "replicates": (
        ["{d}/long.csv", *XYV, "-o", "{d}/x.png"],
        "12 (cell, gene) pair(s) appear on several lines",
    ),
    "operation_wide": (
        ["{d}/plain.csv", "-p", "mean", "-o", "{d}/x.png"],
        "give -x, -y and -v too",
    ),
    "bad_operation": (
        ["{d}/long.csv", *XYV, "-p", "average", "-o", "{d}/x.png"],
        "argument -p/--operation: invalid choice: 'average'",
    ),
    "text_values": (
        ["{d}/textvalues.csv", *XYV, "-p", "mean", "-o", "{d}/x.png"],
        "-v: column 'expr' is not numeric (it holds 'high')",
    ),
    "bad_filter": (
        ["{d}/plain.csv", "-f", "row sometimes >= 1", "-o", "{d}/kept.png"],
        "sometimes",
    ),
    "kwargs_malformed": (
        ["{d}/plain.csv", "--kwargs", "center=1", "-o", "{d}/x.png"],
        "--kwargs: cannot read 'center=1'; write NAME:VALUE",
    ),
    "kwargs_unknown": (
        ["{d}/plain.csv", "--kwargs", "centre:1", "-o", "{d}/x.png"],
        "--kwargs: unknown key 'centre' (not a seaborn.heatmap argument here); "
        "did you mean 'center'?",
    ),
    "kwargs_kind": (
        ["{d}/plain.csv", "--kwargs", "vmin:low", "-o", "{d}/x.png"],
        "--kwargs: vmin must be a number, got 'low'",
    ),
    "kwargs_cmap": (
        ["{d}/plain.csv", "--kwargs", "cmap:notacmap", "-o", "{d}/x.png"],
        "unknown colormap 'notacmap'",
    ),
    "kwargs_twice": (
        [
            "{d}/plain.csv",
            "--kwargs",
            "figsize:4,3",
            "--figsize",
            "5,5",
            "-o",
            "{d}/x.png",
        ],
        "figsize is given both in --kwargs and as --figsize",
    ),
    "subset_malformed": (
        ["{d}/long.csv", *XYV, "-p", "mean", "-s", "cell=c1", "-o", "{d}/x.png"],
        "--subset: cannot read 'cell=c1'",
    ),
    "subset_column": (
        ["{d}/long.csv", *XYV, "-p", "mean", "-s", "tissue:x", "-o", "{d}/x.png"],
        "--subset: no column 'tissue' in the input; available columns: cell, gene",
    ),
    "subset_value": (
        ["{d}/long.csv", *XYV, "-p", "mean", "-s", "cell:c1,c9", "-o", "{d}/x.png"],
        "--subset: column 'cell' has no value c9",
    ),
    "bad_cluster": (
        ["{d}/plain.csv", "--cluster", "columns", "-o", "{d}/x.png"],
        "argument --cluster: invalid choice: 'columns'",
    ),
    "bad_method": (
        ["{d}/plain.csv", "--method", "averag", "-o", "{d}/x.png"],
        "unknown linkage method 'averag'",
    ),
    "bad_metric": (
        ["{d}/plain.csv", "--metric", "manhattan", "-o", "{d}/x.png"],
        "unknown distance metric 'manhattan'",
    ),
    "method_unclustered": (
        ["{d}/plain.csv", "--cluster", "none", "--method", "ward", "-o", "{d}/x.png"],
        "--cluster is none",
    ),
    "two_scalings": (
        [
            "{d}/plain.csv",
            "--z-score",
            "rows",
            "--standard-scale",
            "cols",
            "-o",
            "{d}/x.png",
        ],
        "give --z-score or --standard-scale, not both",
    ),
    "bad_figsize": (
        ["{d}/plain.csv", "--figsize", "4x3", "-o", "{d}/x.png"],
        "--figsize needs W,H",
    ),
    "figsize_and_cell": (
        ["{d}/plain.csv", "--figsize", "4,3", "--cell-size", "0.2", "-o", "{d}/x.png"],
        "argument --cell-size: not allowed with argument --figsize",
    ),
    "bad_dpi": (
        ["{d}/plain.csv", "--dpi", "-5", "-o", "{d}/x.png"],
        "--dpi must be a positive number",
    ),
    "nonnumeric_wide": (
        ["{d}/nonnumeric.csv", "-o", "{d}/x.png"],
        "column(s) note of the input are not numeric",
    ),
    "row_annotation_column": (
        ["{d}/annotated.csv", "--row-annotation", "grp", "-o", "{d}/x.png"],
        "--row-annotation: no column 'grp' in the input (did you mean "
        "'group'?); available columns: gene, group, s1",
    ),
    "col_annotation_wide": (
        ["{d}/plain.csv", "--col-annotation", "batch", "-o", "{d}/x.png"],
        "a wide table has no per-column data; give --col-annotation-file",
    ),
    "annotation_not_constant": (
        [
            "{d}/mixed.csv",
            *XYV,
            "-p",
            "mean",
            "--row-annotation",
            "lineage",
            "-o",
            "{d}/x.png",
        ],
        "column 'lineage' holds several values for cell 'c1'",
    ),
    "annotation_file_column": (
        [
            "{d}/plain.csv",
            "--col-annotation-file",
            "{d}/colann.csv",
            "--col-annotation",
            "batches",
            "-o",
            "{d}/x.png",
        ],
        "no column 'batches' in --col-annotation-file",
    ),
    "duplicate_labels": (
        ["{d}/duplicates.csv", "-o", "{d}/x.png"],
        "row label(s) g1 appear on several lines of the label column 'gene'",
    ),
    "missing_values": (
        ["{d}/gaps.csv", "-o", "{d}/x.png"],
        "cannot cluster with missing values: 1 cell(s) are empty (first at row 'g1', "
        "column 's2'",
    ),
    "verbose_error": (
        ["{d}/plain.csv", "-f", "row any >>= 1", "-o", "{d}/x.png", "--verbose"],
        "filter",
    ),
}


def _run_one(args: list[str], d: Path) -> subprocess.CompletedProcess:
    argv = [a.replace("{d}", str(d)) for a in args]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-m", "clustergrid", *argv],
        cwd=d,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    _write_inputs(d)
    (d / "sub").mkdir()
    return d


@pytest.fixture(scope="module")
def runs(workdir) -> dict[str, subprocess.CompletedProcess]:
    """Run every command of this file once, concurrently."""
    cases = {**OK, **{k: v[0] for k, v in ERR.items()}}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {k: pool.submit(_run_one, args, workdir) for k, args in cases.items()}
        return {k: f.result() for k, f in futures.items()}


def ok(runs, name: str) -> subprocess.CompletedProcess:
    r = runs[name]
    assert r.returncode == 0, f"{name} failed ({r.returncode}): {r.stderr}"
    return r


def argv_of(name: str, d: Path) -> list[str]:
    return [a.replace("{d}", str(d)) for a in OK[name]]


def rebuild(name: str, d: Path):
    """The grid the command built, rebuilt here by the CLI's own code under
    matplotlib's default style (as in the subprocess), and drawn.  Geometry
    is read inside the same style context by the caller via ``check``."""
    from clustergrid import cli

    args = cli.build_parser().parse_args(argv_of(name, d))
    input_path = cli.input_of(args)
    if args.demo:
        cli.demo_defaults(args)
        input_path = str(WINE)
    g, _ = cli.build(args, input_path, cli.Log(False))
    g.draw()
    return g


@contextmanager
def default_style():
    """matplotlib's default style, as the command runs with."""
    with mpl.rc_context():
        mpl.rcdefaults()
        yield


def read_matrix(path: Path) -> pd.DataFrame:
    sep = "\t" if ".tsv" in path.name else ","
    return pd.read_csv(path, sep=sep, index_col=0)


def png_rgba(path: Path) -> np.ndarray:
    img = mimage.imread(path)
    assert img.ndim == 3 and img.shape[2] == 4
    return img


def assert_cells_match_png(g, png: np.ndarray, matrix: pd.DataFrame) -> None:
    """Every cell of the command's PNG at the rebuilt grid's cell centres has
    the colour cmap(norm(value)) of the saved matrix."""
    w, h = g.figure.get_size_inches() * g.figure.dpi
    assert abs(png.shape[0] - h) < 1 and abs(png.shape[1] - w) < 1, (
        f"the PNG ({png.shape[1]} x {png.shape[0]} px) differs from the rebuilt figure ({w} x {h})"
    )
    xs, ys = heatmap_cell_centres_px(g)
    expected = g.cmap(g.norm(matrix.to_numpy()))
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            got = png[int(png.shape[0] - 1 - np.floor(y)), int(np.floor(x))]
            np.testing.assert_allclose(
                got,
                expected[i, j],
                atol=2.5 / 255,
                err_msg=f"cell ({matrix.index[i]}, {matrix.columns[j]})",
            )


def leaf_order(
    X: np.ndarray, method: str = "average", metric: str = "euclidean"
) -> np.ndarray:
    return leaves_list(linkage(X, method=method, metric=metric))


# -- success cases ----------------------------------------------------------------------


def test_cli_wide_csv_draws_the_clustered_matrix_cell_by_cell(runs, workdir):
    ok(runs, "wide")
    m = read_matrix(workdir / "wide_m.csv")
    X = PLAIN.to_numpy()
    rows, cols = leaf_order(X), leaf_order(X.T)
    assert list(m.index) == list(PLAIN.index[rows]) and list(m.columns) == list(
        PLAIN.columns[cols]
    )
    assert m.index.name == "gene"
    np.testing.assert_array_equal(m.to_numpy(), X[np.ix_(rows, cols)])
    with default_style():
        g = rebuild("wide", workdir)
        assert list(g.row_order) == list(m.index)
        assert_cells_match_png(g, png_rgba(workdir / "wide.png"), m)
        assert_no_overlap(g)
        right = [
            p
            for s, p in zip(g._slots, g.panels, strict=True)
            if s.side == "right" and isinstance(p, cg.Labels)
        ]
        assert [t.get_text() for t in right[0].texts] == list(m.index)


def test_cli_tsv_gz_input_svg_output_unclustered_cell_size(runs, workdir):
    ok(runs, "tsv_gz_svg")
    svg = (workdir / "plain.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # no clustering: input order; the saved matrix is gzip-compressed TSV
    with gzip.open(workdir / "plain_m.tsv.gz", "rt") as fh:
        assert "\t" in fh.readline()
    with gzip.open(workdir / "plain_m.tsv.gz", "rt") as fh:
        plain = pd.read_csv(fh, sep="\t", index_col=0)
    pd.testing.assert_frame_equal(plain, PLAIN)
    with default_style():
        g = rebuild("tsv_gz_svg", workdir)
        xs, ys = heatmap_cell_centres_px(g)
        np.testing.assert_allclose(np.diff(xs), 0.3 * g.figure.dpi, rtol=1e-6)
        np.testing.assert_allclose(-np.diff(ys), 0.3 * g.figure.dpi, rtol=1e-6)
        assert not any(isinstance(p, (cg.Dendrogram, cg.Labels)) for p in g.panels)
        w, h = g.figure.get_size_inches()
    assert (
        f'width="{w * 72:g}pt"' in svg.replace(".0pt", "pt") or f"{w * 72:.6g}" in svg
    )


@pytest.mark.parametrize("op", ["mean", "median", "max", "min"])
def test_cli_long_combines_replicates_with_the_operation(runs, workdir, op):
    ok(runs, f"long_{op}")
    m = read_matrix(workdir / f"long_{op}.csv")
    expected = LONG.pivot_table(index="cell", columns="gene", values="expr", aggfunc=op)
    assert m.index.name == "cell"
    assert sorted(m.index) == sorted(CELLS) and sorted(m.columns) == sorted(GENES)
    pd.testing.assert_frame_equal(
        m, expected.loc[m.index, m.columns], check_names=False, atol=1e-12
    )
    E = expected.to_numpy()
    assert list(m.index) == list(expected.index[leaf_order(E)])
    assert list(m.columns) == list(expected.columns[leaf_order(E.T)])


def test_cli_long_without_replicates_needs_no_operation(runs, workdir):
    ok(runs, "long_unique")
    m = read_matrix(workdir / "unique_m.csv")
    first = LONG.drop_duplicates(["cell", "gene"]).pivot(
        index="cell", columns="gene", values="expr"
    )
    # columns not clustered: from_long's sorted order
    assert list(m.columns) == sorted(GENES)
    pd.testing.assert_frame_equal(m, first.loc[m.index, m.columns], check_names=False)
    with default_style():
        g = rebuild("long_unique", workdir)
        assert_cells_match_png(g, png_rgba(workdir / "unique.png"), m)


def test_cli_long_with_a_missing_pair_draws_an_empty_cell(runs, workdir):
    ok(runs, "long_gaps")
    m = read_matrix(workdir / "gaps_m.csv")
    first = LONG.iloc[0]
    assert np.isnan(m.loc[first["cell"], first["gene"]]) and m.isna().sum().sum() == 1
    with default_style():
        g = rebuild("long_gaps", workdir)
        png = png_rgba(workdir / "gaps.png")
        assert_cells_match_png(g, png, m)
        xs, ys = heatmap_cell_centres_px(g)
        i, j = list(m.index).index(first["cell"]), list(m.columns).index(first["gene"])
        got = png[int(png.shape[0] - 1 - np.floor(ys[i])), int(np.floor(xs[j]))]
        np.testing.assert_allclose(got, (0.5, 0.5, 0.5, 1.0), atol=2.5 / 255)


def test_cli_subset_of_real_long_data(runs, workdir):
    ok(runs, "pbmc_subset")
    m = read_matrix(workdir / "pbmc_m.csv")
    long = pd.read_csv(PBMC_LONG)
    types = ["CD14+ Monocyte", "CD19+ B", "CD56+ NK", "Dendritic"]
    genes = ["CD79A", "LYZ", "NKG7", "CST3", "MS4A1"]
    kept = long[long.cell_type.isin(types) & long.gene.isin(genes)]
    expected = kept.pivot_table(
        index="cell_type", columns="gene", values="expression", aggfunc="mean"
    )
    assert sorted(m.index) == sorted(types) and sorted(m.columns) == sorted(genes)
    pd.testing.assert_frame_equal(
        m, expected.loc[m.index, m.columns], check_names=False, atol=1e-12
    )
    with default_style():
        g = rebuild("pbmc_subset", workdir)
        assert_cells_match_png(g, png_rgba(workdir / "pbmc.png"), m)
        assert_no_overlap(g)


def test_cli_filter_keeps_the_rows_and_columns_that_pass(runs, workdir):
    ok(runs, "filter")
    m = read_matrix(workdir / "filter_m.csv")
    rows = PLAIN.index[(PLAIN >= 2.6).any(axis=1)]
    cols = PLAIN.columns[(PLAIN < 3.5).all(axis=0)]
    assert (
        2 < len(rows) < len(PLAIN) and 2 < len(cols) < PLAIN.shape[1]
    )  # the filter bites
    assert sorted(m.index) == sorted(rows) and sorted(m.columns) == sorted(cols)
    pd.testing.assert_frame_equal(m, PLAIN.loc[m.index, m.columns], check_names=False)
    # --method/--metric: complete linkage on city-block distances of the kept matrix
    X = PLAIN.loc[rows, cols].to_numpy()
    assert list(m.index) == list(rows[leaf_order(X, "complete", "cityblock")])
    assert list(m.columns) == list(cols[leaf_order(X.T, "complete", "cityblock")])
    with default_style():  # the cultivar-style bar follows the kept rows
        g = rebuild("filter", workdir)
        png = png_rgba(workdir / "filter.png")
        assert_cells_match_png(g, png, m)
        assert_bar_matches_png(g, png, "left", GROUP[m.index])


def test_cli_subset_of_wide_rows_with_annotation_bar(runs, workdir):
    ok(runs, "subset_wide")
    m = read_matrix(workdir / "subset_wide_m.csv")
    assert sorted(m.index) == sorted(GROUP.index[GROUP.isin(["A", "C"])])
    pd.testing.assert_frame_equal(m, PLAIN.loc[m.index, m.columns], check_names=False)
    with default_style():
        g = rebuild("subset_wide", workdir)
        png = png_rgba(workdir / "subset_wide.png")
        assert_cells_match_png(g, png, m)
        assert_bar_matches_png(g, png, "left", GROUP[m.index])


def assert_bar_matches_png(g, png: np.ndarray, side: str, values: pd.Series) -> None:
    """The annotation bar on ``side`` shows, cell by cell in drawn order, the
    colour of each label's category (read from the command's PNG)."""
    bar = next(
        p
        for p in g.panels
        if isinstance(p, cg.AnnotationBar)
        and p.ax is not None
        and p.ax.get_label().split(":")[1] == side
    )
    h = png.shape[0]
    n = len(values)
    for k, label in enumerate(values.index):
        if side in ("left", "right"):
            x0, x1 = bar.ax.get_window_extent().intervalx
            y = bar.ax.transData.transform((0, k + 0.5))[1]
            x = (x0 + x1) / 2
        else:
            y0, y1 = bar.ax.get_window_extent().intervaly
            x = bar.ax.transData.transform((k + 0.5, 0))[0]
            y = (y0 + y1) / 2
        got = png[int(h - 1 - np.floor(y)), int(np.floor(x))]
        np.testing.assert_allclose(
            got,
            bar.colors_[values[label]],
            atol=2.5 / 255,
            err_msg=f"{side} bar at {label!r} ({k + 1}/{n})",
        )


def test_cli_kwargs_reach_the_colour_scale(runs, workdir):
    ok(runs, "kwargs")
    m = read_matrix(workdir / "kwargs_m.csv")
    # center 0 with vmin -3: vmin is kept (issue 12, as seaborn), vmax is the data's,
    # and the centre is the middle of the colormap
    hi = float(PLAIN.to_numpy().max())
    with default_style():
        g = rebuild("kwargs", workdir)
        assert (g.norm.vmin, g.norm.vmax) == pytest.approx((-3.0, hi))
        assert g.norm(0.0) == pytest.approx(0.5)
        assert g.cmap.name.startswith("viridis")
        xs, ys = heatmap_cell_centres_px(g)
        np.testing.assert_allclose(
            np.diff(xs)[0], -np.diff(ys)[0], rtol=1e-6
        )  # square:true
        png = png_rgba(workdir / "kwargs.png")
        assert_cells_match_png(g, png, m)
    # and independently of the rebuilt grid: the PNG cell colours follow viridis(norm(v))
    vir = mpl.colormaps["viridis"]
    h = png.shape[0]
    got = png[int(h - 1 - np.floor(ys[0])), int(np.floor(xs[0]))]
    v = float(m.iloc[0, 0])
    frac = 0.5 * (v + 3.0) / 3.0 if v < 0 else 0.5 + 0.5 * v / hi  # two slopes around 0
    np.testing.assert_allclose(got, vir(frac), atol=2.5 / 255)


def test_cli_z_score_and_standard_scale(runs, workdir):
    ok(runs, "zscore")
    ok(runs, "scale")
    z = read_matrix(workdir / "zscore_m.csv")
    expected = PLAIN.sub(PLAIN.mean(axis=1), axis=0).div(
        PLAIN.std(axis=1, ddof=1), axis=0
    )
    pd.testing.assert_frame_equal(
        z, expected.loc[z.index, z.columns], check_names=False, atol=1e-12
    )
    s = read_matrix(workdir / "scale_m.csv")
    expected = (PLAIN - PLAIN.min()) / (PLAIN.max() - PLAIN.min())
    pd.testing.assert_frame_equal(
        s, expected.loc[s.index, s.columns], check_names=False, atol=1e-12
    )
    with default_style():
        g = rebuild("zscore", workdir)
        assert_cells_match_png(g, png_rgba(workdir / "zscore.png"), z)
        bar = next(p for p in g.panels if isinstance(p, cg.ScaleBar))
        assert bar.label == "z-score"


def test_cli_annotations_from_long_columns(runs, workdir):
    ok(runs, "ann_long")
    m = read_matrix(workdir / "ann_long_m.csv")
    with default_style():
        g = rebuild("ann_long", workdir)
        png = png_rgba(workdir / "ann_long.png")
        assert_cells_match_png(g, png, m)
        assert_bar_matches_png(g, png, "left", pd.Series(CELLS)[m.index])
        assert_bar_matches_png(g, png, "top", pd.Series(GENES)[m.columns])
        assert_no_overlap(g)


def test_cli_annotation_files_and_a_bold_title(runs, workdir):
    ok(runs, "ann_files")
    m = read_matrix(workdir / "ann_files_m.csv")
    with default_style():
        g = rebuild("ann_files", workdir)
        png = png_rgba(workdir / "ann_files.png")
        assert_bar_matches_png(g, png, "left", GROUP[m.index])
        assert_bar_matches_png(g, png, "top", BATCH[m.columns])
        assert_no_overlap(g)
        # the library's own Title: bold, as cg.Title is in Python, centred over the heatmap
        title = next(p for p in g.panels if isinstance(p, cg.Title))
        assert title.text_artist.get_fontweight() in ("bold", 700)
        r = g.figure.canvas.get_renderer()
        bb = title.text_artist.get_window_extent(r)
        hb = g.ax_heatmap.get_window_extent(r)
        assert (bb.x0 + bb.x1) / 2 == pytest.approx((hb.x0 + hb.x1) / 2, abs=0.5)
        assert (
            bb.y0
            > max(
                p.ax.get_tightbbox(r).y1
                for p in g.panels
                if p is not title and p.ax.get_label().split(":")[1] == "top"
            )
            - 0.5
        )


def test_cli_a_wide_title_stays_inside_the_figure(runs, workdir):
    ok(runs, "wide_title")
    with default_style():
        g = rebuild("wide_title", workdir)
        title = next(p for p in g.panels if isinstance(p, cg.Title))
        r = g.figure.canvas.get_renderer()
        bb = title.text_artist.get_window_extent(r)
        hb = g.ax_heatmap.get_window_extent(r)
        fb = g.figure.bbox
        assert bb.width > hb.width  # the title is wider than the heatmap ...
        assert (
            fb.x0 <= bb.x0 and bb.x1 <= fb.x1 and bb.y1 <= fb.y1
        )  # ... and stays inside


def test_cli_demo_draws_the_bundled_wine_data(runs, workdir):
    ok(runs, "demo")
    m = read_matrix(workdir / "demo_m.csv")
    wine = cg.load_dataset("wine")
    X = wine.drop(columns="cultivar")
    z = (X - X.mean()) / X.std(ddof=1)
    assert m.shape == (178, 13)
    pd.testing.assert_frame_equal(
        m, z.loc[m.index, m.columns], check_names=False, atol=1e-12
    )
    assert list(m.index) == list(z.index[leaf_order(z.to_numpy())])
    png = png_rgba(workdir / "demo.png")
    with default_style():
        g = rebuild("demo", workdir)
        assert_cells_match_png(g, png, m)
        assert_bar_matches_png(g, png, "left", wine["cultivar"][m.index])
        assert {type(p).__name__ for p in g.panels} >= {
            "Dendrogram",
            "AnnotationBar",
            "Labels",
            "Legends",
            "Title",
        }
        assert g.norm(0.0) == pytest.approx(0.5)
        assert_no_overlap(g)
        # the key of the cultivar bar: each swatch in the PNG has its category's colour
        bar = next(p for p in g.panels if isinstance(p, cg.AnnotationBar))
        leg = next(p for p in g.panels if isinstance(p, cg.Legends))
        texts = [t.get_text() for t in leg.texts]
        assert "cultivar" in texts and "z-score" in texts
        entries = [e for b in leg.blocks if not b.scale for e in b.entries]
        assert [label for label, _ in entries] == ["class_0", "class_1", "class_2"]
        r = g.figure.canvas.get_renderer()
        for (label, _), sw in zip(entries, leg.swatches, strict=True):
            bb = sw.get_window_extent(r)
            x, y = (bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2
            got = png[int(png.shape[0] - 1 - np.floor(y)), int(np.floor(x))]
            np.testing.assert_allclose(
                got, bar.colors_[label], atol=2.5 / 255, err_msg=label
            )


def test_cli_verbose_figsize_and_dpi(runs, workdir):
    r = ok(runs, "verbose")
    assert png_rgba(workdir / "verbose.png").shape[:2] == (
        150,
        200,
    )  # 4 x 3 in at 50 dpi
    # without --dpi: the library's default, 100 dpi
    with default_style():
        g = rebuild("wide", workdir)
        w, h = g.figure.get_size_inches()
    assert g.figure.dpi == 100
    ph, pw = png_rgba(workdir / "wide.png").shape[:2]
    assert abs(ph - h * 100) < 1 and abs(pw - w * 100) < 1
    lines = r.stderr.splitlines()
    assert any("6 rows x 5 columns" in s for s in lines)
    assert any(s.startswith("clustergrid: wrote ") for s in lines)
    assert (
        not runs["wide"].stderr and not runs["wide"].stdout
    )  # quiet without --verbose


def test_cli_console_script_and_help(workdir):
    script = Path(sys.executable).parent / "clustergrid"
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "clustergrid"]
    r = subprocess.run([*exe, "--help"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0
    for option in (
        "-x",
        "-y",
        "-v",
        "-p",
        "-f",
        "-s",
        "-t",
        "--kwargs",
        "--cluster",
        "--method",
        "--metric",
        "--z-score",
        "--standard-scale",
        "--row-annotation",
        "--col-annotation",
        "--figsize",
        "--cell-size",
        "--no-labels",
        "--save-matrix",
        "--verbose",
        "--dpi",
        "--demo",
        "-i",
        "--input",
        "--format",
        "--sep",
        "--na-values",
        "--row-split",
        "--col-split",
    ):
        assert f" {option}" in r.stdout, option


# -- usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ERR))
def test_cli_usage_error(runs, workdir, name):
    r = runs[name]
    args, piece = ERR[name]
    piece = piece.replace("{d}", str(workdir))
    assert r.returncode == 2, f"{name}: exit {r.returncode}, stderr: {r.stderr}"
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    if name == "verbose_error":
        assert "Traceback" in r.stderr
        lines = lines[-1:]
    else:
        assert "Traceback" not in r.stderr
        assert len(lines) == 1, r.stderr
    assert lines[0].startswith("clustergrid: error: "), lines[0]
    assert piece in lines[0], lines[0]


def test_cli_errors_leave_files_alone(runs, workdir):
    # the failed -f run targeted an existing figure: it is untouched
    assert runs["bad_filter"].returncode == 2
    assert (workdir / "kept.png").read_bytes() == b"existing figure"
    # the input named as an output was not overwritten
    assert runs["overwrite_input"].returncode == 2
    pd.testing.assert_frame_equal(read_matrix(workdir / "plain.csv"), PLAIN)
    # no figure was written by any failing run, and no temporary file is left
    for name in ERR:
        assert runs[name].returncode == 2
    assert not (workdir / "x.png").exists()
    assert not list(workdir.glob(".*.tmp"))
