# Shared by deploy/*.sh: repository paths, package installation, build. Source it; do not run it.
# shellcheck shell=bash

MAMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAMS_BUILD_DIR="${MAMS_BUILD_DIR:-$MAMS_ROOT/build}"
case "$MAMS_BUILD_DIR" in /*) ;; *) MAMS_BUILD_DIR="$PWD/$MAMS_BUILD_DIR" ;; esac

# Debian 12 packages, by purpose. Nothing else is downloaded.
MAMS_BUILD_PACKAGES=(g++ cmake ninja-build ccache pkg-config libpoco-dev libmysqlcppconn-dev
  libzmq3-dev cppzmq-dev libyaml-cpp-dev libssl-dev libgtest-dev libxlsxwriter-dev libsimdjson-dev zlib1g-dev
  curl python3 golang-github-mozillazg-go-pinyin-dev)
# clang with libFuzzer and the sanitizer runtimes: the sanitized tree (deploy/sanitized_test.sh,
# deploy/fuzz.sh).
MAMS_SANITIZER_PACKAGES=(clang libclang-rt-14-dev)
# Chromium drives the web console's end-to-end test; the font gives its screenshots Chinese.
MAMS_TEST_PACKAGES=(mariadb-server mariadb-client chromium fonts-wqy-microhei)

mams::log() { printf '%s\n' "$*" >&2; }

mams::as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the packages that are missing; runs apt-get update at most once per call.
mams::ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  mams::log "installing: ${missing[*]}"
  mams::as_root apt-get update -qq
  mams::as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# ccache keys on paths relative to the checkout and not on the build directory, so that a
# fresh clone elsewhere (CI) reuses what an earlier build of the same sources compiled.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$MAMS_ROOT}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

# Configures (once) and builds with Ninja and ccache into $MAMS_BUILD_DIR.
mams::build() {
  if [ ! -f "$MAMS_BUILD_DIR/build.ninja" ]; then
    cmake -S "$MAMS_ROOT" -B "$MAMS_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$MAMS_BUILD_DIR" "$@"
  mams::build_web
}

# The sanitized tree: CMakePresets.json's "asan" (clang, ASan + UBSan, the fuzz targets).
MAMS_ASAN_BUILD_DIR="${MAMS_ASAN_BUILD_DIR:-$MAMS_ROOT/build-asan}"
case "$MAMS_ASAN_BUILD_DIR" in /*) ;; *) MAMS_ASAN_BUILD_DIR="$PWD/$MAMS_ASAN_BUILD_DIR" ;; esac

# Configures (once) and builds the given targets of the sanitized tree.
mams::build_sanitized() {
  if [ ! -f "$MAMS_ASAN_BUILD_DIR/build.ninja" ]; then
    (cd "$MAMS_ROOT" && cmake --preset asan -B "$MAMS_ASAN_BUILD_DIR" >/dev/null)
  fi
  cmake --build "$MAMS_ASAN_BUILD_DIR" --target "$@"
}

# Builds the web console into web/dist with the machine's Node.js and npm: packages from the
# npm registry exactly as package-lock.json records them (npm ci, only when the lock changed).
mams::build_web() {
  local web="$MAMS_ROOT/web"
  if ! command -v npm >/dev/null; then
    mams::log "npm not found: Node.js 20 and npm are needed to build the web console (web/)"
    return 1
  fi
  if [ ! -f "$web/node_modules/.package-lock.json" ] ||
     [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    mams::log "installing the web console's packages (npm ci)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  mams::log "building the web console (web/dist)"
  (cd "$web" && npm run --silent build >/dev/null)
}

# Prints a TCP port on 127.0.0.1 that nothing listens on, below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, 32768 up by default): a port handed out there can be taken
# by any outgoing connection before the server that was meant to listen on it starts.
mams::free_port() {
  local port low
  low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  [ "$low" -gt 12000 ] 2>/dev/null || low=32768
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % (low - 11000)) + 10000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  mams::log "no free port found"
  return 1
}

# Waits until URL answers 200, up to $2 seconds (default 30); gives up at once when the
# optional process $3 has exited.
mams::wait_http() {
  local url="$1" limit="${2:-30}" pid="${3:-}" i
  for ((i = 0; i < limit * 10; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}
