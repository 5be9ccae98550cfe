"""Serve the dashboard to many users: nginx in front of N read-only Streamlit replicas on one database.

    uv run --frozen python deploy/serve.py [--replicas 2] [--port 8080] [--db data/xxgk.duckdb]
                                           [--admin-port 0] [--run-dir deploy/run] [--render-only]

`make serve` runs this. Each replica is `streamlit run app.py` on its own loopback port, reading the
database file (`XXGK_DB`) and started without the admin password, so its import page is closed: the
replicas only read. The one writer is `python -m xxgk ingest` (the writer lock of xxgk.database admits one
at a time; readers see each publish at their next query), or, with `--admin-port`, one more dashboard
process with the admin password on a loopback port that nginx does not expose (reach it through an SSH
tunnel). nginx (Debian's package) runs as this script's child with `daemon off`, its config rendered from
deploy/nginx.conf into the run folder with every pid, log and temp path there. Ctrl-C or SIGTERM stops
nginx, then the replicas; if any of them dies, the rest are stopped and the exit status is 1.
See docs/deploy.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TEMP_DIRS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def static_dir() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static" / "static"


def others_can_read(path: Path) -> bool:
    """Whether a process of another user (nginx's workers run as nobody) can reach and list `path`."""
    for d in (path, *path.parents):
        mode = d.stat().st_mode
        if not mode & 0o001 or (d == path and not mode & 0o004):
            return False
    return True


def served_static(run: Path) -> Path:
    """The folder nginx serves /static/ from: the installed package's assets, or, where nginx's workers
    cannot reach them (the project sits under a folder closed to other users, such as one made by
    `mktemp -d`), a copy in the run folder (hard links where the file system allows)."""
    static = static_dir()
    if os.geteuid() != 0 or others_can_read(static):
        return static
    copy = run / "static"
    if not copy.is_dir():
        def link(src: str, dst: str) -> None:
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)

        shutil.copytree(static, copy, copy_function=link)
    for d in (copy, *(p for p in copy.rglob("*") if p.is_dir())):
        d.chmod(0o755)
    return copy


def render(run: Path, listen: str, ports: list[int], *, body_mb: int = 51, page_rate: int = 20,
           page_burst: int = 200, conn_per_ip: int = 400) -> Path:
    """Write the nginx config for `ports` into `run` (with its temp folders); its path."""
    run.mkdir(parents=True, exist_ok=True)
    root_user = os.geteuid() == 0
    for d in TEMP_DIRS:
        (run / "tmp" / d).mkdir(parents=True, exist_ok=True)
        if root_user:  # workers run as nobody when the master is root
            os.chown(run / "tmp" / d, 65534, 65534)
    values = {
        "RUN": str(run), "LISTEN": listen, "BODY_MB": str(body_mb), "PAGE_RATE": str(page_rate),
        "PAGE_BURST": str(page_burst), "CONN_PER_IP": str(conn_per_ip), "STATIC": str(served_static(run)),
        "USER": "user nobody nogroup;" if root_user else "",
        "UPSTREAMS": "\n".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in ports),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    conf = run / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def nginx_command(run: Path) -> list[str]:
    return [NGINX, "-p", str(run), "-c", str(run / "nginx.conf"), "-e", str(run / "error.log"), "-g", "daemon off;"]


def replica(port: int, db: Path, log: Path, password: str = "",
            extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:`port` against `db`, output appended to `log`.

    Without `password` the process gets no admin password, whatever this process's environment holds.
    Also used by tests/browser/harness.py, so the tests run the dashboard exactly as `make serve` does."""
    env = {k: v for k, v in os.environ.items() if k != "XXGK_ADMIN_PASSWORD"}
    env["XXGK_DB"] = str(db)
    if password:
        env["XXGK_ADMIN_PASSWORD"] = password
    env.update(extra_env or {})
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.3)


def stop(procs: list[subprocess.Popen]) -> None:
    """SIGTERM each (nginx first: it is listed first), then wait; SIGKILL what does not stop in 15 s."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + 15
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicas", type=int, default=os.cpu_count() or 2, help="Streamlit processes (default: cores)")
    ap.add_argument("--port", type=int, default=8080, help="nginx's port (on --listen)")
    ap.add_argument("--listen", default="127.0.0.1", help="address nginx listens on")
    ap.add_argument("--base-port", type=int, default=8601, help="first replica's loopback port")
    ap.add_argument("--db", default=None, help="database file (default: the db setting, XXGK_DB)")
    ap.add_argument("--admin-port", type=int, default=0,
                    help="also run the one writing dashboard (import page open) on this loopback port, not proxied")
    ap.add_argument("--run-dir", default=str(ROOT / "deploy" / "run"), help="nginx config, pid, logs, temp files")
    ap.add_argument("--body-mb", type=int, default=51, help="largest request body nginx accepts, in MB")
    ap.add_argument("--page-rate", type=int, default=20, help="page requests a second per client address")
    ap.add_argument("--render-only", action="store_true", help="write the nginx config and exit")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from xxgk import settings

    run = Path(args.run_dir).resolve()
    db = settings.db_path(args.db)
    ports = [args.base_port + i for i in range(args.replicas)]
    render(run, f"{args.listen}:{args.port}", ports, body_mb=args.body_mb, page_rate=args.page_rate)
    check = subprocess.run([*nginx_command(run)[:-2], "-t", "-q"], capture_output=True, text=True)
    if check.returncode != 0:
        print(f"nginx 配置无效：{check.stderr.strip()}", file=sys.stderr)
        return 1
    if args.render_only:
        print(run / "nginx.conf")
        return 0

    procs: list[subprocess.Popen] = []
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        for p in ports:
            procs.append(replica(p, db, run / f"replica-{p}.log"))
        if args.admin_port:
            procs.append(replica(args.admin_port, db, run / f"admin-{args.admin_port}.log",
                                 settings.get("admin_password")))
        for p, proc in zip(ports, procs, strict=False):
            wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", proc)
        nginx = subprocess.Popen(nginx_command(run), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        procs.insert(0, nginx)  # stopped first: no request reaches a replica that is stopping
        wait_healthy(f"http://127.0.0.1:{args.port}/_stcore/health", nginx, timeout=30)
        print(f"xxgk: http://{args.listen}:{args.port} (nginx, {len(ports)} replicas on ports "
              f"{ports[0]}–{ports[-1]}; database {db})" +
              (f"; import page: http://127.0.0.1:{args.admin_port}" if args.admin_port else ""), flush=True)
        while not stopping:
            dead = [p for p in procs if p.poll() is not None]
            if dead:
                print(f"xxgk serve: a process exited ({dead[0].args[0]}, status {dead[0].returncode}); "
                      f"stopping the rest. Logs: {run}", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    except RuntimeError as e:
        print(f"xxgk serve: {e}. Logs: {run}", file=sys.stderr)
        return 1
    finally:
        stop(procs)

if __name__ == "__main__":
    sys.exit(main())
