import os

from provcheck.readers.discover import DEFAULT_EXCLUDE, discover


def _tree(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.md").write_text("b")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "README.md").write_text("about this folder")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.html").write_text("<p>c</p>")
    (sub / "draft.txt").write_text("d")
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.txt").write_text("x")
    return tmp_path


def _names(result):
    return [os.path.basename(f) for f in result.files]


def test_directories_are_recursed_in_sorted_order(tmp_path):
    result = discover([str(_tree(tmp_path))])
    assert _names(result) == ["a.txt", "b.md", "c.html", "draft.txt"]
    assert result.skipped == ()


def test_exclude_globs_apply_to_names_and_relative_paths(tmp_path):
    root = str(_tree(tmp_path))
    assert _names(discover([root], exclude=(*DEFAULT_EXCLUDE, "draft*"))) == [
        "a.txt",
        "b.md",
        "c.html",
    ]
    assert _names(discover([root], exclude=(*DEFAULT_EXCLUDE, "sub"))) == ["a.txt", "b.md"]


def test_include_globs_select_files(tmp_path):
    assert _names(discover([str(_tree(tmp_path))], include=("*.html",))) == ["c.html"]


def test_explicit_files_are_read_whatever_their_name(tmp_path):
    root = _tree(tmp_path)
    result = discover([str(root / "README.md"), str(root / "notes.pdf")])
    assert _names(result) == ["README.md", "notes.pdf"]


def test_missing_paths_are_reported_not_fatal(tmp_path):
    root = _tree(tmp_path)
    result = discover([str(root / "missing.txt"), str(root / "a.txt")])
    assert _names(result) == ["a.txt"]
    assert len(result.skipped) == 1
    assert result.skipped[0].reason == "no such file or directory"


def test_stdin_list_and_duplicates(tmp_path):
    root = _tree(tmp_path)
    a = str(root / "a.txt")
    result = discover(["-", a], stdin_lines=[a + "\n", "\n", str(root / "b.md")])
    assert _names(result) == ["a.txt", "b.md"]


def test_default_excludes_can_be_replaced(tmp_path):
    assert "README.md" in _names(discover([str(_tree(tmp_path))], exclude=()))


def test_a_file_reached_twice_is_read_once_through_links_and_folders(tmp_path):
    root = _tree(tmp_path)
    (root / "alias.txt").symlink_to(root / "a.txt")  # a link to a file walked anyway
    (root / "mirror").symlink_to(root / "sub", target_is_directory=True)
    result = discover([str(root), str(root / "mirror"), str(root / "sub" / "c.html")])
    assert _names(result) == ["a.txt", "b.md", "c.html", "draft.txt"]
    via_link = discover([str(root / "mirror"), str(root / "sub")])
    assert [os.path.relpath(f, root) for f in via_link.files] == [
        os.path.join("mirror", "c.html"),
        os.path.join("mirror", "draft.txt"),
    ]


def test_globs_match_as_fnmatch_does(tmp_path):
    (tmp_path / "Story.TXT").write_text("s")
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "x.md").write_text("x")
    names = _names(discover([str(tmp_path)], include=("*.txt", "deep/*.md")))
    assert names == (["Story.TXT"] if os.path.normcase("A") == "a" else []) + ["x.md"]
