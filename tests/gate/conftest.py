"""Fixtures for the gate's tests (defined in gate_helpers and gate_memory, which the tests also
import)."""

from gate_helpers import _no_github_waits, fake_github, org  # noqa: F401
from gate_memory import mem  # noqa: F401
