#!/bin/sh
# The README's Quick start, as one script so the README and CI run the same
# steps:
#   scripts/quickstart.sh demo    install what is missing, build, run the demo
#   scripts/quickstart.sh check   install what is missing, build, run all tests
set -eu

mode=${1:-demo}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${CV_BUILD_DIR:-$top/build}
jobs=$(nproc 2>/dev/null || echo 2)

"$top/scripts/install-deps.sh"

if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ]; then
    (cd "$top" && autoreconf -fi)
fi
mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ]; then
    "$top/configure" --enable-werror
fi
make -j"$jobs"

case "$mode" in
demo)
    ./examples/quickstart test:///default
    ;;
check)
    # Servers the integration tests need (libvirtd, sshd) are started by
    # the tests themselves, on loopback and in temporary directories.
    make -j1 check
    ;;
*)
    echo "usage: $0 demo|check" >&2
    exit 2
    ;;
esac
