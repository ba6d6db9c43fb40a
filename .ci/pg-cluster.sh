# Throwaway PostgreSQL cluster (Debian's packaged major version, 15 or newer) for the server-mode tests (issue 16). Source it, then call
#   pg_cluster_start   -> exports STODAPP_TEST_PG_URL, STODAPP_TEST_PG_PASSWORD_FILE, STODAPP_TEST_PG_BIN
#   pg_cluster_stop    -> stops the cluster and removes its directory
# initdb/pg_ctl refuse to run as root, so as root the cluster belongs to an unprivileged system user.
# The cluster listens on 127.0.0.1 (a free port) and a private unix socket dir; every login needs SCRAM.

pg_cluster_bin() {
  # The newest installed server's bin dir (Debian installs /usr/lib/postgresql/<major>/bin).
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_cluster_install() {
  if [ -z "$(pg_cluster_bin)" ] || [ ! -x "$(pg_cluster_bin)/initdb" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The distribution's default major version (postgresql-15 on bookworm, newer on later releases).
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
}

pg_cluster_start() {
  local bin owner port
  bin=$(pg_cluster_bin)
  PG_CLUSTER_DIR=$(mktemp -d /tmp/stodapp-pg.XXXXXX)
  chmod 0711 "$PG_CLUSTER_DIR"
  if [ "$(id -u)" = 0 ]; then
    owner=stodapp-ci
    id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
    PG_AS=(runuser -u "$owner" --)
  else
    owner=$(id -un)
    PG_AS=()
  fi
  python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$PG_CLUSTER_DIR/superpass"
  chmod 0644 "$PG_CLUSTER_DIR/superpass"
  mkdir -p "$PG_CLUSTER_DIR/sock" "$PG_CLUSTER_DIR/log"
  chown "$owner" "$PG_CLUSTER_DIR/sock" "$PG_CLUSTER_DIR/log"
  mkdir -p "$PG_CLUSTER_DIR/data"
  chown "$owner" "$PG_CLUSTER_DIR/data"
  chmod 0700 "$PG_CLUSTER_DIR/data"
  "${PG_AS[@]}" "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U stodapp_super --auth=scram-sha-256 \
    --pwfile="$PG_CLUSTER_DIR/superpass" -E UTF8 --locale=C >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$PG_CLUSTER_DIR/initdb.log"; return 1; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/log/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_CLUSTER_DIR/sock \
        -c max_connections=120 -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_CLUSTER_DIR/log/server.log"; return 1; }
  export STODAPP_TEST_PG_URL="postgresql://stodapp_super@127.0.0.1:$port/postgres"
  export STODAPP_TEST_PG_PASSWORD_FILE="$PG_CLUSTER_DIR/superpass"
  export STODAPP_TEST_PG_BIN="$bin"
  export STODAPP_TEST_PG_DATA="$PG_CLUSTER_DIR/data"
  export STODAPP_TEST_PG_AS="${PG_AS[*]}"
}

pg_cluster_stop() {
  if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR/data" ]; then
    "${PG_AS[@]}" "$(pg_cluster_bin)/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER_DIR"
  fi
}
