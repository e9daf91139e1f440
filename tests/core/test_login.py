"""charter.model.is_login: the one login check every module uses."""

import pytest

from charter.model import is_login


@pytest.mark.parametrize("text", ["a", "mira-chen", "A1-b2", "x" * 39])
def test_logins(text: str) -> None:
    assert is_login(text)


@pytest.mark.parametrize(
    "text", ["", "-a", "a-", "a--b", "x" * 40, "carol\n", "carol ", " carol", "ca rol", "é"]
)
def test_not_logins(text: str) -> None:
    assert not is_login(text)
