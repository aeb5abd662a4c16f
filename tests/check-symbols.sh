#!/bin/sh
# Proves the ABI list and the headers agree: every CV_API function declared
# in include/cloudvirt/ is in lib/libcloudvirt.syms, every listed symbol is
# declared, and the built library exports exactly the listed symbols.
set -u
top=${CV_TOP_SRCDIR:-$(dirname "$0")/..}
build=${CV_TOP_BUILDDIR:-$top}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "PASS: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# Function names declared with CV_API (declarations may span lines).
cat "$top"/include/cloudvirt/*.h | grep -v "^# *define" | tr '\n' ' ' | grep -o 'CV_API[^;(]*(' |
    sed 's/($//; s/.*[ *]//' | sort -u > "$tmp/declared"
grep -E '^[[:space:]]+cv_[a-z0-9_]+;' "$top/lib/libcloudvirt.syms" |
    tr -d ' \t;' | sort -u > "$tmp/listed"

missing=$(comm -23 "$tmp/declared" "$tmp/listed")
[ -z "$missing" ] && ok "every CV_API function is in libcloudvirt.syms" ||
    bad "declared CV_API but not in libcloudvirt.syms: $missing"
extra=$(comm -13 "$tmp/declared" "$tmp/listed")
[ -z "$extra" ] && ok "every listed symbol is declared in a header" ||
    bad "in libcloudvirt.syms but declared nowhere: $extra"

so=$(ls "$build"/lib/.libs/libcloudvirt.so.* 2>/dev/null | head -n 1)
if [ -z "$so" ]; then
    bad "built library not found under $build/lib/.libs"
else
    nm -D --defined-only "$so" | awk '$2 == "T" {print $3}' | sed 's/@.*//' |
        sort -u > "$tmp/exported"
    diff_out=$(comm -3 "$tmp/listed" "$tmp/exported")
    [ -z "$diff_out" ] && ok "the library exports exactly the listed symbols" ||
        bad "exported and listed symbols differ (left: listed only, right: exported only): $diff_out"
    objdump -p "$so" | grep -q 'SONAME *libcloudvirt.so.0$' &&
        ok "soname is libcloudvirt.so.0" || bad "soname is not libcloudvirt.so.0"
    nm -D "$so" | grep -q 'CLOUDVIRT_0.1' &&
        ok "symbols carry the CLOUDVIRT_0.1 version node" ||
        bad "no CLOUDVIRT_0.1 version node"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
