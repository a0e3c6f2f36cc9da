"""How other kg commands find a `kg serve` that holds a store folder.

Oxigraph's on-disk store has one writer process. While `kg serve` runs it is that
writer; it leaves ``kg-serve.json`` (mode 0600: URL, PID and a random writer token)
in the store folder, and ``kg.stores.open_store`` sends `kg load`, `kg claims`,
`kg query`… for that folder to the server over HTTP instead of opening the folder.
Whoever can read the file can write the folder directly anyway, so the token
grants nothing new; it is accepted for updates even without ``--allow-update``.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "kg-serve.json"


@dataclass(frozen=True)
class ServerInfo:
    url: str  # the SPARQL endpoint
    pid: int
    token: str


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_server(store_dir: str | os.PathLike) -> ServerInfo | None:
    """The server holding ``store_dir``, if its file is there and its process is alive."""
    path = Path(store_dir) / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = ServerInfo(str(data["url"]), int(data["pid"]), str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if info.pid != os.getpid() and _pid_alive(info.pid) else None


def announce(store_dir: Path, url: str) -> ServerInfo:
    """Write the discovery file for this process; returns what it says."""
    info = ServerInfo(url, os.getpid(), secrets.token_urlsafe(32))
    path = store_dir / FILE_NAME
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"url": info.url, "pid": info.pid, "token": info.token}, fh)
    os.replace(tmp, path)
    return info


def withdraw(store_dir: Path) -> None:
    path = Path(store_dir) / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if int(data.get("pid", -1)) == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass
