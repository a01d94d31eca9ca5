"""The dashboard (Dash). Layouts are functions; callbacks call pure figure builders and a query
layer given a connection; nothing is loaded at import time."""
from __future__ import annotations
