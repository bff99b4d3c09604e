#!/bin/sh
# Installs the Debian packages Railyard needs, only those missing.
#   install-deps.sh build   what `make` and `make run` need
#   install-deps.sh check   plus what the tests and benchmarks use
# Debian's Open vSwitch 3.1 (the interop peer and benchmark baseline) is
# installed with its services blocked from starting (policy-rc.d).
set -e
what=${1:-build}
pkgs="gcc make pkg-config libjansson-dev libssl-dev libnl-3-dev \
libnl-route-3-dev libcap-ng-dev"
if [ "$what" = check ]; then
    pkgs="$pkgs libcmocka-dev clang libclang-rt-14-dev iproute2 procps psmisc python3 \
openvswitch-switch openvswitch-common openvswitch-testcontroller"
fi
missing=
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null \
            | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: run as root, or: apt-get install$missing" >&2
    exit 1
fi
# Keep Debian's openvswitch-switch from starting its own daemons: tests
# run OVS only explicitly, on private sockets.
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
status=0
apt-get install -y -qq --no-install-recommends $missing >/dev/null || status=$?
if [ "$status" != 0 ] && [ "$what" = check ]; then
    # The OVS peer is optional (interop tests skip without it); the rest
    # is required.
    base=
    for p in $missing; do
        case $p in openvswitch-*) ;; *) base="$base $p" ;; esac
    done
    status=0
    [ -n "$base" ] && { apt-get install -y -qq --no-install-recommends \
        $base >/dev/null || status=$?; }
    echo "install-deps: Open vSwitch packages unavailable;" \
         "interop tests will be skipped" >&2
fi
# Stop anything a package's maintainer script may have started anyway.
if [ -n "${created_policy:-}" ]; then :; fi
exit $status
