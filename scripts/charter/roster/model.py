"""What the site and the ``v2`` API show beyond ``v1``'s view: typed elections, module contact
links, avatars, the governance history and where the build came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter import __version__
from charter.model import State
from charter.roster.elections import Election, read_election
from charter.roster.history import History
from charter.roster.view import election_page, safe_id

AVATAR_HOST = "https://avatars.githubusercontent.com"
CONTACT_LABELS = {"chat": "Chat", "mailing_list": "Mailing list", "meetings": "Meetings"}


@dataclass(frozen=True)
class SiteModel:
    elections: dict[str, Election] = field(default_factory=dict)
    contacts: dict[str, dict[str, str]] = field(default_factory=dict)  # module slug -> links
    avatars: bool = False
    history: History | None = None
    charter_version: str = __version__
    source_revision: str | None = None
    max_per_entity: int | None = None  # PC-COI: council members who may share an employer


def avatar_url(github_id: int) -> str:
    """A GitHub avatar by numeric user id (it survives a rename), 96 pixels."""
    return f"{AVATAR_HOST}/u/{int(github_id)}?s=96&v=4"


def build_model(state: State, results: dict[str, Any] | None = None,
                history: History | None = None, revision: str | None = None) -> SiteModel:
    results = results or {}
    cap = state.policy.values.get("council", {}).get("max_per_entity")
    elections = {
        eid: read_election(eid, state.elections[eid], results.get(eid),
                           election_page(eid) if safe_id(eid) else None,
                           cap if isinstance(cap, int) else None)
        for eid in sorted(state.elections)
    }
    contacts = {slug: {k: m.contact[k] for k in CONTACT_LABELS if m.contact.get(k)}
                for slug, m in sorted(state.modules.items())}
    avatars = bool(state.policy.values.get("roster", {}).get("avatars", False))
    return SiteModel(elections, contacts, avatars, history, __version__, revision,
                     cap if isinstance(cap, int) else None)
