"""The rule catalogue: every rule ID a charter report can print, what it means, where it comes
from, which policy keys tune it, and where charter enforces it.

This is plain data, read by ``charter rules`` (the list, and one rule in full), by the generated
reference ``docs/rules.md`` (``charter rules --write``; ``charter check`` fails when it is out of
date) and by the tests that keep the catalogue whole: every ID a rule function registers, the
gate or an election count prints is here, and every name an entry gives (a policy key, a gate
event kind, a function) exists.

To add or extend an entry, edit :data:`ENTRIES`; each field is documented on :class:`Entry`. The
functions registered under an ID with :func:`charter.rules.register` are found by the registry and
need not be listed; everything else that enforces the rule (a gate event, an election check, a
command) is listed by name so that the reference can say where the rule is enforced.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A public source document."""

    title: str
    url: str
    about: str


# The public documents the rules come from (charter's own integrity rules have none).
DOCUMENTS: dict[str, Document] = {
    "pytorch-governance": Document(
        "PyTorch Governance | Mechanics",
        "https://docs.pytorch.org/docs/stable/community/governance.html",
        "PyTorch's maintainer hierarchy: contributors, module maintainers, core maintainers and "
        "the lead core maintainer; nomination, removal, emeritus, modules, decision making."),
    "pytorch-ecosystem": Document(
        "PyTorch Foundation Ecosystem Process and Requirements (version 1.0)",
        "https://github.com/pytorch-fdn/tac/tree/main/docs/governance",
        "What an ecosystem project must meet, its statuses, submission, review, six-monthly "
        "re-review with 30 days' grace, and offboarding."),
    "pytorch-ecosystem-applications": Document(
        "PyTorch Ecosystem applications repository, README",
        "https://github.com/pytorch-fdn/ecosystem",
        "How applications are filed as issues, ordered for review and decided by the working "
        "group."),
    "pep-772": Document(
        "PEP 772 - Packaging governance process (draft)",
        "https://peps.python.org/pep-0772/",
        "An elected five-seat council in two cohorts, Bloc STAR elections, conflicts of "
        "interest, vacancies, community membership votes, votes of no confidence and changing "
        "the governance. charter follows the draft's text; where the accepted version differs, "
        "the policy offers it as an option (see below)."),
}


@dataclass(frozen=True)
class Source:
    """Where in a document (a key of :data:`DOCUMENTS`) a rule comes from."""

    document: str
    section: str


@dataclass(frozen=True)
class Entry:
    """One rule ID.

    * ``id``: the ID reports print (``GOV-REMOVE``); the family is what comes before the first
      dash (GOV, ECO, PC; INT, YAML and SCHEMA are charter's own);
    * ``title``: a few words;
    * ``rule``: the rule, in one or two sentences;
    * ``sources``: the sections of the public documents it comes from (none for charter's own);
    * ``params``: the policy keys (``section.key`` of policy.yaml) that tune it; the reference
      shows each one's default from schemas/policy.schema.json;
    * ``gate``: the gate event kinds (:data:`charter.gate.events.KINDS`) whose requirement, or
      whose problems, carry this ID on a pull request;
    * ``checks``: ``module:function`` of what else reports it (the election counts and checks,
      the loader, the ecosystem review), besides the rule functions registered under the ID;
    * ``commands``: the commands that apply it when they write data;
    * ``notes``: anything else a reader needs: a decision where the sources disagree, what is
      enforced where (or not at all).
    """

    id: str
    title: str
    rule: str
    sources: tuple[Source, ...] = ()
    params: tuple[str, ...] = ()
    gate: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return self.id.split("-")[0]


GOV_DOC, ECO_DOC, APPS_DOC, PEP = ("pytorch-governance", "pytorch-ecosystem",
                                   "pytorch-ecosystem-applications", "pep-772")


def _s(doc: str, *sections: str) -> tuple[Source, ...]:
    return tuple(Source(doc, s) for s in sections)


_MEMBER_EVENTS = ("member-added", "member-removed", "member-affiliation-changed",
                  "member-relationship-changed", "member-identity-changed",
                  "member-community-changed", "member-changed")

ENTRIES: tuple[Entry, ...] = (
    # --- GOV: the maintainer hierarchy --------------------------------------------------------
    Entry("GOV-ROLES", "Four roles and one lead",
          "Contributors, module maintainers (per module), core maintainers, and one lead core "
          "maintainer who is one of the core maintainers; the lead post is filled.",
          _s(GOV_DOC, "Summary", "Lead Core Maintainer (BDFL)")),
    Entry("GOV-INDIVIDUALS", "Membership is personal",
          "People hold roles, companies never do; a person record names at most one employer, "
          "used only for conflicts of interest.",
          _s(GOV_DOC, "Summary", "The Principles")),
    Entry("GOV-MODULE", "What a module is",
          "A module is a repository of the organisation or a set of directories of the core "
          "repository, with its own maintainer group; it may adopt its own decision rule, and a "
          "majority of its maintainers is the default.",
          _s(GOV_DOC, "Module Maintainers"),
          gate=("module-rule-changed",),
          notes=("A module changes its own decision rule or inactive period by its current rule; "
                 "a first rule of its own, a laxer rule or a shorter inactive period go to a "
                 "majority of the core maintainers (the module would otherwise decide later "
                 "with fewer approvals than the rules give it today).",)),
    Entry("GOV-MODULE-COMMS", "A module publishes its plans",
          "Each module links where it publishes its vision, roadmap, design documents and its "
          "disputes with their resolutions (a public explanation of the dispute, the "
          "arguments and the outcome).",
          _s(GOV_DOC, "Module Maintainers"),
          commands=("charter module add",),
          notes=("charter check warns for each of vision, roadmap, design_docs and disputes "
                 "that a module's links: lack. A dispute the module cannot settle goes to the "
                 "core maintainers, whose veto links where it is resolved (GOV-VETO).",)),
    Entry("GOV-NOMINATE-MODULE", "Nominating a module maintainer",
          "A new module maintainer is decided by the module's own process; where the module "
          "names none, the core maintainers decide by majority. The nomination states the "
          "nominee's contributions (code, review, design), testimonials and the maintainers' "
          "support; the decision is articulated and made public with its reasons.",
          _s(GOV_DOC, "The Process for Nomination", "The Principles"),
          gate=("module-maintainer-added",),
          commands=("charter module add-maintainer",),
          notes=("The gate applies the module's decision_rule to all its maintainers on the "
                 "base branch; a module with no rule of its own (or no maintainers) hands the "
                 "decision to a majority of the core maintainers. The pull-request description "
                 "carries the substance under '## Contributions', '## Testimonials' and "
                 "'## Support', and the decision with its reasons under '## Decision'.",
                 "A nomination to a module with no process of its own also names the core "
                 "maintainers' meeting that took it up (GOV-CORE-CADENCE).")),
    Entry("GOV-NOMINATE-CORE", "Nominating a core maintainer",
          "Any core or module maintainer may nominate a core maintainer; the lead core "
          "maintainer decides.",
          _s(GOV_DOC, "Nominating Core Maintainers", "Lead Core Maintainer (BDFL)"),
          gate=("core-maintainer-added",),
          commands=("charter core add",),
          notes=("When the lead post is vacant, or the lead has a declared conflict with the "
                 "nominee, a majority of the core maintainers decides. The pull-request "
                 "description carries the substance under '## Contributions', "
                 "'## Testimonials' and '## Support', and the decision with its reasons under "
                 "'## Decision' (the source asks the lead for a public account of why).",
                 "core.yaml records the day the new maintainer joins (joined, which charter core "
                 "add writes): without it they count as a maintainer on every earlier day. The "
                 "gate refuses any change after which the files no longer show a certified vote "
                 "as voted by the electorate of its day (a maintainer deleted rather than moved "
                 "to emeritus, a day moved across the opening): that vote, the lead's election "
                 "among them, would stop counting.")),
    Entry("GOV-REMOVE", "Removing a maintainer",
          "Anyone may propose removing a module or core maintainer, themselves included; the "
          "core maintainers decide, without the person concerned and anyone with a declared "
          "family or romantic relationship to them.",
          _s(GOV_DOC, "The Process for Removal"),
          params=("governance.core_decision_fraction", "governance.self_emeritus",
                  "governance.self_emeritus_core_approvals"),
          gate=("module-maintainer-removed", "module-maintainer-emeritus",
                "core-maintainer-removed", "core-maintainer-emeritus"),
          commands=("charter module remove-maintainer", "charter module emeritus",
                    "charter core remove", "charter core emeritus"),
          notes=("A conflict stops a person approving; it never lowers the number of approvals "
                 "needed.",
                 "Moving someone to emeritus is a removal unless they have been inactive longer "
                 "than the module's inactive period (GOV-EMERITUS).")),
    Entry("GOV-EMERITUS", "Emeritus status",
          "A maintainer inactive for longer than the module's inactive period moves to "
          "emeritus; emeritus status is kept, never deleted; there are no term limits.",
          _s(GOV_DOC, "The Principles"),
          params=("governance.module_inactive_months",),
          gate=("module-maintainer-emeritus", "module-emeritus-deleted",
                "core-emeritus-deleted"),
          commands=("charter module emeritus", "charter core emeritus")),
    Entry("GOV-LEAD-REMOVE", "Removing the lead",
          "Removing the lead core maintainer takes a super-majority of the core maintainers: "
          "of all of them on the day of the vote, not of those who voted.",
          _s(GOV_DOC, "Removing the Lead Core Maintainer and Nominating a New Lead Core "
             "Maintainer"),
          params=("governance.lead_removal_fraction",),
          gate=("lead-changed", "election-changed"),
          checks=("charter.elections.check:lead_matches",
                  "charter.elections.motions:count_motion",
                  "charter.elections.day:problems"),
          commands=("charter core lead",),
          notes=("A recorded vote's electorate is every core maintainer of the day voting "
                 "opened (charter.elections.day: today's maintainers and those emeritus since "
                 "after that day); a record that leaves one out or lists anyone else is an "
                 "error in charter check, cannot be certified, and removes nobody. The "
                 "fraction is counted over that whole electorate.",
                 "core.yaml's joined gives the day each maintainer joined (charter core add "
                 "writes it; changing it for a sitting maintainer takes a majority of the core "
                 "maintainers): one who joined after voting opened is not in the electorate, "
                 "even if emeritus since (the entry keeps the day), and a maintainer without a "
                 "date is taken to have been one on the day.")),
    Entry("GOV-LEAD-ELECT", "Electing a new lead",
          "After the lead is removed or becomes unavailable, the core maintainers elect a new "
          "lead by ranked-choice (instant-runoff) voting.",
          _s(GOV_DOC, "Removing the Lead Core Maintainer and Nominating a New Lead Core "
             "Maintainer"),
          gate=("lead-changed", "election-changed", "core-changed", "electorate-rewritten"),
          checks=("charter.elections.check:lead_matches", "charter.elections.irv:instant_runoff",
                  "charter.elections.day:problems"),
          commands=("charter election new", "charter core lead"),
          notes=("The electorate is every core maintainer of the day voting opened, as for "
                 "GOV-LEAD-REMOVE; a record of part of them is an error, is not certified, and "
                 "elects nobody (core.yaml's lead_elected_in cannot cite it).",)),
    Entry("GOV-MODULES-SCOPE", "Adding, removing and re-scoping modules",
          "Adding, removing or re-scoping a module (its paths or repositories) is decided by "
          "a majority of the core maintainers; modules do not overlap unless both declare it.",
          _s(GOV_DOC, "Add, Remove, and Re-Scope Modules and Projects"),
          params=("governance.core_decision_fraction",),
          gate=("module-added", "module-removed", "module-rescoped"),
          commands=("charter module add", "charter module remove", "charter module rename")),
    Entry("GOV-VETO", "The core maintainers' veto",
          "The core maintainers as a group (majority) can veto any decision made at module "
          "level, and resolve disputes; they give the reasons for a veto or a dispute's "
          "resolution in public.",
          _s(GOV_DOC, "Core Maintainers", "Module Maintainers"),
          gate=("module-maintainer-added", "module-rule-changed", "module-changed"),
          notes=("A pull request with a '## Veto' section is decided by a majority of the core "
                 "maintainers instead of the module's rule; the section links where the "
                 "dispute is resolved, with the core maintainers' reasons (an issue number "
                 "such as #123, or a link).",)),
    Entry("GOV-APPROVAL", "Ordinary changes",
          "An ordinary change merges on the approval of a maintainer who owns the area, as the "
          "roster and CODEOWNERS list them.",
          _s(GOV_DOC, "Uncontroversial Changes"),
          gate=("module-changed", "core-changed", *_MEMBER_EVENTS, "wg-member-added",
                "wg-member-removed", "wg-changed", "project-changed", "election-changed",
                "tooling-changed", "file-changed", "formatting-only"),
          commands=("charter member add", "charter member remove", "charter wg add",
                    "charter wg remove", "charter wg chair"),
          notes=("charter's own code, schemas and workflows can change what every rule means: "
                 "they need a majority of the core maintainers and a discussion link.",
                 "A change to a member record that alters how a person is counted (GitHub id, "
                 "relationships, affiliation, recorded activity) needs their consent or a "
                 "majority of the core maintainers.")),
    Entry("GOV-DISCUSSION", "Substantial changes are discussed",
          "A substantial change (the rules themselves, adding or removing a module, removing a "
          "maintainer) links the issue where it was discussed.",
          _s(GOV_DOC, "Controversial Decision Process"),
          params=("governance.discussion_required_for", "governance.amendment"),
          gate=("policy-changed", "module-added", "module-removed", "module-maintainer-removed",
                "core-maintainer-removed", "lead-changed", "tooling-changed",
                "election-changed"),
          notes=("The link goes under '## Discussion' in the pull-request description: an "
                 "issue number (#123) or its URL.",)),
    Entry("GOV-CORE-CADENCE", "The core maintainers meet",
          "The core maintainers meet every three months; nominations with no module process "
          "wait for that meeting.",
          _s(GOV_DOC, "The Process for Nomination"),
          params=("governance.core_cadence_months",),
          gate=("module-maintainer-added",),
          notes=("A nomination to a module that names no decision rule of its own (or has no "
                 "maintainers) names, under '## Meeting' in the pull-request description, the "
                 "core maintainers' meeting that took it up: its date (YYYY-MM-DD, not in the "
                 "future) or a link to its notes. A core veto is decided on its own terms "
                 "(GOV-VETO).",)),
    # --- ECO: the ecosystem -------------------------------------------------------------------
    Entry("ECO-FUNCTIONAL", "Functional requirements",
          "Ten functional requirements, each recorded as met or not with its evidence and "
          "reviewer: framework support on its latest versions, working CI, documented "
          "governance, a value proposition in the README, a quick start, documentation, a "
          "permissive licence, functional tests, binary packages, and a 12-month maintenance "
          "commitment covering the latest two framework releases.",
          _s(ECO_DOC, "Ecosystem Projects Requirements"),
          params=("ecosystem.licences",),
          gate=("project-decision-changed", "project-status-changed"),
          checks=("charter.ecosystem.review:evaluate",),
          commands=("charter ecosystem evidence", "charter ecosystem decide"),
          notes=("An application is accepted only from in-progress with all ten recorded as "
                 "met, each with its evidence and reviewer: charter ecosystem decide refuses "
                 "otherwise, the gate refuses an accepting decision that skips them, and "
                 "charter check reports an error for an accepted or active project whose record "
                 "lacks one (not for a record imported from a list kept before charter). A "
                 "requirement recorded as not met later is the periodic review's to act on "
                 "(a warning).",)),
    Entry("ECO-MEASURABLE", "Measurable requirements",
          "At least 2 core maintainers, 5 contributors active and 30 commits in the last 90 "
          "days, and 200 stars.",
          _s(ECO_DOC, "Ecosystem Projects Requirements"),
          params=("ecosystem.min_core_maintainers", "ecosystem.min_contributors_90d",
                  "ecosystem.min_commits_90d", "ecosystem.min_stars", "ecosystem.window_days"),
          checks=("charter.ecosystem.review:evaluate",),
          commands=("charter ecosystem review",)),
    Entry("ECO-LAYOUT", "Repository layout",
          "At the repository root: a licence file, README, CONTRIBUTING, CODEOWNERS (at the "
          "root, in .github/ or docs/) and a code of conduct.",
          _s(ECO_DOC, "Ecosystem Projects Requirements"),
          checks=("charter.ecosystem.fetch:layout_missing", "charter.ecosystem.review:evaluate"),
          commands=("charter ecosystem review",)),
    Entry("ECO-STATUS", "Project statuses",
          "A listed project is active or retired, and only active ones are shown by default; "
          "an application is new, in progress, accepted, declined, needs more information, "
          "closed (not ready) or postponed. A status follows a recorded decision.",
          _s(ECO_DOC, "Ecosystem Project Statuses")
          + _s(APPS_DOC, "the statuses and labels an application receives"),
          gate=("project-status-changed", "project-decision-changed", "project-removed"),
          commands=("charter ecosystem decide",)),
    Entry("ECO-SUBMIT", "Applying",
          "An application arrives as a GitHub issue form and becomes a record in ecosystem/.",
          _s(ECO_DOC, "Submission") + _s(APPS_DOC, "how to apply (the issue form)"),
          gate=("project-added",),
          checks=("charter.ecosystem.form:to_record",),
          commands=("charter ecosystem intake",)),
    Entry("ECO-QUEUE", "Review order",
          "Applications are reviewed first in, first out by issue number, returning "
          "applications first: those the working group already reviewed and sent back for "
          "more, once the applicants have done what was asked; a postponed project that "
          "applies again is reviewed as a new application. A session takes 7 to 10; "
          "applications move to in progress about two weeks before it.",
          _s(APPS_DOC, "the review order (first in, first out; returning applications first) "
             "and the sessions"),
          params=("ecosystem.session_min", "ecosystem.session_max",
                  "ecosystem.in_progress_days_before"),
          gate=("project-decision-changed", "project-status-changed"),
          checks=("charter.ecosystem.queue:build", "charter.ecosystem.queue:returning"),
          commands=("charter ecosystem queue", "charter ecosystem decide",
                    "charter ecosystem intake"),
          notes=("Returning is read from the project's own record: an application waiting for "
                 "review (new or in progress) whose latest recorded decision is needs-info or "
                 "closed-not-ready. The application form's 'Previous application' answer and a "
                 "returning: key in the file are claims: charter ecosystem intake and charter "
                 "check warn when the record does not back them, and the queue orders such an "
                 "application first in, first out.",)),
    Entry("ECO-VOTE", "The working group's vote",
          "Each working-group member has one vote; an application is accepted when more than "
          "half of the members approve, declined otherwise.",
          _s(ECO_DOC, "Review Applications") + _s(APPS_DOC, "the working group's decisions"),
          params=("ecosystem.vote_fraction",),
          gate=("project-decision-changed", "project-status-changed", "project-changed"),
          checks=("charter.ecosystem.vote:tally",),
          commands=("charter ecosystem decide",),
          notes=("On a pull request, an accepting decision is approved by at least as many "
                 "working-group members recorded as voting for it as acceptance needs.",)),
    Entry("ECO-RESUBMIT", "Re-applying",
          "A declined project may apply again no sooner than 3 months after the decision.",
          _s(ECO_DOC, "Resubmission"),
          params=("ecosystem.resubmit_months",),
          commands=("charter ecosystem intake",)),
    Entry("ECO-PERIODIC", "Periodic review",
          "Every 6 months each active project is re-reviewed; one that falls short is told why "
          "and has 30 days to fix it, else (or without an answer) it is retired.",
          _s(ECO_DOC, "Periodic Review"),
          params=("ecosystem.review_interval_months", "ecosystem.grace_days"),
          gate=("project-status-changed",),
          checks=("charter.ecosystem.review:plan", "charter.ecosystem.periodic:act"),
          commands=("charter ecosystem review",)),
    Entry("ECO-OFFBOARD", "Offboarding",
          "A retired project's owners are told, and asked to remove references to ecosystem "
          "membership.",
          _s(ECO_DOC, "Project Offboarding"),
          checks=("charter.ecosystem.notify:offboarding_body",),
          commands=("charter ecosystem review", "charter ecosystem offboard"),
          notes=("The record of a retired project names the issue that told its owners "
                 "(retired: offboarding_issue:), whoever recorded the retirement: charter "
                 "ecosystem review opens it when it retires a project; a retirement recorded by "
                 "hand runs charter ecosystem offboard SLUG --apply, which opens it (or finds "
                 "the one already there) and records its number, or charter check reports an "
                 "error and the pull request is refused (not for a record imported from a list "
                 "kept before charter, which does not say how the owners were told).",)),
    # --- PC: the elected council --------------------------------------------------------------
    Entry("PC-SIZE", "Council size and cohorts",
          "The council has 5 seats, in cohort A (2 seats) and cohort B (3 seats).",
          _s(PEP, "Packaging Council", "Term"),
          params=("council.seats", "council.cohorts")),
    Entry("PC-TERM", "Terms",
          "Terms last 2 years, from the finalised election until the next election of the "
          "cohort is finalised; in a whole-council election the first 2 join cohort A with "
          "2-year terms and the next 3 cohort B with 1-year terms; a replacement serves out the "
          "original term; no term limits. A member may resign at any time.",
          _s(PEP, "Term", "Vacancies"),
          params=("council.term_years", "council.term_notice_days"),
          gate=("council-seat-removed", "council-seat-resigned", "council-seat-changed",
                "council-changed"),
          checks=("charter.elections.council:assign_seats",
                  "charter.elections.check:council_matches"),
          commands=("charter council resign", "charter council apply"),
          notes=("charter check gives notice from council.term_notice_days before a cohort's "
                 "terms end, warns once its election is due (nominations and voting take "
                 "council.nomination_days + council.voting_days) and for every seat past its "
                 "end.",)),
    Entry("PC-ELECTION", "Council elections",
          "Community members self-nominate (2 weeks), then score each candidate 0 to 5 stars "
          "anonymously (2 weeks); winners by multi-winner Bloc STAR; a tie is resolved by the "
          "tied candidates' agreement, else at random; a returning officer nominated by the "
          "outgoing council runs it.",
          _s(PEP, "Election of the council"),
          params=("council.voting_method", "council.nomination_days", "council.voting_days"),
          gate=("council-seat-added", "council-seat-changed", "council-changed",
                "election-changed", "electorate-rewritten"),
          checks=("charter.elections.check:verify_tree", "charter.elections.record:count",
                  "charter.elections.star:star_rounds",
                  "charter.elections.check:council_matches",
                  "charter.elections.check:known_people",
                  "charter.elections.day:problems",
                  "charter.elections.declared:returning_officer"),
          commands=("charter election new", "charter election nominate",
                    "charter election ballots", "charter election certify",
                    "charter election tally", "charter election resolve-tie",
                    "charter council apply"),
          notes=("A record takes effect only once it is certified on the base branch: the "
                 "certification is a pull request of its own, in which the base branch's "
                 "charter recounts the ballots and the returning officer approves; the seats "
                 "follow in a later pull request (charter council apply).",
                 "STAR ties are broken as the official STAR tiebreakers (which starvote "
                 "implements) break them: in the scoring round by the head-to-head preferences "
                 "among the tied, then the most five-star ratings; in the runoff by the higher "
                 "total score, then the most five-star ratings. A tie that survives stops the "
                 "count, which names it, until the tied candidates' written agreement or a draw "
                 "from a seed published before the count is recorded (charter election "
                 "resolve-tie) and replayed by every later count.",
                 "The first cohorts.A candidates in Bloc STAR finishing order (not the highest "
                 "totals) form cohort A in a whole-council election.",
                 "The electorate is the community of the day voting opened (charter.elections."
                 "day: member files admitted by then and not removed, less lapsed members); a "
                 "record that leaves anyone out or lists anyone else is an error.",
                 "The returning officer is the one council.yaml names (the council changes it "
                 "by majority): a record in progress, or being certified, that names another is "
                 "an error. council.yaml does not keep earlier officers, so a finalised record "
                 "is not compared.")),
    Entry("PC-COI", "Conflicts of interest",
          "At most 2 council members affiliated with one entity: in an election the lowest "
          "ranked of them is disqualified and the next candidate moves up, until the council "
          "is valid; during a term a breach is resolved by resignations. Plain membership of "
          "the foundation is no affiliation; its staff and directors are.",
          _s(PEP, "Conflicts of interest"),
          params=("council.max_per_entity", "council.coi_exempt", "council.coi_exhausted"),
          checks=("charter.elections.council:cascade",
                  "charter.elections.declared:affiliations"),
          notes=("In an election of fewer seats than the council, the sitting members count "
                 "toward the cap.",
                 "A candidate's affiliations in an election record are those of their member "
                 "file on the day nominations closed (an affiliation dated later had not begun); "
                 "a record in progress, or being certified, that differs is an error. Member "
                 "files say who someone works for now, so a finalised record is held only to "
                 "the affiliations its candidates' files date on or before that day.")),
    Entry("PC-VOTE", "Council votes",
          "In a council vote each member votes or explicitly abstains; a member with a "
          "conflict must abstain; a motion passes with a majority of the members who do not "
          "abstain.",
          _s(PEP, "Responsibilities"),
          checks=("charter.elections.motions:count_motion",)),
    Entry("PC-VACANCY", "Vacancies",
          "The council may appoint a replacement for a vacant seat by vote; a member out of "
          "touch for a month or more may be replaced by simple majority, counted as "
          "abstaining.",
          _s(PEP, "Vacancies"),
          params=("council.out_of_touch_days",),
          gate=("council-seat-added", "council-seat-changed"),
          checks=("charter.elections.motions:count_motion",
                  "charter.elections.check:council_matches"),
          commands=("charter council vacancy", "charter council apply")),
    Entry("PC-MEMBER-ADD", "Admitting a community member",
          "A new community member is admitted by a simple majority of the votes cast with a "
          "quorum of half the membership; the vote is called by one member, seconded by "
          "another within 2 weeks, and lasts 2 weeks.",
          _s(PEP, "Adding a new member"),
          params=("council.member_add_quorum", "council.second_within_days",
                  "council.vote_days"),
          gate=("member-community-changed", "member-added", "election-changed"),
          checks=("charter.elections.motions:count_motion",
                  "charter.elections.check:membership_effects",
                  "charter.elections.day:problems"),
          commands=("charter election new", "charter member add"),
          notes=("\"Half the membership\" is the community of the day voting opened, "
                 "reconstructed from the member files (charter.elections.day), not the "
                 "electorate a record lists: a record that leaves members out or lists others "
                 "is an error in charter check, cannot be certified, and admits nobody.",)),
    Entry("PC-MEMBER-LAPSE", "Lapsed voting rights",
          "A community member who voted in neither of the last two council elections loses "
          "the vote until they ask in writing to resume.",
          _s(PEP, "Removal of a member"),
          params=("council.lapse_after_missed_elections",),
          gate=("member-community-changed",),
          checks=("charter.elections.roll:compute", "charter.elections.day:lapse"),
          commands=("charter election roll", "charter election new"),
          notes=("A member lapses who was a community member when each of the last council "
                 "elections opened and voted in none of them; being left out of a later "
                 "electorate because of the lapse does not give the vote back, only a written "
                 "request to resume (community.resumed) does. A lapsed member in a community "
                 "vote's electorate is an error.",)),
    Entry("PC-MEMBER-REMOVE", "Removing a community member",
          "The council may remove a community member by a two-thirds council vote (4 of 5); "
          "otherwise a member leaves at their own wish.",
          _s(PEP, "Removal of a member"),
          params=("council.member_remove_fraction",),
          gate=("member-community-changed", "member-removed", "election-changed"),
          checks=("charter.elections.motions:count_motion",
                  "charter.elections.check:membership_effects")),
    Entry("PC-NO-CONFIDENCE", "Votes of no confidence",
          "The community may remove one council member or the whole council: called, seconded "
          "within 2 weeks, open 2 weeks, passing with at least two thirds of the votes cast and "
          "a quorum of half; a whole-council vote that passes dissolves the council and starts "
          "a new election.",
          _s(PEP, "Vote of no confidence"),
          params=("council.no_confidence_fraction", "council.no_confidence_quorum",
                  "council.no_confidence_denominator"),
          gate=("council-seat-removed", "election-changed"),
          checks=("charter.elections.motions:count_motion",
                  "charter.elections.check:dissolved_needs_election",
                  "charter.elections.day:problems"),
          notes=("The quorum (and, with no_confidence_denominator: electors, the threshold) "
                 "is counted over the community of the day voting opened "
                 "(charter.elections.day), not over the electorate a record lists; a record "
                 "that differs from it is an error and removes nobody.",)),
    Entry("PC-AMEND", "Changing the governance",
          "Changing the governance takes at least two thirds of the votes cast in a community "
          "vote open for 2 weeks.",
          _s(PEP, "Changing the governance"),
          params=("council.amend_fraction", "governance.amendment"),
          gate=("policy-changed", "election-changed"),
          checks=("charter.elections.motions:count_motion", "charter.elections.day:problems"),
          notes=("The vote is the community's: its electorate is the community of the day "
                 "voting opened (charter.elections.day); a record that differs from it is an "
                 "error and changes nothing.",
                 "The council's own rules (policy keys under council.) change only by a "
                 "certified amend vote named under '## Vote', whatever the policy says. The "
                 "project's governance and ecosystem parameters follow the PyTorch documents: "
                 "a majority of the core maintainers with a discussion link (the default, "
                 "governance.amendment: core-majority), or the community vote too with "
                 "governance.amendment: community-vote.",
                 "charter's own code, schemas, workflows and pinned dependencies can change "
                 "what every rule means: they take a majority of the core maintainers with a "
                 "discussion link (GOV-APPROVAL), never a single approval.",)),
    # --- charter's own integrity rules ----------------------------------------------------------
    Entry("INT-UNKNOWN-LOGIN", "Every login is a person",
          "Every login named anywhere has a member file, spelled the same; a close login is "
          "offered when one exists."),
    Entry("INT-FILENAME", "Files are named for what they hold",
          "A file in members/, modules/ or ecosystem/ is named for the login or slug it holds."),
    Entry("INT-DUPLICATE-MEMBER", "One file per person",
          "No two member files share a login (ignoring case) or a GitHub id.",
          gate=(), checks=("charter.load:load", "charter.gate.evaluate:shadowed")),
    Entry("INT-DUPLICATE-MODULE", "One file per module",
          "No two module files hold one slug: a pull request that adds a second one is "
          "refused, since only one of them would be read.",
          checks=("charter.gate.evaluate:shadowed",)),
    Entry("INT-DUPLICATE-PROJECT", "One file per ecosystem project",
          "No two ecosystem records hold one slug: a pull request that adds a second one is "
          "refused, since only one of them would be read.",
          checks=("charter.gate.evaluate:shadowed",)),
    Entry("INT-DUPLICATE-LOGIN", "One entry per person in a group",
          "A role list names each person once (logins ignore case), so nobody counts twice "
          "toward a threshold."),
    Entry("INT-DATE", "Dates exist", "Every date is a real calendar day."),
    Entry("INT-RELATIONSHIP", "Relationships are sound",
          "A declared relationship names someone else, once."),
    Entry("INT-FRACTION", "Fractions are proportions",
          "Every threshold fraction is above 0 and at most 1."),
    Entry("INT-POLICY", "Rule settings name real rules",
          "policy.yaml's rules: section turns off or regrades only rule IDs that exist, and never "
          "the checks that the data can be read and is whole (SCHEMA, YAML-*, INT-READ, "
          "INT-UNKNOWN-LOGIN and the like)."),
    Entry("INT-TEXT", "Text shows what it says",
          "No governance text holds invisible characters that change how it is displayed "
          "(bidirectional overrides, zero-width spaces, a byte-order mark)."),
    Entry("INT-STRAY-FILE", "Only data in the data folders",
          "members/, modules/, ecosystem/ and elections/ hold only their records; editor "
          "backups are ignored with a warning.",
          checks=("charter.load:governance_paths", "charter.elections.check:stray_records")),
    Entry("INT-MISSING-FILE", "The required files",
          "policy.yaml and core.yaml exist.", checks=("charter.load:load",)),
    Entry("INT-READ", "Everything can be read",
          "Every governance file and folder can be read and is what it must be (a folder is "
          "no file, no symbolic link is followed).",
          checks=("charter.load:governance_paths",)),
    Entry("INT-GENERATED", "Generated files match their source",
          "The generated CODEOWNERS files match the data; docs/rules.md and the approvals table "
          "in CONTRIBUTING.md match this catalogue and the gate.",
          gate=("generated-changed",),
          checks=("charter.commands.check:codeowners_in_sync",
                  "charter.commands.check:rules_reference_in_sync"),
          commands=("charter codeowners", "charter rules --write")),
    Entry("SCHEMA", "Files match their schema",
          "Each governance file matches its JSON Schema (schemas/<kind>.schema.json).",
          checks=("charter.load:parse_file",)),
    Entry("YAML-SYNTAX", "One YAML document", "The file is one valid YAML document.",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-ENCODING", "UTF-8", "The file is UTF-8, without a byte-order mark or NUL bytes.",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-SIZE", "Size", "The file is at most 1 MiB.", checks=("charter.load:load",)),
    Entry("YAML-DEPTH", "Nesting", "Nesting is at most 64 levels deep.",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-ALIAS", "No aliases", "No anchors or aliases (no 'billion laughs').",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-TAG", "No tags", "No tags (!!python/object and the like).",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-DUPLICATE-KEY", "No duplicate keys", "No key appears twice in a mapping.",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-KEY", "Plain keys", "Mapping keys are plain strings.",
          checks=("charter.yamlio:loads",)),
    Entry("YAML-VALUE", "Sane values", "Integers have at most 30 digits.",
          checks=("charter.yamlio:loads",)),
)

BY_ID: dict[str, Entry] = {e.id: e for e in ENTRIES}


@dataclass(frozen=True)
class Decision:
    """A question the sources leave open, and what charter does."""

    question: str
    default: str
    option: str = ""


# Where the sources disagree or are silent, and what charter decides (PEP 772's text here is a
# draft; the accepted version changed some rules, offered as policy options).
DECISIONS: tuple[Decision, ...] = (
    Decision("How the council is elected", "Bloc STAR, scores 0-5 (council.voting_method: "
             "bloc-star)", "approval voting, the most marks win (council.voting_method: "
             "approval)"),
    Decision("The conflict-of-interest cascade runs out of candidates",
             "the seat stays vacant (council.coi_exhausted: vacant)",
             "the disqualified are re-qualified in rank order (council.coi_exhausted: "
             "requalify)"),
    Decision("What a no-confidence threshold is measured against",
             "the votes cast (council.no_confidence_denominator: votes-cast)",
             "all electors (council.no_confidence_denominator: electors)"),
    Decision("Conflicts of interest in an election of fewer seats than the council",
             "the sitting members count toward the cap"),
    Decision("Who has 'the highest number of votes' for cohort A",
             "the first in Bloc STAR finishing order, not the highest star totals"),
    Decision("Which changes need a community vote (PC-AMEND)",
             "none by default: the project's governance and ecosystem parameters follow the "
             "PyTorch documents (a majority of the core maintainers and a discussion link)",
             "every policy change (governance.amendment: community-vote)"),
    Decision("Changes to the rule code (scripts/, schemas/, workflows)",
             "a majority of the core maintainers and a discussion link: the code can change "
             "what every rule means"),
    Decision("A maintainer asks to step down to emeritus",
             "the core maintainers decide, as for any removal (governance.self_emeritus: "
             "core-majority)",
             "the person's consent plus governance.self_emeritus_core_approvals core "
             "maintainers (governance.self_emeritus: consent)"),
    Decision("A conflict of interest", "stops a person approving; never lowers the number of "
             "approvals needed"),
)


def entry(rule_id: str) -> Entry | None:
    return BY_ID.get(rule_id.upper())


def ids() -> frozenset[str]:
    return frozenset(BY_ID)
