#!/bin/sh
# Builds a second tree with AddressSanitizer and UBSan (leak detection on)
# and runs the test programs that exercise parsing of untrusted input:
# images, XML, the public API and the test driver.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${CV_ASAN_BUILD_DIR:-$top/build-asan}
tests="tests/test-qcow2 tests/test-domain-xml tests/test-api tests/test-testdriver
       tests/test-uri tests/test-error"

mkdir -p "$build"
cd "$build"
[ -f Makefile ] || "$top/configure" --enable-werror --enable-sanitizers
make -j"$(nproc 2>/dev/null || echo 2)"
# abort_on_error makes a finding fail the test program, so make check fails.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    make check TESTS="$(echo $tests)"
