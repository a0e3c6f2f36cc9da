"""`kg serve`: a SPARQL 1.1 endpoint over a store folder."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Optional

import typer

from kg.cli.options import StoreOpt, fail
from kg.stores import store_location
from kg.stores.oxigraph import damaged

MIN_WORKER_MEMORY = 128  # MiB: a worker with the store open and a small query answered holds about 100


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, help="TCP port (0 picks a free one)."),
    store: Optional[str] = StoreOpt,
    timeout: float = typer.Option(30.0, help="Seconds a query may run before it is stopped (0: no limit)."),
    max_rows: int = typer.Option(10_000, "--max-rows", help="Row cap per answer; a cut answer says so."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL Update with the bearer token."),
    token: Optional[str] = typer.Option(None, "--token", envvar="KG_SERVE_TOKEN",
                                        help="Bearer token for updates (or $KG_SERVE_TOKEN)."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE (federated queries: the server fetches other URLs)."),
    workers: int = typer.Option(3, help="Query worker processes (queries that run at once)."),
    worker_memory: int = typer.Option(1024, "--worker-memory",
                                      help="MiB of memory a query worker may take; a query needing more is "
                                           "stopped with 503 (0: no limit)."),
    max_query_length: int = typer.Option(100_000, help="Longest query accepted, in characters."),
    max_body: int = typer.Option(1_000_000, help="Largest request body accepted without the token, in bytes."),
    log_level: str = typer.Option("warning", help="uvicorn log level (info shows each request)."),
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at /sparql, with a query workbench (YASGUI) at /."""
    import uvicorn

    from kg.server.app import ServeConfig, ServerState, make_app
    from kg.stores.discovery import announce, running_server, withdraw

    location = store_location(store)
    if location.startswith(("http://", "https://")):
        fail("kg serve serves a store folder; the remote store is an endpoint already")
    path = Path(location)
    if not path.is_dir():
        fail(f"{path}: no kg store here (run `kg load` first)")
    if allow_update and not token:
        fail("--allow-update needs a bearer token: --token TOKEN or $KG_SERVE_TOKEN")
    if workers < 1 or max_rows < 1:
        fail("--workers and --max-rows must be at least 1")
    if worker_memory and worker_memory < MIN_WORKER_MEMORY:
        fail(f"--worker-memory {worker_memory}: a query worker needs at least {MIN_WORKER_MEMORY} MiB to start "
             "(0: no limit)")
    other = running_server(path)
    if other is not None:
        fail(f"{path}: already served by kg serve (PID {other.pid}) at {other.url}")
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    bound_port = sock.getsockname()[1]
    local_host = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else
                                                             (f"[{host}]" if ":" in host else host))
    url = f"http://{local_host}:{bound_port}/sparql"
    config = ServeConfig(store=path, timeout=timeout or None, max_rows=max_rows, allow_update=allow_update,
                         token=token, allow_service=allow_service, workers=workers,
                         worker_memory=worker_memory or None,
                         max_query_length=max_query_length, max_body=max_body, public_url=url)
    state = ServerState(config)
    try:
        state.open()
    except OSError as exc:
        sock.close()
        fail(f"{path}: cannot open the store ({exc}); is a `kg load` writing it? Try again when it is done")
    except RuntimeError as exc:  # RocksDB found the store damaged
        sock.close()
        fail(str(damaged(path, str(exc))))
    closed = []

    def shut_down() -> None:
        # Runs from the app's lifespan (uvicorn re-raises SIGTERM after its shutdown, so a
        # `finally` here would never run) and again below for any other way out; once is enough.
        if not closed:
            closed.append(True)
            withdraw(path)
            state.close()

    try:
        config.local_token = announce(path, url).token
        typer.echo(f"kg serve: SPARQL endpoint at {url} (query workbench at {url[:-len('sparql')]})", err=True)
        server = uvicorn.Server(uvicorn.Config(make_app(state, shut_down), log_level=log_level,
                                               access_log=log_level == "info", lifespan="on",
                                               timeout_graceful_shutdown=5))
        server.run(sockets=[sock])
    finally:
        shut_down()
        sys.stderr.flush()
