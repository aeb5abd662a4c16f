#!/bin/sh
# cvsh end to end against the embedded test driver: listings as JSON, a
# batch that walks a domain through its life on one connection, and the
# error paths a script relies on (exit status, message on stderr).
set -u
build=${CV_TOP_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
cvsh="$build/tools/cvsh/cvsh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
PY=python3
command -v python3 >/dev/null 2>&1 || PY=/usr/bin/python3

ok() { pass=$((pass + 1)); echo "PASS: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else bad "$desc"; fi; }
json_ok() { $PY -c 'import json,sys; json.load(sys.stdin)' < "$1"; }
json_eval() { $PY -c "import json,sys; d=json.load(open('$1')); sys.exit(0 if ($2) else 1)"; }

# Listing as JSON, the issue's "done when" line.
"$cvsh" -c test:///default list --output json > "$tmp/list.json" 2> "$tmp/err"
check "list --output json exits 0" [ $? -eq 0 ]
check "list --output json is valid JSON" json_ok "$tmp/list.json"
check "list JSON names the preloaded domain" \
    json_eval "$tmp/list.json" "d[0]['name']=='test' and d[0]['state']=='running' and d[0]['id']==1"

for cmd in "net-list --all" "pool-list --all" "nodeinfo" "dominfo test" "version" \
           "net-info default" "pool-info default" "domstate test" "vol-list default"; do
    "$cvsh" $cmd --output json > "$tmp/o.json" 2> "$tmp/err"
    check "'$cmd --output json' prints valid JSON" json_ok "$tmp/o.json"
done

cat > "$tmp/dom.xml" <<XML
<domain type='test'>
  <name>batch1</name>
  <memory unit='MiB'>512</memory>
  <currentMemory unit='MiB'>256</currentMemory>
  <vcpu current='1'>2</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
XML
cat > "$tmp/net.xml" <<XML
<network>
  <name>isolated</name>
  <ip address='10.77.0.1' prefix='24'><dhcp><range start='10.77.0.10' end='10.77.0.99'/></dhcp></ip>
</network>
XML
cat > "$tmp/overlap.xml" <<XML
<network>
  <name>clash</name>
  <ip address='192.168.0.1' prefix='16'/>
</network>
XML

# One batch, one connection: test:///default state is per connection, so
# every step must see the previous one.
cat > "$tmp/script" <<SCRIPT
# define and boot
define $tmp/dom.xml
start batch1
suspend batch1
resume batch1
setmem batch1 384M --live
setvcpus batch1 2 --live
snapshot-create-as batch1 snap1 --description "before disk"
attach-disk batch1 /var/tmp/extra.img vdb --targetbus virtio --live
dumpxml batch1
detach-disk batch1 vdb --live
snapshot-list batch1 --output json
snapshot-revert batch1 snap1
dominfo batch1 --output json
destroy batch1
undefine batch1 --snapshots-metadata
list --all --name
net-define $tmp/net.xml
net-start isolated
net-list --all
net-destroy isolated
net-undefine isolated
SCRIPT
"$cvsh" -c test:///default < "$tmp/script" > "$tmp/out" 2> "$tmp/err"
check "batch script runs to the end (exit 0)" [ $? -eq 0 ]
check "batch reported no error" [ ! -s "$tmp/err" ]
check "attached disk appears in dumpxml" grep -q "<target dev='vdb' bus='virtio'/>" "$tmp/out"
check "snapshot listed" grep -q '"name" : "snap1"' "$tmp/out"
check "revert restored the snapshot's memory (384 MiB live at snapshot time)" \
    grep -q '"memory_kib" : 393216' "$tmp/out"
check "domain gone after undefine" sh -c "! grep -qx batch1 '$tmp/out'"
check "network listed while defined" grep -q "isolated" "$tmp/out"

# Errors: non-zero exit and the library's message on stderr.
"$cvsh" dominfo no-such-domain > "$tmp/out" 2> "$tmp/err"
check "unknown domain exits 1" [ $? -eq 1 ]
check "unknown domain message names it" grep -q "no domain named 'no-such-domain'" "$tmp/err"
"$cvsh" frobnicate > "$tmp/out" 2> "$tmp/err"
check "unknown command exits 1" [ $? -eq 1 ]
check "unknown command is named" grep -q "unknown command 'frobnicate'" "$tmp/err"
"$cvsh" list --bogus > "$tmp/out" 2> "$tmp/err"
check "unknown option is named" grep -q "no option '--bogus'" "$tmp/err"
"$cvsh" start test > "$tmp/out" 2> "$tmp/err"
check "starting a running domain fails like virsh" grep -q "already running" "$tmp/err"
"$cvsh" net-create "$tmp/overlap.xml" > "$tmp/out" 2> "$tmp/err"
check "overlapping network refused" grep -q "overlaps" "$tmp/err"
"$cvsh" -r -c test:///default destroy test > "$tmp/out" 2> "$tmp/err"
check "read-only connection refuses destroy" grep -q "read-only" "$tmp/err"
"$cvsh" setmem test 64G > "$tmp/out" 2> "$tmp/err"
check "memory beyond the domain's maximum refused" grep -q "maximum" "$tmp/err"
printf 'list\nbogus-cmd\nlist\n' | "$cvsh" > "$tmp/out" 2> "$tmp/err"
check "batch stops at the first failing line and says which" grep -q "<stdin>:2" "$tmp/err"
"$cvsh" -c vbox:///x list > "$tmp/out" 2> "$tmp/err"
check "bad URI explained" grep -q "unknown driver 'vbox'" "$tmp/err"

# Help.
"$cvsh" help > "$tmp/out"
check "help lists commands by group" grep -q "Snapshot commands" "$tmp/out"
"$cvsh" help attach-disk > "$tmp/out"
check "help COMMAND shows usage" grep -q "SYNOPSIS" "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
