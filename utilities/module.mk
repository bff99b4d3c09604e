# utilities/: command-line tools.
UTIL_PROGRAMS_ALL = utilities/ovs-appctl utilities/ovs-vsctl \
	utilities/ovs-ofctl utilities/ovs-dpctl
UTIL_PROGRAMS := $(foreach p,$(UTIL_PROGRAMS_ALL),\
	$(if $(wildcard $(p).c),$(p)))
PROGRAMS += $(UTIL_PROGRAMS)
BIN_PROGRAMS += $(UTIL_PROGRAMS) utilities/ovs-ctl
DEPS += $(UTIL_PROGRAMS:=.d)

# ovs-vsctl is split into utilities/vsctl-*.c modules.  It runs once per
# command (libvirt, network-scripts, scripts), so start-up time counts:
# resolving the symbols of a dynamically linked OpenSSL costs more than
# the rest of a typical run, so OpenSSL and jansson are linked statically
# when their archives are installed (VSCTL_STATIC=no to disable).
VSCTL_OBJECTS := $(patsubst %.c,%.o,$(wildcard utilities/vsctl-*.c))
DEPS += $(VSCTL_OBJECTS:.o=.d)
utilities/ovs-vsctl: $(VSCTL_OBJECTS)
VSCTL_STATIC ?= yes
VSCTL_STATIC_ARCHIVES := libssl.a libcrypto.a libjansson.a
ifeq ($(VSCTL_STATIC)$(words $(filter /%,$(foreach a,$(VSCTL_STATIC_ARCHIVES),\
	$(shell $(CC) -print-file-name=$(a))))),yes3)
utilities/ovs-vsctl: LIBS = -Wl,-Bstatic -lssl -lcrypto -ljansson \
	-Wl,-Bdynamic $(filter-out -lssl -lcrypto -ljansson,$(PKG_LIBS)) \
	-ldl -lpthread -lm
endif

$(UTIL_PROGRAMS): %: %.o $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBOVSDB) $(LIBOVS) \
		$(LIBS)
