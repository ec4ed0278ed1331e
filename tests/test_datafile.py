from __future__ import annotations

from pathlib import Path

import pytest

from quidproquo.datafile import read_yaml


class Bad(ValueError):
    pass


def test_bundled_and_named_files(tmp_path: Path) -> None:
    label, data = read_yaml(None, "quidproquo.export", "ftm_mapping.yaml", Bad)
    assert label == "<bundled>/ftm_mapping.yaml" and isinstance(data, dict)
    good = tmp_path / "x.yaml"
    good.write_text("a: [1, 2]\n", encoding="utf-8")
    assert read_yaml(good, "quidproquo.export", "unused", Bad) == (str(good), {"a": [1, 2]})


def test_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(Bad, match="broken.yaml: not valid YAML"):
        read_yaml(broken, "quidproquo.export", "unused", Bad)
    with pytest.raises(Bad, match="missing.yaml: cannot read"):
        read_yaml(tmp_path / "missing.yaml", "quidproquo.export", "unused", Bad)
