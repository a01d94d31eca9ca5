"""Flask routes beside the Dash pages, each checked against the signed-in user's scope through
the data-access layer: the recording of a contact (HTTP range requests, for seeking; redacted
words silenced), CSV
exports, the admin's user forms, and the local Bootstrap stylesheet."""
from __future__ import annotations

import csv
import io
import logging
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, redirect, request, send_file

from dashboard.access import Forbidden
from opstore.access_log import log_access
from opstore.users import UserError, add_user, remove_user, set_password

log = logging.getLogger(__name__)

AUDIO_TYPES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".opus": "audio/ogg",
               ".flac": "audio/flac", ".m4a": "audio/mp4"}


def resolve_audio(stored: str | None, contact_id: str, audio_root: Path | None) -> Path | None:
    """The recording file: the warehouse's path (absolute, or under `audio_root`), else
    `audio_root/<contact_id>.<ext>`. Never a path outside `audio_root` for a relative one."""
    candidates: list[Path] = []
    if stored:
        p = Path(stored)
        if p.is_absolute():
            candidates.append(p)
        elif audio_root is not None:
            candidates.append(audio_root / p)
    if audio_root is not None and "/" not in contact_id and "\\" not in contact_id and ".." not in contact_id:
        candidates += [audio_root / f"{contact_id}{ext}" for ext in AUDIO_TYPES]
    for c in candidates:
        try:
            r = c.resolve()
        except OSError:
            continue
        if audio_root is not None and not c.is_absolute() and audio_root.resolve() not in r.parents:
            continue
        if r.is_file() and r.suffix.lower() in AUDIO_TYPES:
            return r
    return None


def _day(v: str | None) -> date | None:
    try:
        return date.fromisoformat(v) if v else None
    except ValueError:
        return None


def _csv(df: Any, name: str) -> Response:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(list(df.columns))
    for row in df.itertuples(index=False):
        # A leading = + - @ would be a formula in a spreadsheet: neutralise it.
        w.writerow([("'" + v) if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def install_routes(server: Flask, ctx: Any) -> None:
    @server.route("/static/bootstrap.min.css")
    def bootstrap_css() -> Any:
        p = Path(ctx.options.bootstrap_css)
        if not p.is_file():
            return Response("/* Bootstrap not installed (Debian libjs-bootstrap5) */", mimetype="text/css")
        return send_file(p, mimetype="text/css", max_age=86400)

    @server.route("/audio/<contact_id>")
    def audio(contact_id: str) -> Any:
        acc = ctx.access()
        try:
            allowed, stored = acc.audio_source(
                contact_id, _day(request.args.get("d")),
                ctx.library_ids() if g.user.role == "trainer" else ())
        except Forbidden:
            allowed, stored = False, None
        path = resolve_audio(stored, contact_id, ctx.options.audio_root) if allowed else None
        if path is None:
            abort(404)
        if request.headers.get("Range", "").startswith("bytes=0-") or "Range" not in request.headers:
            log_access(ctx.store, g.user, contact_id, "audio", request.remote_addr)
        # Redacted words are silenced in what is played (warehouse.audio_silence); a recording
        # with nothing to silence is sent as stored. Conditional + range responses (206,
        # Content-Range, Accept-Ranges) from werkzeug either way.
        silence = acc.audio_silence(contact_id)
        if silence:
            from coaching.media import silenced_wav

            return send_file(io.BytesIO(silenced_wav(path, silence)), mimetype="audio/wav", conditional=True,
                             max_age=0, download_name=f"{contact_id}.wav", etag=False)
        return send_file(path, mimetype=AUDIO_TYPES[path.suffix.lower()], conditional=True, max_age=0)

    @server.route("/export/<kind>.csv")
    def export(kind: str) -> Any:
        acc = ctx.access()
        args = {k: request.args.getlist(k) for k in ("language", "channel", "team", "queue", "agent_id")}
        d0, d1 = _day(request.args.get("from")), _day(request.args.get("to"))
        try:
            if kind == "csat":
                df = acc.csat(args, group_by=("language", "channel"), period="week", date_from=d0, date_to=d1)
            elif kind == "contacts":
                df = acc.contacts(args, d0, d1).drop(columns=["comment"], errors="ignore")
                for cid in df["contact_id"] if not df.empty else ():
                    log_access(ctx.store, g.user, str(cid), "export", request.remote_addr)
            else:
                abort(404)
        except Forbidden:
            abort(403)
        return _csv(df, f"{kind}.csv")

    @server.route("/reports/<name>")
    def report(name: str) -> Any:
        """A coaching report: a team leader's teams and their agents, an agent's own."""
        from dashboard.pages.coaching_panels import report_files

        root = ctx.options.reports_dir
        if root is None:
            abort(404)
        if name in ("plotly.min.js", "report-charts.js") and g.user.role in ("team_leader", "agent"):
            allowed = [name]
        elif g.user.role == "team_leader":
            allowed = report_files(root, tuple(g.user.teams), [a for a, _ in ctx.access().team_agents()])
        elif g.user.role == "agent" and g.user.agent_id:
            allowed = report_files(root, (), [g.user.agent_id])
        else:
            allowed = []
        if name not in allowed or not (Path(root) / name).is_file():
            abort(404)
        mimetype = "text/javascript" if name.endswith(".js") else None  # nosniff: the type must be right
        return send_file(Path(root) / name, max_age=0, mimetype=mimetype)

    @server.route("/admin/users", methods=["POST"])
    def admin_users() -> Any:
        if g.user.role != "admin":
            abort(403)
        f = request.form
        action, username = f.get("action"), (f.get("username") or "").strip()
        try:
            if action == "add":
                add_user(ctx.store, username, f.get("password") or "", f.get("role") or "",
                         agent_id=(f.get("agent_id") or "").strip() or None,
                         teams=[x.strip() for x in (f.get("teams") or "").split(",")], options=ctx.options.passwords)
            elif action == "remove" and username != g.user.username:
                remove_user(ctx.store, username)
            elif action == "passwd":
                set_password(ctx.store, username, f.get("password") or "", ctx.options.passwords)
            else:
                abort(400)
        except UserError as exc:
            return Response(f"{exc}", status=400, mimetype="text/plain")
        return redirect("/admin", code=303)

