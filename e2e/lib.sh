# Shared by e2e/run and .ci/run (source it): the Python venv and the SMTP sink.
# Works under `set -euo pipefail`.

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Outside the repo, so a fresh clone reuses it and `git status` stays clean.
E2E_VENV="${E2E_VENV:-$HOME/.cache/portcullis/venv-e2e}"

# Creates the venv if missing and (re)installs e2e/requirements.txt when it changed.
e2e_venv() {
  if [[ ! -x "$E2E_VENV/bin/python" ]]; then
    mkdir -p "$(dirname "$E2E_VENV")"
    python3 -m venv "$E2E_VENV" || return 1
  fi
  if ! cmp -s "$E2E_DIR/requirements.txt" "$E2E_VENV/.requirements.installed"; then
    "$E2E_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$E2E_DIR/requirements.txt" >&2 || return 1
    cp "$E2E_DIR/requirements.txt" "$E2E_VENV/.requirements.installed"
  fi
}

# e2e_start_sink MAILDIR LOG: starts the sink on a free port in the background and waits for
# its "ready HOST:PORT" line. Sets SINK_PID and SINK_PORT. Port 0 lets the kernel pick, so
# there is no race between finding a free port and binding it.
e2e_start_sink() {
  "$E2E_VENV/bin/python" "$E2E_DIR/smtp_sink.py" --listen 127.0.0.1:0 --maildir "$1" >"$2" 2>&1 &
  SINK_PID=$!
  local line
  for _ in $(seq 100); do
    if line="$(grep -m1 '^ready ' "$2")"; then SINK_PORT="${line##*:}"; return 0; fi
    kill -0 "$SINK_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "smtp sink did not start:" >&2; cat "$2" >&2
  return 1
}

# stop_pid PID: SIGTERM, up to 5 s to exit, then SIGKILL.
stop_pid() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
