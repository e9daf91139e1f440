"""Adopting charter: the files ``charter init`` writes for a new governance repository.

:mod:`~charter.adopt.presets` holds the presets (the shape of an organisation: lead or not,
modules, council, ecosystem); :mod:`~charter.adopt.render` renders the data, the README, the
pull-request template, the ecosystem issue form and the workflows that call charter's reusable
workflows, all from ``templates/`` and all pinned to one release of charter.
"""
