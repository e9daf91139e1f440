"""The ecosystem lifecycle (docs/rules.md: ECO-*): intake, review queue, votes, periodic re-review.

Pure parts (``form``, ``queue``, ``vote``, ``review``) compute from the loaded state and the
answers GitHub gave; the edges (``records`` writes files, ``fetch`` reads GitHub, ``notify``
writes issues) are kept in their own modules.
"""
