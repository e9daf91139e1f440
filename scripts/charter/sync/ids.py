"""Identity upkeep: numeric GitHub ids filled in, renamed logins and deleted accounts found.

Every member's login is looked up in one GraphQL query per hundred members. A login that
resolves to the recorded id is in order; a member without an id gets the one found. When the
login resolves to nobody, or to another account, the recorded id is asked for directly (one REST
request each, as GraphQL cannot look a user up by numeric id; this happens only for those few):
an account found under a new login was renamed, and the rename is proposed as the command a
person would run, ``charter member rename OLD NEW``; an id that resolves to nothing is a deleted
account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter import gh, roundtrip
from charter.model import Member, State
from charter.sync import rename
from charter.tree import Tree

BATCH = 100


@dataclass
class Report:
    fill: list[tuple[Member, int]] = field(default_factory=list)  # no id recorded: id found
    renamed: list[tuple[Member, str]] = field(default_factory=list)  # same id, new login
    deleted: list[Member] = field(default_factory=list)  # the recorded id is gone
    missing: list[Member] = field(default_factory=list)  # no id, and no account of that login
    taken: dict[str, int] = field(default_factory=dict)  # old login -> id of its new holder
    requests: int = 0

    @property
    def empty(self) -> bool:
        return not (self.fill or self.renamed or self.deleted or self.missing)

    def lines(self) -> list[str]:
        out = []
        for m, gid in self.fill:
            out.append(f"{m.file}: github_id {gid} (GitHub's id for {m.login}; not recorded yet)")
        for m, new in self.renamed:
            taken = self.taken.get(m.login.lower())
            extra = (f"; the old login now belongs to another account (id {taken})"
                     if taken else "")
            out.append(f"{m.file}: {m.login} is now {new} on GitHub (same account, id "
                       f"{m.github_id}){extra}; run: charter member rename {m.login} {new}")
        for m in self.deleted:
            out.append(f"{m.file}: the account with id {m.github_id} ({m.login}) no longer exists "
                       "on GitHub; if the person has left, move them to emeritus where they "
                       "serve (the member file stays for the record)")
        for m in self.missing:
            out.append(f"{m.file}: GitHub has no account named {m.login}; correct the login")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "fill": [{"login": m.login, "file": m.file, "github_id": gid} for m, gid in self.fill],
            "renamed": [{"login": m.login, "file": m.file, "github_id": m.github_id,
                         "new_login": new,
                         "command": f"charter member rename {m.login} {new}"}
                        for m, new in self.renamed],
            "deleted": [{"login": m.login, "file": m.file, "github_id": m.github_id}
                        for m in self.deleted],
            "missing": [{"login": m.login, "file": m.file} for m in self.missing],
            "requests": self.requests,
        }


def scan(gql: gh.GraphQL, state: State) -> Report:
    """Compare every member file with GitHub."""
    out = Report()
    members = sorted(state.members.values(), key=lambda m: m.login.lower())
    suspects: list[Member] = []
    for i in range(0, len(members), BATCH):
        chunk = members[i:i + BATCH]
        decl = ", ".join(f"$l{k}: String!" for k in range(len(chunk)))
        body = "\n".join(f"  u{k}: user(login: $l{k}) {{ login databaseId }}"
                         for k in range(len(chunk)))
        data, _ = gql.query(f"query CharterSyncIds({decl}) {{\n{body}\n}}",
                            {f"l{k}": m.login for k, m in enumerate(chunk)},
                            what="looking up the members' GitHub accounts")
        for k, m in enumerate(chunk):
            node = data.get(f"u{k}")
            gid = int(node["databaseId"]) if node and node.get("databaseId") else None
            if m.github_id is None:
                if gid is None:
                    out.missing.append(m)
                else:
                    out.fill.append((m, gid))
            elif gid != m.github_id:
                if gid is not None:
                    out.taken[m.login.lower()] = gid
                suspects.append(m)
    rest = 0
    for m in suspects:
        rest += 1
        try:
            login = gh.call(f"looking up GitHub account {m.github_id}",
                            lambda m=m: _login(gql.gh, int(m.github_id)))  # type: ignore[misc]
        except _Gone:
            out.deleted.append(m)
            continue
        if login.lower() == m.login.lower():
            continue  # the lookup by login disagreed for a moment; the id says all is well
        out.renamed.append((m, login))
    out.requests = gql.requests + rest
    return out


class _Gone(Exception):
    pass


def _login(client: Any, github_id: int) -> str:
    """The login of account ``github_id`` now (``GET /user/{id}``)."""
    import github

    try:
        return str(client.get_user_by_id(github_id).login)
    except github.UnknownObjectException:
        raise _Gone from None


def edits(tree: Tree, state: State, report: Report
          ) -> tuple[dict[str, bytes], frozenset[str], list[str]]:
    """The renames and the filled ids as one set of file changes and removals (nothing written)."""
    from charter.load import load

    changes: dict[str, bytes] = {}
    deletions: set[str] = set()
    done: list[str] = []
    current = state
    for m, new in report.renamed:
        if current.member(new) is not None:
            done.append(f"not renamed: {m.login} -> {new}: {new} already has a member file; "
                        "sort the two files out by hand")
            continue
        overlay = roundtrip.OverlayTree(tree, changes, frozenset(deletions))
        r = rename.plan(overlay, current, m.login, new)
        changes.update(r.changes)
        deletions |= r.deletions
        done.append(f"renamed {m.login} -> {new} ({len(r.edits)} edit(s))")
        current, _ = load(roundtrip.OverlayTree(tree, changes, frozenset(deletions)))
    for m, gid in report.fill:
        src = changes.get(m.file) or tree.read(m.file)
        doc = roundtrip.Document(src, m.file)
        roundtrip.insert_key_after(doc.data, "login", "github_id", gid)
        changes[m.file] = doc.dumps()
        done.append(f"{m.file}: github_id {gid}")
    return changes, frozenset(deletions), done
