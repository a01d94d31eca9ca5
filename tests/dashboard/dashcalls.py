"""Calling Dash callbacks by hand, as a browser (or an attacker) would: POST
/_dash-update-component with the inputs named in /_dash-dependencies."""
from __future__ import annotations

import json
import re
from typing import Any


def outputs_of(dep: dict[str, Any]) -> list[dict[str, str]]:
    out = dep["output"]
    if out.startswith(".."):
        parts = [p for p in out.strip(".").split("...")]
    else:
        parts = [out]
    res = []
    for p in parts:
        ident, prop = p.rsplit(".", 1)
        res.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return res


def payload(dep: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The request body for `dep` with input values by "id.property" (missing ones: None)."""
    outs = outputs_of(dep)
    inputs = []
    for i in dep["inputs"]:
        key = f"{i['id']}.{i['property']}"
        inputs.append({"id": i["id"], "property": i["property"], "value": values.get(key)})
    state = [{"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")}
             for s in dep.get("state", [])]
    return {"output": dep["output"], "outputs": outs if dep["output"].startswith("..") else outs[0],
            "inputs": inputs, "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]][:1],
            "state": state}


def call(client: Any, dep: dict[str, Any], values: dict[str, Any], base: str = "") -> Any:
    """POST the callback; `client` is a requests.Session (or Flask test client with base '')."""
    body = payload(dep, values)
    headers = {"Content-Type": "application/json"}
    if hasattr(client, "post") and base:
        return client.post(base + "/_dash-update-component", data=json.dumps(body), headers=headers)
    return client.post("/_dash-update-component", data=json.dumps(body), headers=headers)


def csrf_from(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(app: Any, username: str, password: str) -> tuple[Any, dict[str, dict[str, Any]]]:
    """A Flask test client signed in through the login form (CSRF token included), and the
    app's callbacks by output, from /_dash-dependencies."""
    client = app.server.test_client()
    r = client.get("/login")
    r = client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_from(r.text)})
    assert r.status_code == 303
    return client, {d["output"]: d for d in client.get("/_dash-dependencies").get_json()}
