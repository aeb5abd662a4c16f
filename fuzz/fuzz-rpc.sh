#!/bin/sh
# Builds fuzz/fuzz-rpc (libFuzzer + ASan/UBSan, clang) from the sources it
# needs and runs it for $1 seconds (default 60) from a seed corpus of valid
# messages made by the codec itself. Usage: fuzz/fuzz-rpc.sh [seconds] [builddir]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
build=${2:-${CV_TOP_BUILDDIR:-$top}}
out=${TMPDIR:-/tmp}/cloudvirt-fuzz-rpc
mkdir -p "$out/corpus"
[ -f "$build/config.h" ] || { echo "fuzz-rpc: no config.h in $build (configure first)"; exit 2; }
cc=${CLANG:-clang}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
 -I$build -I$top/include -I$top/lib $(pkg-config --cflags glib-2.0)"
$cc $flags -o "$out/fuzz-rpc" "$top/fuzz/fuzz-rpc.c" \
    "$top/lib/rpc/codec.c" "$top/lib/rpc/procinfo.c" "$top/lib/core/error.c" \
    $(pkg-config --libs glib-2.0)
CV_FUZZ_SEEDS="$out/corpus" exec "$out/fuzz-rpc" -max_total_time="$secs" \
    -max_len=65536 "$out/corpus"
