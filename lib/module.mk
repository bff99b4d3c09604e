# lib/: shared building blocks, archived into lib/libovs.a.
# The IDL (lib/ovsdb-idl*.c) uses the ovsdb/ data layer, so it is archived
# into ovsdb/libovsdb.a (see ovsdb/module.mk), which links before libovs.a.
LIB_SOURCES := $(filter-out lib/ovsdb-idl%.c,$(wildcard lib/*.c))
LIB_OBJECTS := $(LIB_SOURCES:.c=.o)
DEPS += $(LIB_OBJECTS:.o=.d)
LIBOVS = lib/libovs.a

$(LIBOVS): $(LIB_OBJECTS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^
