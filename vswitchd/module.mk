# vswitchd/: ovs-vswitchd (a later issue) and the Open_vSwitch schema.
DATA += vswitchd/vswitch.ovsschema
