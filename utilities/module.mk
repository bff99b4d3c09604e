# utilities/: command-line tools.
UTIL_PROGRAMS_ALL = utilities/ovs-appctl utilities/ovs-vsctl \
	utilities/ovs-ofctl utilities/ovs-dpctl
UTIL_PROGRAMS := $(foreach p,$(UTIL_PROGRAMS_ALL),\
	$(if $(wildcard $(p).c),$(p)))
PROGRAMS += $(UTIL_PROGRAMS)
BIN_PROGRAMS += $(UTIL_PROGRAMS) utilities/ovs-ctl
DEPS += $(UTIL_PROGRAMS:=.d)

$(UTIL_PROGRAMS): %: %.o $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBOVSDB) $(LIBOVS) $(LIBS)
