"""Browser tests skip without chromium, with a reason, except in CI where they fail."""

from __future__ import annotations

import pytest
from roster_fixtures import require_chromium

MISSING = "/nonexistent/chromium"


def test_skips_with_a_reason_outside_ci() -> None:
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        require_chromium(MISSING, {})


def test_fails_in_ci() -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        require_chromium(MISSING, {"CI": "true"})


def test_passes_when_present(tmp_path) -> None:
    exe = tmp_path / "chromium"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    require_chromium(str(exe), {"CI": "true"})
