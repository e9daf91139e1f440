"""The words and charts of an election's page, from the typed model (:mod:`.elections`).

Everything a reader sees about a count is said in sentences ("Sofia Rossi wins the runoff"),
names rather than logins, and every chart's values are also in its text description.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from charter.roster.charts import Bar, bar_chart
from charter.roster.elections import (
    KIND_WORDS,
    MOTION_WORDS,
    STAGE_WORDS,
    Election,
    LeadRound,
    StarRound,
    Tie,
    TieStep,
)

if TYPE_CHECKING:
    from charter.roster.site import Links

VERBS = {
    "scoring": "goes through to the runoff",
    "runoff": "wins the runoff",
    "approval": "is placed",
    "elimination": "stays in",
}
RULE_WORDS = {
    "head-to-head among the tied": "Head-to-head preferences among the tied",
    "higher total score": "Higher total score",
    "recorded resolution": "Recorded resolution",
}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth")


def ordinal(n: int) -> str:
    if 1 <= n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else ""


def _rule_words(rule: str) -> str:
    if rule in RULE_WORDS:
        return RULE_WORDS[rule]
    m = re.fullmatch(r"most (\d+)-star ratings", rule)
    if m:
        return "Most five-star ratings" if m.group(1) == "5" else f"Most {m.group(1)}-star ratings"
    m = re.fullmatch(r"fewest votes in round (\d+)", rule)
    if m:
        return f"Fewest votes back in round {m.group(1)}"
    return rule[:1].upper() + rule[1:]


class ElectionPage:
    """Helpers the election template calls, bound to one election and the page's links."""

    def __init__(self, e: Election, links: Links):
        self.e = e
        self.L = links

    # --- summary lines ----------------------------------------------------------------------
    def kind_words(self) -> str:
        e = self.e
        if e.kind == "motion" and e.motion and e.motion.type:
            return MOTION_WORDS.get(e.motion.type, "Vote")
        return KIND_WORDS.get(e.kind or "", "Election or vote")

    def turnout(self) -> Markup:
        e = self.e
        if e.ballots is None:
            return Markup("Turnout is not recorded.")
        if e.electorate:
            return Markup("<strong>{}</strong> of {} eligible voters took part ({}).").format(
                f"{e.ballots:,}", f"{e.electorate:,}", percent(e.ballots, e.electorate))
        return Markup("<strong>{}</strong> took part.").format(plural(e.ballots, "voter"))

    def status(self) -> Markup:
        e = self.e
        if not e.counted:
            return Markup("Not counted yet.")
        if e.certified:
            when = e.dates.finalised
            return Markup("Certified{}.").format(f" on {when}" if when else "")
        return Markup("Provisional: counted, not certified yet.")

    # --- names ------------------------------------------------------------------------------
    def name(self, login: str) -> str:
        return self.L.name(login)

    def names(self, logins: tuple[str, ...] | list[str]) -> Markup:
        return Markup(", ").join(self.L.person(x) for x in logins)

    def linked_log(self, line: str) -> Markup:
        """A line of the count's log with each candidate's login shown as their name."""
        known = {x.lower() for x in (*self.e.candidates, *(self.e.council.order if self.e.council
                                                            else ()))}
        parts = re.split(r"([A-Za-z0-9][A-Za-z0-9-]*)", line)
        out = Markup("")
        for i, part in enumerate(parts):
            out += self.L.person(part) if i % 2 and part.lower() in known else escape(part)
        return out

    # --- charts -----------------------------------------------------------------------------
    def _cid(self, *parts: Any) -> str:
        return "chart-" + "-".join(str(p) for p in parts)

    def totals_chart(self) -> Markup:
        c = self.e.council
        assert c is not None
        elected = {s.login for s in c.elected}
        bars = [Bar(x.login, self.name(x.login), x.total,
                    "" if x.five_star is None else f"{x.five_star} five-star",
                    x.login in elected) for x in c.candidates]
        caption = f"Total {c.unit} of each candidate (the elected highlighted)"
        return bar_chart(self._cid("totals"), caption, bars, c.unit, "totals")

    def scores_chart(self, r: StarRound) -> Markup:
        c = self.e.council
        assert c is not None
        finalists = set(r.finalists) or {r.placed}
        bars = [Bar(k, self.name(k), v, strong=k in finalists) for k, v in r.scores]
        what = "the two finalists" if r.finalists else "the one placed"
        caption = f"Round {r.number}, scores of the candidates still in ({what} highlighted)"
        return bar_chart(self._cid("round", r.number, "scores"), caption, bars, c.unit,
                         "scores")

    def runoff_chart(self, r: StarRound) -> Markup:
        bars = [Bar(k, self.name(k), v, strong=k == r.placed) for k, v in r.runoff]
        if r.no_preference is not None:
            bars.append(Bar("no-preference", "No preference", r.no_preference))
        total = sum(b.value for b in bars)
        caption = f"Round {r.number}, automatic runoff: ballots preferring each finalist"
        return bar_chart(self._cid("round", r.number, "runoff"), caption, bars, "ballots",
                         "runoff", scale=total)

    def lead_chart(self, r: LeadRound) -> Markup:
        bars = [Bar(k, self.name(k), v, strong=k in (r.winner, r.eliminated))
                for k, v in r.counts]
        if r.exhausted is not None:
            bars.append(Bar("exhausted", "Exhausted (no candidate left on the ballot)",
                            r.exhausted))
        caption = f"Round {r.number}: ballots counted for each continuing candidate"
        return bar_chart(self._cid("round", r.number, "votes"), caption, bars, "ballots",
                         "votes", scale=sum(b.value for b in bars))

    def vote_chart(self) -> Markup:
        m = self.e.motion
        assert m is not None
        bars = [Bar(k, k.capitalize(), v, strong=(k == "yes" and bool(m.passed)) or (
            k == "no" and m.passed is False)) for k, v in (
            ("yes", m.yes), ("no", m.no), ("abstain", m.abstain)) if v is not None]
        return bar_chart(self._cid("vote"), "Votes", bars, "votes", "vote",
                         scale=sum(b.value for b in bars))

    # --- ties -------------------------------------------------------------------------------
    def tie_intro(self, tie: Tie) -> Markup:
        what = STAGE_WORDS.get(tie.stage, "Tie")
        return Markup("{} between {}, broken step by step in the pinned order:").format(
            what, self.names(tie.tied))

    def step(self, tie: Tie, s: TieStep) -> Markup:
        verb = VERBS.get(tie.stage, "goes ahead")
        if len(s.ahead) != 1:
            verb = {"goes through to the runoff": "go through to the runoff",
                    "stays in": "stay in", "is placed": "are placed"}.get(verb, verb)
        end = (Markup("so {} {}").format(self.names(s.ahead), verb) if s.ahead
               else Markup("still tied, so the next step decides"))
        if s.resolution:
            if s.method == "draw":
                how = Markup("a draw from the seed <code>{}</code>, published before the count "
                             "(each tied login ranked by the SHA-256 of "
                             "<code>seed|round|stage|login</code>, lowest first)").format(
                    s.seed or "")
            elif s.method == "agreement":
                how = Markup("the tied candidates' written agreement")
            else:
                how = Markup("a resolution recorded in the election's files")
            if s.reference:
                how += Markup(" (") + self.L.url(s.reference) + Markup(")")
            return Markup("<strong>Recorded resolution</strong> by {}, {}.").format(how, end)
        counts = Markup(", ").join(
            Markup("{} {}").format(self.name(k), v) for k, v in s.counts)
        extra = (Markup("; {} with no preference").format(plural(s.no_preference, "ballot"))
                 if s.no_preference is not None else Markup(""))
        return Markup("<strong>{}</strong>: {}{}; {}.").format(
            _rule_words(s.rule), counts, extra, end)

    def placed_words(self, r: StarRound) -> Markup:
        how = f" ({r.note})" if r.note else ""
        return Markup("{} placed {}{}").format(self.name(r.placed), ordinal(r.number), how)

    # --- motions ----------------------------------------------------------------------------
    def threshold(self) -> Markup:
        m = self.e.motion
        assert m is not None
        if m.threshold_needed is None:
            return Markup("The threshold is not recorded.")
        of = f" ({m.threshold_of})" if m.threshold_of else ""
        return Markup("Passes with at least {}{}.").format(
            plural(m.threshold_needed, "yes vote"), of)

    def quorum(self) -> Markup:
        m = self.e.motion
        assert m is not None
        if m.quorum_needed is None:
            return Markup("No quorum applies.")
        took = m.quorum_participated
        met = {True: "met", False: "not met", None: ""}[m.quorum_met]
        return Markup("Quorum: {} must take part; {} did ({}).").format(
            plural(m.quorum_needed, "voter"), took if took is not None else "an unknown number",
            met)

    def outcome(self) -> Markup:
        m = self.e.motion
        assert m is not None
        if m.passed is None:
            return Markup("No outcome is recorded yet.")
        word = Markup("<strong>Passed</strong>") if m.passed else Markup(
            "<strong>Not passed</strong>")
        if m.effect:
            return word + Markup(": ") + self.linked_effect(m.effect) + Markup(".")
        return word + Markup(".")

    def linked_effect(self, text: str) -> Markup:
        known = {x.lower() for x in (self.e.motion.subject, self.e.motion.appointee) if x} \
            if self.e.motion else set()
        parts = re.split(r"([A-Za-z0-9][A-Za-z0-9-]*)", text)
        out = Markup("")
        for i, part in enumerate(parts):
            out += self.L.person(part) if i % 2 and part.lower() in known else escape(part)
        return out
