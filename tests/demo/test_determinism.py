"""Same seed, same bytes: every format, truth files included; another seed gives other numbers."""

from pathlib import Path

from xxgk.demo.corpus import Options, all_agencies, generate_agencies


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files_in_every_format(tmp_path):
    agencies = all_agencies(1)[30:34]
    for fmt in ("txt", "html", "docx", "pdf"):
        a, b = tmp_path / f"a_{fmt}", tmp_path / f"b_{fmt}"
        opts = Options(seed=3, formats=(fmt,), years=(2020, 2021))
        generate_agencies(a, agencies, opts)
        generate_agencies(b, agencies, opts)
        fa, fb = _files(a), _files(b)
        assert fa and any(name.endswith(f".{fmt}") for name in fa)
        assert fa == fb, f"{fmt}: files differ between two runs with the same seed"


def test_another_seed_gives_other_reports(tmp_path):
    agencies = all_agencies(1)[:20]
    generate_agencies(tmp_path / "s1", agencies, Options(seed=1, formats=("txt",)))
    generate_agencies(tmp_path / "s2", agencies, Options(seed=2, formats=("txt",)))
    assert _files(tmp_path / "s1") != _files(tmp_path / "s2")
