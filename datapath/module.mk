# datapath/: the userspace datapath (packet buffers, flow keys, the flow
# syntax printer/parser; ports, caches and actions arrive with the
# ovs-vswitchd issue), archived into datapath/libdatapath.a.
DATAPATH_SOURCES := $(wildcard datapath/*.c)
DATAPATH_OBJECTS := $(DATAPATH_SOURCES:.c=.o)
DEPS += $(DATAPATH_OBJECTS:.o=.d)
LIBDATAPATH = datapath/libdatapath.a

$(LIBDATAPATH): $(DATAPATH_OBJECTS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^
