#!/usr/bin/env bash
# Installs the Debian packages MAMS needs (only the missing ones) and builds everything.
# Usage: ./deploy/setup.sh [--test]   (--test also installs what the test suite needs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

packages=("${MAMS_BUILD_PACKAGES[@]}")
[ "${1:-}" = "--test" ] && packages+=("${MAMS_TEST_PACKAGES[@]}")
mams::ensure_packages "${packages[@]}"
mams::build
