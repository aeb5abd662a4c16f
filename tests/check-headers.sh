#!/bin/sh
# Every public header compiles on its own, as C99 with -pedantic and as C++,
# so users can include any one of them first (DESIGN.md, "public API").
set -u
top=${CV_TOP_SRCDIR:-$(dirname "$0")/..}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

for h in "$top"/include/cloudvirt/*.h; do
    name=$(basename "$h")
    printf '#include <cloudvirt/%s>\nint cv_header_test_%s;\n' "$name" \
        "$(echo "$name" | tr -c 'a-z0-9\n' '_')" > "$tmp/t.c"
    if $cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$top/include" \
        -c "$tmp/t.c" -o "$tmp/t.o" 2> "$tmp/err"; then
        pass=$((pass + 1)); echo "PASS: $name compiles alone as C99"
    else
        fail=$((fail + 1)); echo "FAIL: $name as C99:"; cat "$tmp/err"
    fi
    cp "$tmp/t.c" "$tmp/t.cc"
    if command -v c++ >/dev/null 2>&1; then
        if c++ -std=c++11 -pedantic -Wall -Wextra -Werror -I"$top/include" \
            -c "$tmp/t.cc" -o "$tmp/t.o" 2> "$tmp/err"; then
            pass=$((pass + 1)); echo "PASS: $name compiles alone as C++"
        else
            fail=$((fail + 1)); echo "FAIL: $name as C++:"; cat "$tmp/err"
        fi
    fi
    # Hermetic: only system headers of the <stdint.h> kind and our own.
    if grep -E '^#include' "$h" | grep -vqE '<(stddef|stdint|stdbool)\.h>|<cloudvirt/'; then
        fail=$((fail + 1)); echo "FAIL: $name includes something not hermetic:"
        grep -E '^#include' "$h"
    else
        pass=$((pass + 1)); echo "PASS: $name includes only hermetic headers"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
