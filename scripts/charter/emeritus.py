"""Moving a maintainer to emeritus in a group's file (GOV-EMERITUS: kept, never deleted)."""

from __future__ import annotations

from typing import Any

from charter import roundtrip


def move(data: Any, index: int, since: str, reason: str | None) -> None:
    """Move ``data["maintainers"][index]`` to ``emeritus`` (created right after the maintainers
    when the file has none), keeping the file's comments and layout; the moved entry keeps its
    end-of-line comment."""
    login = data["maintainers"][index]
    entry: dict[str, Any] = {"login": login, "since": roundtrip.quoted(since)}
    if reason:
        entry["reason"] = reason
    comment = roundtrip.item_comment(data, "maintainers", index)
    roundtrip.remove_item(data, "maintainers", index)
    if data.get("emeritus"):
        roundtrip.append_item(data, "emeritus", entry, comment=comment)
        return
    if "emeritus" in data:
        roundtrip.delete_key(data, "emeritus")
    roundtrip.insert_key_after(data, "maintainers", "emeritus", [])
    data["emeritus"].fa.set_block_style()
    roundtrip.append_item(data, "emeritus", entry, comment=comment)
