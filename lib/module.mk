# lib/: shared building blocks, archived into lib/libovs.a.
LIB_SOURCES := $(wildcard lib/*.c)
LIB_OBJECTS := $(LIB_SOURCES:.c=.o)
DEPS += $(LIB_OBJECTS:.o=.d)
LIBOVS = lib/libovs.a

$(LIBOVS): $(LIB_OBJECTS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^
