#!/usr/bin/env bash
# docs/check-guides.sh: runs every command of the role guides, as written, against a fresh demo workdir.
#
#   docs/check-guides.sh            # from anywhere; needs Java 17, Maven (./wildex builds its jar), openssl, curl, jq,
#                                   # node + npm (the JavaScript examples install `rhea` and `stompit` into a temp
#                                   # folder), a python3 with Qpid Proton and stomp.py (Debian: python3-qpid-proton,
#                                   # python3-stomp; installed with apt-get when missing and run as root, else it stops),
#                                   # the PostgreSQL client tools (psql, pg_dump, pg_restore, createdb, dropdb) and a
#                                   # PostgreSQL server at PGHOST:PGPORT (default 127.0.0.1:5432) whose PGUSER (default
#                                   # postgres, no password) may create databases
#   KEEP=1 docs/check-guides.sh     # keep the temp folder (workdir, hub log, fetched deliveries) for a look afterwards
#   DEMO_FROM=DIR docs/check-guides.sh   # copy DIR, a workdir a finished `./wildex demo` left, instead of running the
#                                   # demo (saves its minutes when iterating on a guide; a full check runs the demo)
#
# What it does:
#   1. makes a temp folder and picks four free high ports (HTTPS, broker, management; never 5672/1883/8443/61616);
#   2. runs `./wildex demo --workdir TMP/wildex-demo` on those ports: a demo PKI, directory, data and audit trail;
#   3. takes every fenced block whose info string is exactly `sh` from, in this order, docs/guide-operator.md,
#      docs/guide-ngo-analyst.md, docs/guide-agency-officer.md, docs/guide-auditor.md and runs them as ONE bash script
#      from the repository root, with `set -euo pipefail` and the guides' variables (WD, HTTPS_PORT, BROKER_PORT,
#      MGMT_PORT, BACKUP_DIR, JS_DIR, PYTHON) pointing into the temp folder (PYTHON: the python3 that has the libraries),
#      and PG_DB a scratch database name (the operator guide creates it and a restored copy, and drops both; the check
#      drops them too if it stops half-way). Blocks marked `sh no-check` are not run (they need
#      something the check does not have, e.g. PostgreSQL or a git remote); the guides say so next to each one.
#   4. stops on the first command that fails, prints it with the guide's line, the end of the hub's log, and exits 1;
#      exits 0 when every block ran. Whatever hub the guides left running is stopped at the end.
#
# It is a documented check, not part of .ci/run or Maven (it takes a few minutes: a demo, several hub restarts).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guides=(guide-operator guide-ngo-analyst guide-agency-officer guide-auditor)
tmp="$(mktemp -d /tmp/wildex-guides.XXXXXX)"
started=$(date +%s)

taken=" 1883 5672 8443 9180 61616 "
free_port() {
  local p
  for _ in $(seq 200); do
    # below the kernel's ephemeral range (ip_local_port_range, 32768+ by default): the hub restarts on these ports
    # many times, and an outgoing connection elsewhere on the machine must not take one in between
    p=$(shuf -i 20000-32000 -n 1)
    case "$taken" in *" $p "*) continue ;; esac
    if ! ss -Htln "sport = :$p" | grep -q .; then taken="$taken$p "; echo "$p"; return; fi
  done
  echo "no free port found" >&2; return 1
}

export WD="$tmp/wildex-demo" BACKUP_DIR="$tmp/backups" JS_DIR="$tmp/js"
export HTTPS_PORT="$(free_port)" BROKER_PORT="$(free_port)" MGMT_PORT="$(free_port)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PG_DB="wildex_guides_$(basename "$tmp" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"

cleanup() {
  local rc=$?
  if [ -f "$WD/hub.pid" ] && kill -0 "$(cat "$WD/hub.pid")" 2>/dev/null; then
    kill "$(cat "$WD/hub.pid")" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$(cat "$WD/hub.pid")" 2>/dev/null || break; sleep 1; done
  fi
  dropdb --if-exists "${PG_DB}_restored" 2>/dev/null || true
  dropdb --if-exists "$PG_DB" 2>/dev/null || true
  if [ "$rc" -ne 0 ] && [ -f "$WD/hub.log" ]; then echo "--- end of the hub's log ($WD/hub.log):" >&2; tail -20 "$WD/hub.log" >&2; fi
  if [ "${KEEP:-}" = 1 ] || [ "$rc" -ne 0 ]; then echo "check-guides: kept $tmp" >&2; else rm -rf "$tmp"; fi
  echo "check-guides: $([ "$rc" -eq 0 ] && echo PASSED || echo FAILED) in $(( $(date +%s) - started )) s" >&2
}
trap cleanup EXIT

# The agency officer guide's Python examples need Qpid Proton (AMQP 1.0) and stomp.py (STOMP). PyPI may be out of
# reach; Debian packages both for its own /usr/bin/python3, which may not be the first python3 on PATH (pyenv).
python_with_clients() {
  local py
  for py in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import proton, stomp' 2>/dev/null; then command -v "$py"; return; fi
  done
  return 1
}
if ! PYTHON="$(python_with_clients)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "check-guides: no python3 with Qpid Proton and stomp.py; apt-get install python3-qpid-proton python3-stomp" >&2
    { apt-get install -y -q python3-qpid-proton python3-stomp || { apt-get update -q && apt-get install -y -q python3-qpid-proton python3-stomp; }; } >&2
  fi
  PYTHON="$(python_with_clients)" || {
    echo "check-guides: no python3 can import proton and stomp; install Debian's python3-qpid-proton and python3-stomp (or pip install python-qpid-proton stomp.py) and set PYTHON" >&2
    exit 1
  }
fi
export PYTHON
echo "check-guides: python $PYTHON (proton $("$PYTHON" -c 'import proton; print(".".join(map(str, proton.VERSION)))'), stomp.py $("$PYTHON" -c 'import stomp; print(".".join(map(str, stomp.__version__)))'))" >&2

cd "$root"
for tool in psql pg_dump pg_restore createdb dropdb; do
  command -v "$tool" >/dev/null || { echo "check-guides: $tool is missing (Debian: apt-get install postgresql-client)" >&2; exit 1; }
done
psql -d postgres -Atc 'select 1' >/dev/null \
  || { echo "check-guides: no PostgreSQL at $PGHOST:$PGPORT for user $PGUSER (the operator guide's backup needs one)" >&2; exit 1; }
echo "check-guides: temp $tmp, ports https=$HTTPS_PORT broker=$BROKER_PORT management=$MGMT_PORT" >&2
if [ -n "${DEMO_FROM:-}" ]; then   # a copy of a workdir `./wildex demo` left (hub stopped): skips the demo's minutes
  echo "check-guides: copying the demo workdir $DEMO_FROM" >&2; cp -a "$DEMO_FROM" "$WD"
else
  echo "check-guides: ./wildex demo --workdir $WD" >&2
  ./wildex demo --workdir "$WD" --https-port "$HTTPS_PORT" --broker-port "$BROKER_PORT" --management-port "$MGMT_PORT" \
    > "$tmp/demo.log" 2>&1 || { echo "check-guides: the demo failed; its log:" >&2; tail -40 "$tmp/demo.log" >&2; exit 1; }
fi

# Extract the `sh` blocks, each line tagged with its guide and line for the error message.
script="$tmp/guides.sh"
{
  echo 'set -euo pipefail'
  echo 'trap '\''echo "check-guides: FAILED at ${WHERE:-?}: $BASH_COMMAND" >&2'\'' ERR'
  for g in "${guides[@]}"; do
    awk -v g="docs/$g.md" '
      /^```sh[ \t]*$/ { inblock = 1; printf "echo \"check-guides: == %s:%d\" >&2\nWHERE=%s:%d\n", g, NR, g, NR; next }
      /^```/ && inblock { inblock = 0; next }
      inblock { print }
    ' "docs/$g.md"
  done
} > "$script"
echo "check-guides: running $(grep -c '^WHERE=' "$script") blocks from ${guides[*]}" >&2
bash "$script"
