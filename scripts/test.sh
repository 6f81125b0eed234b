#!/usr/bin/env bash
# Runs GrainCompute's whole test suite on a fresh Debian machine with the .NET SDK:
# installs what the tests need when it is missing (MPICH, PostgreSQL, Chromium, Node.js, kubectl, a C toolchain for Native AOT,
# Debian's Python venv, pytest, numpy and tqdm), starts a throwaway PostgreSQL in a temp dir on a free port, runs `dotnet test`, then the Python client's
# pytest suite in a fresh venv, and cleans up; the exit status is non-zero when either fails. .ci/run calls this same script.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
{ command -v mpiexec.mpich && ls /usr/lib/*/libmpich.so.12; } >/dev/null 2>&1 || need_apt+=(mpich libmpich-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubernetes-client)
# The HTTP-only console's Native AOT publish links with clang, or gcc where there is no clang (HttpOnlyConsoleTests).
{ [ -x /usr/bin/clang ] || command -v gcc; } >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
# The Python client (client/python) installs without the package index, into a venv that sees Debian's packages.
/usr/bin/python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || need_apt+=(python3-pytest)
/usr/bin/python3 -c 'import numpy, tqdm' >/dev/null 2>&1 || need_apt+=(python3-numpy python3-tqdm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Throwaway PostgreSQL: initdb in a temp dir, a free port, run as a non-root user, removed on exit.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/graincompute-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres "$pg_dir"
py_dir=$(mktemp -d /tmp/graincompute-py.XXXXXX)
cleanup() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir" "$py_dir"
}
trap cleanup EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U graincompute --auth=trust >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" -l "$pg_dir/log" -w start >/dev/null
export GRAINCOMPUTE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=graincompute;Database=postgres"
echo "test.sh: PostgreSQL on port $pg_port"

# The manifest tests validate k8s/ against the Kubernetes schemas from the pinned npm package.
npm ci --prefix k8s/validate --no-audit --no-fund >/dev/null

export TERM=dumb DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
set +e
dotnet test GrainCompute.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed"

# The Python client: installed as docs/python.md says, tested against real silo processes (the silo dotnet test built).
# Run from the temp dir, so the tests import the installed package, not the source folder.
repo_root=$PWD
set +e
(
  set -e
  /usr/bin/python3 -m venv --system-site-packages "$py_dir/venv"
  cp -r client/python "$py_dir/src"
  "$py_dir/venv/bin/pip" install --quiet --no-build-isolation --no-index "$py_dir/src"
  cd "$py_dir" && "$py_dir/venv/bin/python" -m pytest -q -p no:cacheprovider "$repo_root/client/python/tests"
)
py_status=$?
set -e
echo "python client tests: $([ "$py_status" -eq 0 ] && echo passed || echo "failed (exit $py_status)")"
[ "$status" -ne 0 ] && exit "$status"
exit "$py_status"
