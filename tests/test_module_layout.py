"""One way to split a big module (docs/architecture.md#splitting-a-big-module-packages).

A module that grows too big becomes a package of the same name; sibling files that share a
prefix with a module (`selectors.py` beside `selectors_pages.py`) are the way this project
no longer splits code, so a new one fails here.
"""

from pathlib import Path

import mrplan

SOURCE = Path(mrplan.__file__).parent


def prefix_siblings(root: Path) -> list[str]:
    """Return 'dir/a_b.py' for each module whose prefix 'a' is a module or package beside it."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or path.stem.startswith("_") or "_" not in path.stem:
            continue
        prefix = path.stem.split("_", 1)[0]
        if (path.parent / f"{prefix}.py").exists() or (path.parent / prefix).is_dir():
            found.append(str(path.relative_to(root)))
    return found


def test_no_module_is_split_into_prefixed_siblings() -> None:
    assert prefix_siblings(SOURCE) == []


def test_the_check_finds_a_prefixed_sibling(tmp_path: Path) -> None:
    (tmp_path / "selectors.py").write_text("")
    (tmp_path / "selectors_pages.py").write_text("")
    (tmp_path / "review_queue.py").write_text("")  # no review.py beside it: a topic, not a split
    (tmp_path / "parsing").mkdir()
    (tmp_path / "parsing_text.py").write_text("")
    assert prefix_siblings(tmp_path) == ["parsing_text.py", "selectors_pages.py"]
