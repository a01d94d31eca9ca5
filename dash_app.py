"""The dashboard's entry point (the app itself lives in the `dashboard` package).

    python dash_app.py --db wh.duckdb [--store sqlite:///op.db] [--host 127.0.0.1] [--port 8050]

is the same as `meeluister dashboard ...`. Nothing is loaded at import time."""
from __future__ import annotations


def main() -> None:
    from meeluister.cli import app

    import sys
    app(["dashboard", *sys.argv[1:]])


if __name__ == "__main__":
    main()
