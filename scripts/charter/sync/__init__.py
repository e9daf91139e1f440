"""The state drives GitHub: team sync, identity upkeep and the inactivity sweep.

Data flows one way: the loaded :class:`~charter.model.State` and the ``sync`` section of
``policy.yaml`` give the teams the data implies (:mod:`.desired`); one batched read of the
organisation gives what GitHub holds (:mod:`.observe`); their difference is a plan
(:mod:`.plan`) that the safety limits judge (:mod:`.limits`) before :mod:`.apply` writes it.
Identity upkeep (:mod:`.ids`, :mod:`.rename`) and the inactivity sweep (:mod:`.sweep`, its
proposal in :mod:`.proposal`) read GitHub the same way and propose edits to the governance
files, never to GitHub's teams: locally, or as one pull request (:mod:`.pullreq`). The plan's
renderings and its pull-request comment are :mod:`.render` and :mod:`.comment`.
"""
