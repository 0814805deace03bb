"""Regenerate gallery/README.md from the scripts: each image beside its code.

Run ``python gallery/make_readme.py`` after changing an example (and run the
example itself to refresh its image)."""

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEAD = """# Gallery

Figures people build by hand today, each rebuilt in a few lines. Every script
runs on its own (`python gallery/NN_name.py` writes `gallery/images/NN_name.png`),
uses the data sets bundled with clustergrid (`cg.load_dataset(...)`: real
data, except one synthetic alteration table, marked where used), and
runs in the test suite as an image comparison (`tests/package/test_gallery.py`).
"""


def main() -> None:
    parts = [HEAD]
    for script in sorted(HERE.glob("[0-9][0-9]_*.py")):
        src = script.read_text()
        doc = ast.get_docstring(ast.parse(src)) or ""
        # the docstring opens with an RST title (for sphinx-gallery): the
        # title line, underlined with "="
        title, _, rest = doc.partition("\n")
        underline, _, rest = rest.partition("\n")
        assert set(underline) == {"="}, f"{script.name}: no title underline"
        title += "."
        body = src[src.index('"""', src.index('"""') + 3) + 3 :].strip()
        parts.append(
            f"## {script.stem[:2]}. {title.rstrip('.')}\n\n{rest.strip()}\n\n"
            f"![{title}](images/{script.stem}.png)\n\n"
            f"[`{script.name}`]({script.name}):\n\n```python\n{body}\n```\n"
        )
    (HERE / "README.md").write_text("\n".join(parts))


if __name__ == "__main__":
    main()
