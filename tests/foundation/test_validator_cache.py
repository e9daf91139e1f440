"""The compiled schema validators kept between runs: written once, reused, regenerated when the
schema changes or the file is damaged, and never read from a folder others can write to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from charter import schema


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHARTER_CACHE_DIR", str(folder))
    schema.fast_validator.cache_clear()
    yield folder
    schema.fast_validator.cache_clear()


MEMBER = {"login": "ada", "name": "Ada"}


def test_written_once_then_reused(cache: Path) -> None:
    assert schema.is_valid("member", MEMBER) and not schema.is_valid("member", {"login": "ada"})
    [blob] = cache.glob("validator-member-*.bin")
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    stamp = blob.stat().st_mtime_ns
    schema.fast_validator.cache_clear()
    assert schema.is_valid("member", MEMBER)
    assert blob.stat().st_mtime_ns == stamp  # read, not written again


def test_a_damaged_or_foreign_file_is_regenerated(cache: Path) -> None:
    schema.is_valid("member", MEMBER)
    [blob] = cache.glob("validator-member-*.bin")
    for damage in (b"", b"garbage", blob.read_bytes()[:-10], b"other key\n" + b"\0" * 40):
        blob.write_bytes(damage)
        schema.fast_validator.cache_clear()
        assert schema.is_valid("member", MEMBER) and not schema.is_valid("member", {})
        assert blob.read_bytes().startswith(schema._validator_key("member") + b"\n")


def test_a_changed_schema_has_another_key() -> None:
    assert schema._validator_key("member") != schema._validator_key("module")
    assert schema._validator_key("member") == schema._validator_key("member")


def test_a_folder_others_can_write_is_not_used(cache: Path) -> None:
    cache.mkdir(mode=0o777)
    os.chmod(cache, 0o777)
    assert schema.is_valid("member", MEMBER)
    assert list(cache.iterdir()) == []


def test_an_empty_setting_turns_the_cache_off(cache: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.setenv("CHARTER_CACHE_DIR", "")
    assert schema.is_valid("member", MEMBER)
    assert not cache.exists()
