# ovsdb/: the database engine (libovsdb.a) and its three programs.
OVSDB_PROGRAMS = ovsdb/ovsdb-server ovsdb/ovsdb-tool ovsdb/ovsdb-client
OVSDB_LIB_SOURCES := $(filter-out $(OVSDB_PROGRAMS:=.c), \
	$(wildcard ovsdb/*.c)) $(wildcard lib/ovsdb-idl*.c)
OVSDB_LIB_OBJECTS := $(OVSDB_LIB_SOURCES:.c=.o)
DEPS += $(OVSDB_LIB_OBJECTS:.o=.d) $(OVSDB_PROGRAMS:=.d)
LIBOVSDB = ovsdb/libovsdb.a

$(LIBOVSDB): $(OVSDB_LIB_OBJECTS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

EXISTING_OVSDB_PROGRAMS := $(foreach p,$(OVSDB_PROGRAMS),\
	$(if $(wildcard $(p).c),$(p)))
PROGRAMS += $(EXISTING_OVSDB_PROGRAMS)
SBIN_PROGRAMS += $(filter ovsdb/ovsdb-server,$(EXISTING_OVSDB_PROGRAMS))
BIN_PROGRAMS += $(filter-out ovsdb/ovsdb-server,$(EXISTING_OVSDB_PROGRAMS))

$(EXISTING_OVSDB_PROGRAMS): %: %.o $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBOVSDB) $(LIBOVS) $(LIBS)
