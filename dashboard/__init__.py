"""The dashboard: one Dash app per role, every request scoped on the server (docs/dashboard.md).

    from dashboard import DashboardOptions, create_app, serve, create_demo_users
    serve(DashboardOptions(db=Path("wh.duckdb"), store_url="sqlite:///op.db", port=8050))
    create_demo_users(store, "wh.duckdb")   # one login per role, from the warehouse's agents
"""
from __future__ import annotations

from dashboard.app import AppContext, create_app, serve
from dashboard.demo_users import DemoLogin, create_demo_users, demo_people
from dashboard.options import DashboardOptions

__all__ = ["AppContext", "DashboardOptions", "DemoLogin", "create_app", "create_demo_users", "demo_people", "serve"]
