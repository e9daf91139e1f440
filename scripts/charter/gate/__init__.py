"""The pull-request gate: what a pull request changes, who must approve it, and whether they have.

The pieces, each a pure function except at the edges:

* :mod:`charter.gate.paths` - which files differ between two trees, and what kind of file each is;
* :mod:`charter.gate.events` - the semantic diff: typed governance events from two states;
* :mod:`charter.gate.body` - the sections and links of a pull-request description;
* :mod:`charter.gate.reviews` - GitHub reviews reduced to one verdict per person;
* :mod:`charter.gate.requirements` - each event mapped to its rule and to the approvals it needs,
  computed from the **base** state only;
* :mod:`charter.gate.evaluate` - requirements matched against verdicts: the report;
* :mod:`charter.gate.render` - the report as text, Markdown, JSON or workflow annotations;
* :mod:`charter.gate.source` - base and head read from git objects (never checked out);
* :mod:`charter.gate.github_pr` - the pull request read through PyGithub.
"""
