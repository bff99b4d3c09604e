#!/bin/sh
# `make install DESTDIR=...` puts daemons in sbin/, tools in bin/ and the
# schema in share/openvswitch/ under PREFIX, and what it installs runs.
. "$(dirname "$0")/../lib.sh"

case_install_layout() {
    make -s -C "$top" install DESTDIR="$T/root" >/dev/null
    prefix=$(make -s -C "$top" --no-print-directory -f Makefile \
             -f - print-prefix <<'MK'
print-prefix:
	@echo $(PREFIX)
MK
)
    r=$T/root$prefix
    test -x "$r/sbin/ovsdb-server"
    for p in ovsdb-tool ovsdb-client ovs-appctl ovs-ctl; do
        test -x "$r/bin/$p"
    done
    test -f "$r/share/openvswitch/vswitch.ovsschema"
    # The installed tools work and create a database from the installed
    # schema.
    "$r/bin/ovsdb-tool" create "$T/x.db" \
        "$r/share/openvswitch/vswitch.ovsschema"
    check_eq Open_vSwitch "$("$r/bin/ovsdb-tool" db-name "$T/x.db")"
    "$r/sbin/ovsdb-server" --version | grep -q 'Open vSwitch'
}

run_case install_layout case_install_layout
