"""nginx in front of N Streamlit processes: the configuration, generated from the layout.

    python -m navigator.serving.nginx --listen 8500 --app 8601 --app 8602 --run-dir var/serve > var/serve/nginx.conf
    python -m navigator.serving.nginx --site --listen 8500 --app 8601 --app 8602 > /etc/nginx/conf.d/navigator.conf

What the configuration does, and why:
- Websockets: Streamlit talks to the browser over `/_stcore/stream`; nginx passes the `Upgrade` and `Connection`
  headers on, and keeps the connection open for an hour without traffic.
- Sticky sessions: a session lives in the one process that holds its websocket (and its download, under `/media`).
  nginx gives each browser a random server cookie (`navigator_server`, no value about the visitor, gone when the
  browser closes) and routes by a consistent hash of it. Kiosks behind one NAT share an address, so hashing on the
  address (`ip_hash`) would send a whole library to one process; the cookie spreads them.
- Health: a process that refuses connections or times out is taken out for `fail_timeout` seconds after
  `max_fails` failures (passive checks; open-source nginx has no active ones — scripts/serve.sh and the systemd units
  restart a process that dies), and the request goes to the next one. `/_stcore/health` answers through the proxy.
- Per-address limits on `/_stcore/stream`, where every new websocket is a new Streamlit session and a full script
  run: at most `streams_per_address` open websockets per client address, and new ones at `new_streams_per_minute`
  after a burst of `new_streams_burst` (a client cut off for an oversized message reconnects at once, and each
  reconnection costs a rerun: this is what stops that churn). Past a limit nginx answers 429 and the browser retries.
  Generous on purpose: a library's kiosks, or phones behind a carrier's NAT, share one address; a reconnection wave
  after a process is lost is inside the burst. `exempt` addresses or networks (a load test on loopback, a trusted
  front proxy) are not limited. Page loads and static files are not limited.
- Privacy: no access log (it would hold addresses); the error log keeps critical lines only. The limits' zones hold
  addresses in memory only, for as long as their counters run.
"""

from __future__ import annotations

import argparse
import ipaddress
import textwrap
from dataclasses import dataclass
from pathlib import Path

COOKIE = "navigator_server"


@dataclass(frozen=True)
class Layout:
    """Where the proxy listens, the app processes behind it, and the folder for its pid, log and buffers."""

    listen_port: int
    #: Each app process: a port on `app_host`, or "host:port" for a process on another machine.
    app_ports: tuple[int | str, ...]
    run_dir: Path
    listen_host: str = "127.0.0.1"
    app_host: str = "127.0.0.1"
    max_fails: int = 2
    fail_timeout_s: int = 10
    #: The user nginx's workers run as when it is started as root (None: started as an ordinary user).
    user: str | None = None
    worker_processes: int | str = "auto"
    error_log_level: str = "crit"
    #: Open websockets (sessions) per client address at once.
    streams_per_address: int = 100
    #: New websockets per client address: the sustained rate, and how many may come at once above it.
    new_streams_per_minute: int = 120
    new_streams_burst: int = 100
    #: Addresses or networks (CIDR) the per-address limits do not apply to.
    exempt: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.app_ports:
            raise ValueError("at least one app process is needed")
        if len(set(self.addresses)) != len(self.addresses) or f"{self.listen_host}:{self.listen_port}" in self.addresses:
            raise ValueError("every process needs its own address, distinct from the proxy's")
        if min(self.streams_per_address, self.new_streams_per_minute, self.new_streams_burst) < 1:
            raise ValueError("the per-address limits must be at least 1")
        for network in self.exempt:
            ipaddress.ip_network(network, strict=False)  # ValueError for anything but an address or a network

    @property
    def addresses(self) -> tuple[str, ...]:
        """host:port of each app process."""
        return tuple(f"{self.app_host}:{p}" if isinstance(p, int) else p for p in self.app_ports)


def _proxied(websocket: bool) -> str:
    """A location's body: HTTP/1.1 to the processes (kept-alive connections), or the websocket upgrade."""
    if websocket:
        connection = (
            "        proxy_set_header Upgrade $http_upgrade;\n"
            "        proxy_set_header Connection $connection_upgrade;\n"
            "        proxy_read_timeout 3600s;\n"
            "        proxy_send_timeout 3600s;\n"
        )
    else:
        connection = '        proxy_set_header Connection "";\n'
    return (
        "        proxy_pass http://navigator;\n"
        "        proxy_http_version 1.1;\n"
        "        proxy_set_header Host $http_host;\n"
        "        proxy_set_header X-Forwarded-Proto $scheme;\n"
        f"{connection}"
        "        add_header Set-Cookie $navigator_new_cookie always;\n"
    )


def _limits(layout: Layout) -> str:
    """The per-address limits' zones (in `http`): the key is the client's address, empty (not counted) when exempt."""
    exempt = "".join(f"    {ipaddress.ip_network(n, strict=False)} 0;\n" for n in layout.exempt)
    return f"""# Per-address limits on new sessions (websockets); exempt addresses get an empty key, which nginx does not count.
geo $navigator_limited {{
    default 1;
{exempt}}}
map $navigator_limited $navigator_limit_key {{
    0 "";
    default $binary_remote_addr;
}}
limit_conn_zone $navigator_limit_key zone=navigator_streams:10m;
limit_req_zone $navigator_limit_key zone=navigator_new_streams:10m rate={layout.new_streams_per_minute}r/m;
"""


def site_config(layout: Layout) -> str:
    """What goes inside nginx's `http` block: the maps, the upstream and the server. Alone, it is a site file for
    a system nginx (Debian's /etc/nginx/conf.d/navigator.conf; see deploy/)."""
    servers = "".join(
        f"    server {address} max_fails={layout.max_fails} fail_timeout={layout.fail_timeout_s}s;\n" for address in layout.addresses
    )
    return f"""map $http_upgrade $connection_upgrade {{
    default upgrade;
    "" "";
}}
# Sticky sessions: a random cookie per browser (not the address: kiosks behind one NAT share it).
map $cookie_{COOKIE} $navigator_affinity {{
    "" $request_id;
    default $cookie_{COOKIE};
}}
map $cookie_{COOKIE} $navigator_new_cookie {{
    "" "{COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax";
    default "";
}}
{_limits(layout)}
upstream navigator {{
    hash $navigator_affinity consistent;
{servers}    keepalive 32;
}}

server {{
    listen {layout.listen_host}:{layout.listen_port};
    access_log off;
    client_max_body_size 1m;
    server_tokens off;
    proxy_next_upstream error timeout http_502 http_503 http_504;
    proxy_next_upstream_tries 3;
    proxy_connect_timeout 2s;

    location / {{
{_proxied(websocket=False)}    }}

    location /_stcore/stream {{
        limit_conn navigator_streams {layout.streams_per_address};
        limit_req zone=navigator_new_streams burst={layout.new_streams_burst} nodelay;
        limit_conn_status 429;
        limit_req_status 429;
{_proxied(websocket=True)}    }}
}}
"""


def nginx_config(layout: Layout) -> str:
    """The whole nginx.conf for `layout` (started with `nginx -p <run_dir> -c <this file>`)."""
    run = Path(layout.run_dir).resolve()
    user = f"user {layout.user};\n" if layout.user else ""
    return f"""# Generated by navigator.serving.nginx for {len(layout.app_ports)} app process(es): do not edit, generate again.
{user}worker_processes {layout.worker_processes};
pid {run}/nginx.pid;
error_log {run}/error.log {layout.error_log_level};
daemon off;

events {{
    worker_connections 4096;
}}

http {{
    access_log off;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;

{textwrap.indent(site_config(layout), "    ")}}}
"""


def _app(text: str) -> int | str:
    """A port, or host:port."""
    host, _, port = text.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536 or (host == "" and ":" in text):
        raise argparse.ArgumentTypeError(f"not a port or host:port: {text!r}")
    return f"{host}:{int(port)}" if host else int(port)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print nginx's configuration for N app processes.")
    parser.add_argument("--listen", type=int, required=True, help="the proxy's port")
    parser.add_argument("--listen-host", default="127.0.0.1")
    parser.add_argument("--app", type=_app, action="append", required=True, help="an app process: its port, or host:port (repeat)")
    parser.add_argument("--app-host", default="127.0.0.1")
    parser.add_argument("--run-dir", type=Path, default=Path("."), help="folder for the pid, log and buffers")
    parser.add_argument("--user", help="workers' user when nginx starts as root (e.g. www-data)")
    parser.add_argument("--exempt", action="append", default=[], help="an address or network (CIDR) not limited per address (repeat)")
    parser.add_argument("--streams-per-address", type=int, default=Layout.streams_per_address, help="open websockets per address")
    parser.add_argument("--new-streams-per-minute", type=int, default=Layout.new_streams_per_minute, help="new websockets per address")
    parser.add_argument("--new-streams-burst", type=int, default=Layout.new_streams_burst, help="new websockets at once above the rate")
    parser.add_argument("--site", action="store_true", help="only the site (for a system nginx's conf.d), not a whole nginx.conf")
    args = parser.parse_args(argv)
    try:
        layout = Layout(
            args.listen,
            tuple(args.app),
            args.run_dir,
            args.listen_host,
            args.app_host,
            user=args.user,
            streams_per_address=args.streams_per_address,
            new_streams_per_minute=args.new_streams_per_minute,
            new_streams_burst=args.new_streams_burst,
            exempt=tuple(args.exempt),
        )
    except ValueError as error:
        parser.error(str(error))
    print(site_config(layout) if args.site else nginx_config(layout), end="")


if __name__ == "__main__":
    main()
