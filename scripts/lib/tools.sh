# Installs what ZonePass needs and is missing; each step is skipped when the right version is there.
# Sourced by scripts/run and scripts/test. Needs a Rust toolchain (rustup) already on the machine.

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS="$ROOT/.tools"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n== %s\n' "$*"; }

APT_UPDATED=""
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "missing $*, and no apt-get to install it with: install it by hand" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ -z "$APT_UPDATED" ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock, or the bundle will not load.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Compiled crates are shared through sccache (Debian's package), so a fresh clone on a machine that has
# built ZonePass before compiles little more than ZonePass itself. Skipped when sccache cannot be had or
# its server will not start (builds then run as before), or with ZONEPASS_NO_SCCACHE=1.
use_compiler_cache() {
  [ -z "${ZONEPASS_NO_SCCACHE:-}" ] || return 0
  command -v sccache >/dev/null || apt_install sccache || return 0
  if sccache --start-server >/dev/null 2>&1 || sccache --show-stats >/dev/null 2>&1; then
    export RUSTC_WRAPPER=sccache SCCACHE_CACHE_SIZE="${SCCACHE_CACHE_SIZE:-20G}"
  fi
}

ensure_rust_tools() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is not installed: install rustup with a stable toolchain (1.88 or newer) first" >&2
    exit 1
  fi
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  command -v cc >/dev/null || apt_install build-essential
  if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (20-40 minutes on 2 cores, once)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
  local wb
  wb=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
    say "installing wasm-bindgen-cli $wb (10-15 minutes, once)"
    # Without --locked: its lock file names a crate version some registry mirrors lack.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
}

# Checks what ZonePass depends on (licences, banned crates, sources) offline; built from crates.io once.
ensure_cargo_deny() {
  if ! cargo deny --version >/dev/null 2>&1; then
    say "installing cargo-deny (5-10 minutes, once)"
    cargo install cargo-deny --version 0.20.2 --locked
  fi
}

ensure_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

# Debian's binaryen (108) produces a bundle that fails to hydrate; the npm package's wasm-opt works.
ensure_wasm_opt() {
  ensure_node
  if [ ! -x "$TOOLS/binaryen/node_modules/binaryen/bin/wasm-opt" ]; then
    say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
    mkdir -p "$TOOLS/binaryen"
    (cd "$TOOLS/binaryen" && npm install --no-audit --no-fund --prefix . "binaryen@$BINARYEN_VERSION" >/dev/null)
  fi
  export PATH="$TOOLS/binaryen/node_modules/binaryen/bin:$PATH"
}

ensure_chromium() {
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    say "installing Debian's Chromium for the browser tests"
    apt_install chromium fonts-noto-core
  fi
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
}

ensure_e2e_packages() {
  ensure_node
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules" ]; then
    say "installing the end-to-end test packages"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

SCHEMATHESIS_VERSION=4.32.5

# Schemathesis, the property-based API tester, from PyPI into its own virtual environment.
ensure_schemathesis() {
  local venv="$TOOLS/schemathesis"
  if [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    say "installing Schemathesis $SCHEMATHESIS_VERSION"
    command -v python3 >/dev/null || apt_install python3
    python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  export PATH="$venv/bin:$PATH"
}

# Finds PostgreSQL on 127.0.0.1:5432, starts it, or installs it; exports ZONEPASS_TEST_POSTGRES.
ensure_postgres() {
  command -v psql >/dev/null || apt_install postgresql-client
  local url="${ZONEPASS_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
  if ! psql "$url" -Atc 'select 1' >/dev/null 2>&1; then
    if ! command -v pg_ctlcluster >/dev/null; then
      say "installing PostgreSQL"
      apt_install postgresql
    fi
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    say "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    for _ in $(seq 1 30); do
      pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 && break
      sleep 1
    done
    if ! psql "$url" -Atc 'select 1' >/dev/null 2>&1; then
      # A fresh Debian cluster wants a password over TCP: give the superuser one for the tests.
      su postgres -c "psql -Atc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
      url="postgres://postgres:postgres@127.0.0.1:5432/postgres"
    fi
  fi
  psql "$url" -Atc 'select 1' >/dev/null
  export ZONEPASS_TEST_POSTGRES="$url"
}

# The whole site: the page bundle and the checkpoint scanner's QR decoder (its own small WASM, loaded by
# /qr-worker.js only where the browser has no BarcodeDetector). cargo-leptos rewrites the site folder on
# every build and copies the assets folder into it, so the decoder is built into the assets folder first
# (server/public/scanner/, not tracked) and every build then carries it. `build_site --release` for a release.
build_site() {
  local out="$ROOT/server/public/scanner"
  cargo build -p qr-worker --target wasm32-unknown-unknown --profile wasm-release
  wasm-bindgen --target no-modules --no-typescript --out-dir "$out" \
    "$ROOT/target/wasm32-unknown-unknown/wasm-release/qr_worker.wasm"
  cargo leptos build "$@"
}
