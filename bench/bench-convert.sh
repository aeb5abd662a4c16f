#!/bin/bash
# bench-convert: cv-img convert against qemu-img convert on the same inputs
# in the same run; median wall time of ROUNDS runs each, and the ratio
# cv-img/qemu-img (below 1.0: cv-img faster). Also reports output sizes and
# peak memory (max RSS) of cv-img.
#
# Usage: bench/bench-convert.sh [BUILD_DIR] [SIZE_MIB] [DATA_MIB] [ROUNDS]
#   defaults: ./build 2048 1024 5  (the issue's 2 GiB image, 1 GiB of data)
set -euo pipefail
build=${1:-build}
size_mib=${2:-2048}
data_mib=${3:-1024}
rounds=${4:-5}
cvimg="$(cd "$build" && pwd)/tools/cv-img/cv-img"
work=$(mktemp -d "${TMPDIR:-/var/tmp}/cv-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Input: SIZE_MIB virtual, DATA_MIB of random data in 64 MiB runs with
# equal holes between them.
src="$work/src.raw"
truncate -s "${size_mib}M" "$src"
chunks=$((data_mib / 64))
for ((i = 0; i < chunks; i++)); do
    dd if=/dev/urandom of="$src" bs=1M count=64 seek=$((i * 128)) conv=notrunc status=none
done
qemu-img convert -O qcow2 "$src" "$work/src.qcow2"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

time_one() {   # prints seconds
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
}

# cv-img syncs its output before renaming it into place (no lost data on
# a crash); qemu-img convert does not sync at all by default. The
# 'qemu+sync' column is qemu-img followed by sync, the same durability.
printf '%-22s %9s %10s %9s %7s %7s %12s %12s %9s\n' case qemu-img qemu+sync cv-img ratio ratio-s qemu-bytes cv-bytes cv-maxRSS
run_case() {   # name src_fmt src out_fmt [extra args...]
    local name=$1 ifmt=$2 in=$3 ofmt=$4; shift 4
    local q=() s=() c=()
    for ((r = 0; r < rounds; r++)); do
        rm -f "$work/q.out" "$work/c.out"; sync
        q+=("$(time_one qemu-img convert -f "$ifmt" -O "$ofmt" "$@" "$in" "$work/q.out")")
        rm -f "$work/q.out"; sync
        s+=("$(time_one sh -c "qemu-img convert -f $ifmt -O $ofmt $* '$in' '$work/q.out' && sync")")
        sync
        c+=("$(time_one "$cvimg" convert -f "$ifmt" -O "$ofmt" "$@" "$in" "$work/c.out")")
    done
    local qm sm cm rss
    qm=$(printf '%s\n' "${q[@]}" | median)
    sm=$(printf '%s\n' "${s[@]}" | median)
    cm=$(printf '%s\n' "${c[@]}" | median)
    rss=$( { /usr/bin/time -f '%M' "$cvimg" convert -f "$ifmt" -O "$ofmt" "$@" "$in" "$work/c.out" > /dev/null; } 2>&1 | tail -n 1)
    qemu-img compare -q "$in" "$work/c.out" || { echo "MISMATCH in $name" >&2; exit 1; }
    printf '%-22s %8.2fs %9.2fs %8.2fs %7.2f %7.2f %12s %12s %7sKiB\n' "$name" "$qm" "$sm" \
        "$cm" "$(echo "$cm / $qm" | bc -l)" "$(echo "$cm / $sm" | bc -l)" \
        "$(stat -c %b "$work/q.out" | awk '{print $1*512}')" \
        "$(stat -c %b "$work/c.out" | awk '{print $1*512}')" "$rss"
}

echo "input: ${size_mib} MiB virtual, ${data_mib} MiB random data; median of $rounds"
run_case "raw->qcow2" raw "$src" qcow2
run_case "qcow2->raw" qcow2 "$work/src.qcow2" raw
run_case "raw->qcow2 -c (zlib)" raw "$src" qcow2 -c
