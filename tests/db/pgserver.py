"""A throwaway PostgreSQL server a test can stop and start again on the same data folder (the
connection-loss tests), optionally with password logins (the Korean login errors). Same tools as
tests/db/conftest.py's session-wide `pg_url`; reached over a Unix socket in its own folder, or over
TCP on 127.0.0.1 when `tcp` (a port of its own), with SSL offered when `ssl` (a self-signed
certificate made by openssl)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.db.conftest import _pg_bin

PORT = 54329


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, *, password: str = "", tcp: bool = False, ssl: bool = False) -> None:
        self.initdb, self.pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        self.base = Path(tempfile.mkdtemp(prefix="pledgecard-pglive-"))
        self.data, self.sock = self.base / "data", self.base / "sock"
        self.sock.mkdir()
        self.port = free_port() if tcp else PORT
        self.tcp = tcp
        self.ssl = ssl
        openssl = require_tool("openssl") if ssl else ""
        self.run_as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: the server runs as postgres
            runuser = shutil.which("runuser")
            if runuser is None:
                pytest.skip("running as root without runuser")
            shutil.chown(self.base, "postgres")
            shutil.chown(self.sock, "postgres")
            self.run_as = [runuser, "-u", "postgres", "--"]
        auth = ["--auth=trust"]
        if password:
            pwfile = self.base / "pw"
            pwfile.write_text(password + "\n", encoding="utf-8")
            if self.run_as:
                shutil.chown(pwfile, "postgres")
            auth = ["--auth=scram-sha-256", f"--pwfile={pwfile}"]
        try:
            subprocess.run([*self.run_as, self.initdb, "-D", str(self.data), "-U", "pledge", *auth, "-E", "UTF8",
                            "--locale=C.UTF-8"], check=True, capture_output=True, timeout=120)
            if ssl:
                self._certificate(openssl)
            self.start()
        except BaseException:
            self.destroy()
            raise

    def _certificate(self, openssl: str) -> None:
        crt, key = self.data / "server.crt", self.data / "server.key"
        subprocess.run([openssl, "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
                        "-newkey", "rsa:2048", "-keyout", str(key), "-out", str(crt)],
                       check=True, capture_output=True, timeout=120)
        key.chmod(0o600)  # the server refuses a key others can read
        if self.run_as:
            shutil.chown(crt, "postgres")
            shutil.chown(key, "postgres")

    @property
    def url(self) -> str:
        if self.tcp:
            return f"postgresql+pg8000://pledge@127.0.0.1:{self.port}/postgres"
        return f"postgresql+pg8000://pledge@/postgres?unix_sock={self.sock}/.s.PGSQL.{self.port}"

    def start(self) -> None:
        listen = "'127.0.0.1'" if self.tcp else "''"
        opts = f"-k {self.sock} -c listen_addresses={listen} -p {self.port} -c fsync=off"
        if self.ssl:
            opts += " -c ssl=on"
        subprocess.run([*self.run_as, self.pg_ctl, "-D", str(self.data), "-o", opts, "-w", "-l",
                        str(self.base / "log"), "start"], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        subprocess.run([*self.run_as, self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"],
                       check=True, capture_output=True, timeout=120)

    def destroy(self) -> None:
        subprocess.run([*self.run_as, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.base, ignore_errors=True)
