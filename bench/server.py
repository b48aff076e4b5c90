"""Serve one benchmark database with gunicorn as in production, and talk to it over loopback."""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.databases import ROOT

BIN = ROOT / ".venv" / "bin"
# One key per run: sessions made by bench.prepare are valid on the servers of the same run.
RUN_SECRET = secrets.token_urlsafe(50)
# The generator signs statements and approvals with the dev key (it runs as `mrplan` in dev);
# the server checks them with the same key, or they would all look tampered with.
GENERATOR_KEY = ROOT / "var" / "dev-attestation-key"


def attestation_key() -> str:
    if GENERATOR_KEY.exists():
        return GENERATOR_KEY.read_text(encoding="utf-8").strip()
    return secrets.token_urlsafe(50)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(
    database_url: str, *, cache: dict[str, str], static_root: Path
) -> dict[str, str]:
    """The environment of a production server (docs/operations.md) on loopback, plus the
    benchmark headers. TLS is not in the loop, so the HTTPS redirect and secure cookies are off."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "MRPLAN_"))
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "MRPLAN_ENV": "production",
            "DEBUG": "0",
            "SECRET_KEY": RUN_SECRET,
            "MRPLAN_ATTESTATION_KEY": attestation_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "STATIC_ROOT": str(static_root),
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
            "MRPLAN_BENCH_HEADERS": "1",
            "LOG_LEVEL": "WARNING",
            "MRPLAN_VAR_DIR": str(ROOT / "var" / "bench"),
            **cache,
        }
    )
    return env


class Server:
    """gunicorn mrplan.wsgi on 127.0.0.1:<free port>, WEB_CONCURRENCY sync workers."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        workers = self.env["WEB_CONCURRENCY"]
        out = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "mrplan.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                workers,
                "--access-logfile",
                str(self.log.with_suffix(".access.log")),
                "--no-control-socket",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}; see {self.log}"
                )
            try:
                if get(self.port, "/healthz").status == 200 and len(self.worker_pids()) >= int(
                    workers
                ):
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer /healthz within 90 s; see {self.log}")

    def __exit__(self, *exc: Any) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the processes whose parent is the master."""
        assert self.process is not None
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...; comm may hold spaces, so split after the last ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_rss_mb(self) -> list[float]:
        """VmRSS of each worker, in MB (from /proc/<pid>/status)."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes


class Answer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes, seconds: float) -> None:
        self.status = status
        self.headers = headers
        self.size = len(body)
        self.seconds = seconds

    @property
    def queries(self) -> int | None:
        value = self.headers.get("x-mrplan-queries")
        return int(value) if value is not None else None

    @property
    def server_ms(self) -> float | None:
        return parse_server_timing(self.headers.get("server-timing", "")).get("app")

    @property
    def db_ms(self) -> float | None:
        return parse_server_timing(self.headers.get("server-timing", "")).get("db")


def parse_server_timing(value: str) -> dict[str, float]:
    """{"app": 12.3, "db": 4.5} from "app;dur=12.3, db;dur=4.5" (unknown parts skipped)."""
    timings = {}
    for part in value.split(","):
        name, _sep, rest = part.strip().partition(";")
        for param in rest.split(";"):
            key, _eq, number = param.strip().partition("=")
            if key == "dur" and name:
                with contextlib.suppress(ValueError):
                    timings[name] = float(number)
    return timings


def get(port: int, path: str, cookie: str = "", timeout: float = 120) -> Answer:
    """GET PATH over a fresh loopback connection (no redirects followed)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "identity"}
    if cookie:
        headers["Cookie"] = cookie
    start = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - start
    return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body, seconds)
