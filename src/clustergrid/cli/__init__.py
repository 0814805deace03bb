"""The ``clustergrid`` command line: a clustered heatmap from a table, for
people who never write Python, with AMiGA's heatmap options.

Run ``clustergrid --help`` for the options, or ``clustergrid --demo -o
demo.png`` for a figure of the bundled wine data set.  The same command runs
as ``python -m clustergrid``.

Every usage problem (a bad path, an unknown column, a malformed filter, an
unknown option value, ...) ends with exit status 2 and one line on stderr
that names it; ``--verbose`` adds progress messages and tracebacks.

The package: :mod:`._args` parses the arguments, :mod:`._read` reads the
input tables, :mod:`._build` maps them to a ClusterGrid, :mod:`._output`
names and checks the outputs, :mod:`._errors` maps library errors to
option names; :func:`main` runs them.
"""

from __future__ import annotations

import argparse
import sys
import traceback
import warnings
from collections.abc import Sequence
from contextlib import ExitStack

from ._args import PROG, build_parser
from ._build import build
from ._errors import UsageError, one_line
from ._output import Outputs, check_canvas, resolve_outputs, write_matrix
from ._tables import Log

__all__ = ["main"]

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2
_DEMO_FILE = "wine.csv"
_DEMO_TITLE = "178 wines, 13 measurements (z-scored)"


def demo_defaults(args: argparse.Namespace) -> None:
    """--demo: the wine table, z-scored per column on a diverging scale, with
    the cultivar as a row bar; options the user gave are kept."""
    if not args.row_annotation and args.row_annotation_file is None:
        args.row_annotation = ["cultivar"]
    if args.z_score is None and args.standard_scale is None:
        args.z_score = "cols"
    if args.title is None:
        args.title = _DEMO_TITLE
    if args.kwargs is None:
        args.kwargs = "center:0"


def input_of(args: argparse.Namespace) -> str | None:
    """INPUT, given positionally or with -i/--input (one of them)."""
    if args.input is not None and args.input_option is not None:
        from ._errors import fail

        fail(
            f"INPUT is given twice ({args.input!r} and -i {args.input_option!r}); give it "
            "once, positionally or with -i"
        )
    return args.input if args.input is not None else args.input_option


def _run(args: argparse.Namespace, log: Log) -> None:
    from ._errors import fail

    with ExitStack() as stack:
        source = input_of(args)
        if args.demo:
            if source is not None:
                fail(
                    "give INPUT or --demo, not both (--demo draws the bundled wine data)"
                )
            from importlib import resources

            ref = resources.files("clustergrid.datasets") / _DEMO_FILE
            source = str(stack.enter_context(resources.as_file(ref)))
            demo_defaults(args)
        elif source is None:
            fail(
                "no INPUT given; run `clustergrid INPUT -o OUTPUT` (or -i INPUT; - reads "
                "standard input), or `clustergrid --demo -o demo.png` for an example"
            )
        inputs = [("INPUT", source)]
        for what in ("row_annotation_file", "col_annotation_file"):
            if getattr(args, what) is not None:
                inputs.append(("--" + what.replace("_", "-"), getattr(args, what)))
        outputs: Outputs = resolve_outputs(args, inputs, log)

        g, row_name = build(args, source, log)
        check_canvas(g, outputs, args)
        try:
            g.save(outputs.figure, format=outputs.format)
        except OSError as exc:
            fail(
                f"cannot write {str(outputs.figure)!r}: {exc.strerror or one_line(exc)}"
            )
        fig = g.figure
        assert fig is not None  # save() drew it
        w, h = fig.get_size_inches()
        log(
            f"wrote {outputs.figure} ({w:.2f} x {h:.2f} in; {len(g.row_order)} rows x "
            f"{len(g.col_order)} columns)"
        )
        if outputs.matrix is not None:
            m = g.matrix
            if m.index.name is None or m.index.name == "":
                m.index.name = row_name or None
            write_matrix(m, outputs.matrix, inputs)
            log(f"wrote the drawn matrix to {outputs.matrix}")


def _warning_lines(caught: list[warnings.WarningMessage]) -> list[str]:
    seen: list[str] = []
    for w in caught:
        line = f"{PROG}: warning: {one_line(w.message)}"
        if line not in seen:
            seen.append(line)
    return seen


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``clustergrid`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 for a usage error (bad option, path, column,
        filter, a figure too large to allocate, ...), 1 for an unexpected
        internal error.  Errors are one line on stderr; ``--verbose`` adds
        the traceback.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in argv
    try:
        return _parse_and_run(argv, Log(verbose))
    except (Exception, KeyboardInterrupt) as exc:
        return _exit_status(exc, verbose)


def _parse_and_run(argv: list[str], log: Log) -> int:
    """Parse ``argv`` and run the command; print its notes and warnings (on
    an error too with ``--verbose``, before the error propagates)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _run(args, log)
        except BaseException:
            # on an error only its one line is shown (notes and warnings too with --verbose)
            if log.verbose:
                for line in log.notes + _warning_lines(caught):
                    print(line, file=sys.stderr)
            raise
    for line in log.notes + _warning_lines(caught):
        print(line, file=sys.stderr)
    return EXIT_OK


def _exit_status(exc: BaseException, verbose: bool) -> int:
    """Report an error as one line on stderr (and its traceback with
    ``--verbose``); return the exit status it means."""
    if isinstance(exc, KeyboardInterrupt):
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    if verbose:
        traceback.print_exception(exc)
    if isinstance(exc, (UsageError, ValueError, TypeError)):
        # the library's own errors about the data or the options name the problem and the fix
        print(f"{PROG}: error: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, MemoryError):
        print(
            f"{PROG}: error: out of memory while drawing; draw a smaller figure (--figsize, "
            "--cell-size, --dpi) or fewer rows (--subset/--filter)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if type(exc).__module__.startswith("kiwisolver"):
        print(
            f"{PROG}: error: the figure cannot hold the heatmap and its panels "
            f"({type(exc).__name__}); give a larger --figsize, or --cell-size instead",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # an unexpected failure: still no traceback unless asked
    print(
        f"{PROG}: internal error: {type(exc).__name__}: {one_line(exc)} (rerun with "
        "--verbose for the traceback)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL
