"""Importing governance that an organisation already publishes by hand.

Each importer reads one published format into plain records with the source line of every value
(``rst`` for the maintainers page, ``landscape`` for a cncf/landscape2 file), and every change it
makes to what the file says -- a login spelled two ways, a name chosen among variants, a URL
trimmed to ``owner/name`` -- comes back as a :class:`~charter.findings.Finding` on the source
file, never silently. ``plan`` turns the records into a diff against the repository's current
state, which the ``charter import`` command shows before it writes anything.
"""
