#!/usr/bin/env bash
# Installs (on Debian/Ubuntu, when missing) and starts the services the integration tests use:
# PostgreSQL on 127.0.0.1:5432 and nats-server with JetStream on 127.0.0.1:4222; also installs
# HAProxy (not started: ClusterFaultsIT runs one of its own in front of three servers), and Chromium
# with its driver for the browser tests (BrowserTillIT, BackOfficeBrowserIT drive it headless).
#   scripts/services.sh start    install if needed, start if down, wait until both answer
#   scripts/services.sh status   say which are up
set -euo pipefail

PG_PORT=${DB_PORT:-5432}
NATS_PORT=4222

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/"$PG_PORT") 2>/dev/null; }
nats_up() { (exec 3<>/dev/tcp/127.0.0.1/"$NATS_PORT") 2>/dev/null; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  if command -v apt-get >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    echo "services.sh: please install $* with your package manager" >&2
    return 1
  fi
}

start_pg() {
  pg_up && return 0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "services.sh: installing PostgreSQL" >&2
    apt_install postgresql
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
}

start_nats() {
  nats_up && return 0
  if [ ! -x /usr/sbin/nats-server ] && ! command -v nats-server >/dev/null 2>&1; then
    echo "services.sh: installing nats-server" >&2
    apt_install nats-server
  fi
  local bin
  bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  as_root mkdir -p /var/lib/nats-server
  as_root start-stop-daemon --start --oknodo --background --exec "$bin" -- \
    -a 127.0.0.1 -p "$NATS_PORT" -js -sd /var/lib/nats-server -l /var/log/nats-server.log
}

ensure_haproxy() {
  if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
    return 0
  fi
  echo "services.sh: installing HAProxy" >&2
  if apt_install haproxy; then
    return 0
  fi
  if [[ "${CI:-}" == "true" ]]; then
    echo "services.sh: HAProxy could not be installed; CI needs it (ClusterFaultsIT)" >&2
    return 1
  fi
  echo "services.sh: HAProxy could not be installed; ClusterFaultsIT's HAProxy part will be skipped" >&2
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return 0
  fi
  echo "services.sh: installing Chromium and its driver (for the browser tests)" >&2
  if apt_install chromium chromium-driver; then
    return 0
  fi
  if [[ "${CI:-}" == "true" ]]; then
    echo "services.sh: Chromium could not be installed; CI needs it (BrowserTillIT, BackOfficeBrowserIT)" >&2
    return 1
  fi
  echo "services.sh: Chromium could not be installed; the browser tests will be skipped" >&2
}

wait_for() {
  local name=$1 check=$2
  for _ in $(seq 1 60); do
    if $check; then echo "services.sh: $name is up"; return 0; fi
    sleep 0.5
  done
  echo "services.sh: $name did not come up" >&2
  return 1
}

case "${1:-start}" in
  start)
    start_pg
    start_nats
    ensure_haproxy
    ensure_chromium
    wait_for PostgreSQL pg_up
    wait_for NATS nats_up
    ;;
  status)
    pg_up && echo "PostgreSQL: up" || echo "PostgreSQL: down"
    nats_up && echo "NATS: up" || echo "NATS: down"
    { command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; } && echo "HAProxy: installed" || echo "HAProxy: missing"
    { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } && echo "Chromium: installed" || echo "Chromium: missing"
    ;;
  *)
    echo "usage: $0 start|status" >&2
    exit 2
    ;;
esac
