"""qa stage (see its README section in docs/)."""
from __future__ import annotations
