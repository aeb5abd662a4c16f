#!/bin/sh
# Installs what cloudvirt needs to build and to run its whole test suite on
# Debian 12. Idempotent: packages already present are left alone, so the
# README's Quick start and .ci/run can both call it every time.
set -eu

PKGS="build-essential autoconf automake libtool pkg-config
 libglib2.0-dev libjson-glib-dev libxml2-dev libvirt-dev libssh2-1-dev libcunit1-dev
 zlib1g-dev libzstd-dev
 libvirt-daemon-system qemu-system-x86 qemu-utils dnsmasq-base
 openssh-server openssh-client cpio busybox-static
 clang libclang-rt-14-dev python3-libvirt"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done

[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

echo "install-deps: installing:$missing"
$SUDO apt-get update -q
# --force-conf* keep dpkg from stopping at a conffile question (libvirt's
# qemu.conf) when run without a terminal, as CI does.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    $missing
