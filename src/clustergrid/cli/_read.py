"""Reading the command's input tables: a file, a folder of files or standard
input; the separator from the content; R's ``write.table`` layout; missing
values said out loud.

Every problem is a usage error (one line, exit 2) naming the file and, where
it helps, the line.  Anything ambiguous is refused rather than guessed."""

from __future__ import annotations

import csv
import gzip
import io
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import fail, one_line

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "read_table",
    "TABLE_SUFFIXES",
    "parse_sep",
    "parse_na_values",
    "output_separator",
]

# what a folder input reads; the separator of each still comes from its content
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")
# an extension breaks a tie between separators that both read a file evenly
_EXT_SEP = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
_OUT_SEP = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".txt": "\t"}
_CANDIDATES = ("\t", ",")
_SEP_NAMES = {
    "tab": "\t",
    "\\t": "\t",
    "comma": ",",
    "semicolon": ";",
    "space": " ",
    "pipe": "|",
}
# pandas' documented default missing-value texts (read_csv's na_values)
DEFAULT_NA = (
    "",
    "#N/A",
    "#N/A N/A",
    "#NA",
    "-1.#IND",
    "-1.#QNAN",
    "-NaN",
    "-nan",
    "1.#IND",
    "1.#QNAN",
    "<NA>",
    "N/A",
    "NA",
    "NULL",
    "NaN",
    "None",
    "n/a",
    "nan",
    "null",
)
_SNIFF_LINES = 500
FOLDER_COLUMN = "file"
R_LABEL_COLUMN = ""

Note = Callable[[str], None]


def _sep_name(sep: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", " ": "space", "|": "pipe"}.get(
        sep, repr(sep)
    )


def parse_sep(text: str | None) -> str | None:
    """``--sep``: a name (tab, comma, ...), ``\\t`` or one character."""
    if text is None:
        return None
    sep = _SEP_NAMES.get(text.lower(), text)
    if len(sep) != 1 or sep in '"\r\n':
        fail(f"--sep takes one character (e.g. ',' or ';') or tab, got {text!r}")
    return sep


def parse_na_values(text: str | None) -> tuple[str, ...]:
    """``--na-values``: comma-separated texts; an empty field is always missing."""
    if text is None:
        return DEFAULT_NA
    return tuple(sorted({""} | {t.strip() for t in text.split(",") if t.strip()}))


def output_separator(path: Path, option: str) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext not in _OUT_SEP:
        fail(
            f"{option} {str(path)!r}: end the name with .csv, or .tsv/.txt for tabs "
            f"(optionally with .gz), not {ext or '(no extension)'!r}"
        )
    return _OUT_SEP[ext]


def _table_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _stem(path: Path) -> str:
    name = path.name
    for _ in range(2):
        p = Path(name)
        if p.suffix.lower() in TABLE_SUFFIXES + (".gz",):
            name = p.stem
    return name


# -- bytes -> text -----------------------------------------------------------------


def _text_of(data: bytes, label: str) -> str:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            fail(
                f"{label} looks gzip-compressed but cannot be decompressed: {one_line(exc)}"
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{label} is not UTF-8 text; save it as UTF-8 CSV or TSV")
    if "\x00" in text:
        fail(
            f"{label} holds binary data, not a text table (is it a spreadsheet? export it as CSV)"
        )
    return text


def _records(text: str, sep: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(line number, field count) of each non-blank record, as pandas reads them."""
    out = []
    reader = csv.reader(
        io.StringIO(text), delimiter=sep, quotechar='"', doublequote=True, strict=False
    )
    try:
        for fields in reader:
            if not fields:
                continue
            out.append((reader.line_num, len(fields)))
            if limit is not None and len(out) >= limit:
                break
    except csv.Error as exc:  # pragma: no cover - strict=False rarely raises
        fail(f"cannot read the table: {one_line(exc)}")
    return out


def _even(counts: list[int]) -> bool:
    """Every line has the header's number of fields, or every line one more (R)."""
    body = set(counts[1:])
    return len(body) <= 1 and (not body or body <= {counts[0], counts[0] + 1})


def _sniff(text: str, label: str, path: Path | None) -> str:
    ext = _EXT_SEP.get(_table_suffix(path)) if path is not None else None
    counts = {c: [n for _, n in _records(text, c, _SNIFF_LINES)] for c in _CANDIDATES}
    splits = [c for c in _CANDIDATES if counts[c] and max(counts[c]) > 1]
    if not splits:
        return ext or ","  # one column: the table's checks say what is missing
    if len(splits) == 1:
        return splits[0]
    even = [c for c in splits if _even(counts[c])]
    if len(even) == 1:
        return even[0]
    if ext is not None:
        return ext
    shown = " and ".join(f"{_sep_name(c)} ({max(counts[c])} fields)" for c in splits)
    how = "split every line evenly" if even else "split the lines unevenly"
    fail(
        f"{label}: cannot tell the separator: {shown} both {how}; give --sep tab or --sep ,"
    )


# -- text -> DataFrame ----------------------------------------------------------------


def _parse(
    text: str,
    label: str,
    sep: str,
    na: tuple[str, ...],
    note: Note,
    text_cols: Sequence[str | int] = (),
) -> pd.DataFrame:
    import pandas as pd

    records = _records(text, sep)
    if not records:
        fail(f"{label} is empty")
    (_, header), body = records[0], records[1:]
    if not body:
        fail(f"{label} has a header but no data lines")
    first = next(csv.reader(io.StringIO(text), delimiter=sep))
    dups = [name for name, k in Counter(first).items() if k > 1 and name != ""]
    if dups:
        where = [i + 1 for i, name in enumerate(first) if name == dups[0]]
        fail(
            f"{label}: the header names column {dups[0]!r} more than once (fields "
            f"{', '.join(map(str, where))}); give every column its own name"
        )
    counts = {n for _, n in body}
    r_layout = False
    if counts == {header + 1}:
        r_layout = True
    elif counts != {header}:
        line, n = next((ln, n) for ln, n in body if n != header)
        other = next(((ln, m) for ln, m in body if m == header), None)
        hint = f" (line {other[0]} has {header})" if other else ""
        fail(
            f"{label}: line {line} has {n} fields ({_sep_name(sep)}-separated) but the header "
            f"has {header} names{hint}; a label or value holding the separator must be quoted "
            f'("..."), or give --sep'
        )
    kw: dict[str, Any] = dict(
        sep=sep,
        index_col=0 if r_layout else False,
        skip_blank_lines=True,
        quotechar='"',
    )
    try:
        df = pd.read_csv(
            io.StringIO(text), keep_default_na=False, na_values=list(na), **kw
        )
        raw = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, **kw
        )
    except (pd.errors.ParserError, ValueError) as exc:
        fail(f"cannot read {label}: {one_line(exc)}")
    if r_layout:
        note(
            f"{label}: the header has one name fewer than every line (R's write.table layout); "
            "the first field of each line is read as the row label"
        )
        df.index.name = None
        df = df.reset_index(names=R_LABEL_COLUMN)
        raw = raw.reset_index(names=R_LABEL_COLUMN)
    # label columns keep their text: "01" stays "01" (not 1), "1.50" stays "1.50"
    for c in text_cols:
        name = df.columns[0] if c == 0 else c
        if name in df.columns:
            df[name] = raw[name].mask(raw[name].isin(set(na))).astype(object)
    # say which texts became missing values
    texts = set(na) - {""}
    found: Counter = Counter()
    columns: list[str] = []
    for col in raw.columns:
        hits = raw[col][raw[col].isin(texts)]
        if len(hits):
            found.update(hits)
            columns.append(str(col))
    if found:
        what = ", ".join(f"{t!r} ({k}x)" for t, k in sorted(found.items()))
        note(
            f"{label}: read {what} as missing values (column(s) {', '.join(columns[:5])}"
            f"{', ...' if len(columns) > 5 else ''}); --na-values chooses the texts read as "
            "missing (--na-values '' keeps them as text)"
        )
    return df


def read_table(
    source: str,
    what: str,
    *,
    sep: str | None,
    na: tuple[str, ...],
    note: Note,
    folder_ok: bool = False,
    log: Note | None = None,
    text_cols: Sequence[str | int] = (),
) -> pd.DataFrame:
    """Read one input table: a path, a folder of tables (``folder_ok``) or
    ``-`` for standard input.  ``text_cols`` (names, or 0 for the first
    column) are label columns read as text, not numbers."""
    if source == "-":
        label = f"{what} (standard input)"
        if sys.stdin is None or sys.stdin.isatty():
            fail(
                f"{what} is -, standard input, but nothing is piped in; e.g. "
                f"`cat table.csv | clustergrid - -o out.png`"
            )
        text = _text_of(sys.stdin.buffer.read(), label)
        return _parse(
            text, label, sep or _sniff(text, label, None), na, note, text_cols
        )
    path = Path(source)
    label = f"{what} {source!r}"
    if not path.exists():
        fail(f"{label} does not exist")
    if path.is_dir():
        if not folder_ok:
            fail(f"{label} is a folder, not a file")
        return _read_folder(path, label, sep, na, note, log or note, text_cols)
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {label}: {exc.strerror or one_line(exc)}")
    text = _text_of(data, label)
    if not text.strip():
        fail(f"{label} is empty")
    return _parse(text, label, sep or _sniff(text, label, path), na, note, text_cols)


def _read_folder(
    folder: Path,
    label: str,
    sep: str | None,
    na: tuple[str, ...],
    note: Note,
    log: Note,
    text_cols: Sequence[str | int],
) -> pd.DataFrame:
    import pandas as pd

    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and _table_suffix(p) in TABLE_SUFFIXES
    )
    if not files:
        fail(
            f"{label} is a folder without tables (files ending in "
            f"{', '.join(TABLE_SUFFIXES)}, optionally .gz)"
        )
    frames: list[pd.DataFrame] = []
    columns: list[str] = []  # the first table's: every table must have them
    for p in files:
        flabel = (
            f"{label[:-1]}/{p.name}'" if label.endswith("'") else f"{label}/{p.name}"
        )
        df = read_table(str(p), "INPUT", sep=sep, na=na, note=note, text_cols=text_cols)
        if FOLDER_COLUMN in df.columns:
            fail(
                f"{flabel} has a column {FOLDER_COLUMN!r}, the name a folder input gives the "
                "file each line comes from; rename that column"
            )
        if frames and list(df.columns) != columns:
            first = files[0].name
            a, b = set(columns), set(df.columns)
            diff = sorted(map(str, (a ^ b))) or ["(the same names in another order)"]
            fail(
                f"{label}: {p.name!r} and {first!r} have different columns "
                f"({', '.join(diff[:6])}); a folder's tables are stacked, so they need the "
                "same header"
            )
        if not frames:
            columns = list(df.columns)
        frames.append(df.assign(**{FOLDER_COLUMN: _stem(p)}))
    out = pd.concat(frames, ignore_index=True)
    note_names = ", ".join(p.name for p in files[:6]) + (
        ", ..." if len(files) > 6 else ""
    )
    log(
        f"{label}: read {len(files)} table(s) ({note_names}), {len(out)} lines, with their "
        f"file names in column {FOLDER_COLUMN!r}"
    )
    return out
