# tests/: cmocka unit tests (tests/unit/test-*.c, one binary each) and
# libFuzzer targets (tests/fuzz, built by `make fuzz` with clang).
UNIT_TESTS := $(patsubst %.c,%,$(wildcard tests/unit/test-*.c))
DEPS += $(UNIT_TESTS:=.d)

$(UNIT_TESTS): %: %.o $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBOVSDB) $(LIBOVS) $(LIBS) \
		$(CMOCKA_LIBS)

FUZZ_SOURCES := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_CFLAGS = -std=gnu11 -g -O1 -D_GNU_SOURCE -I. -Ilib \
	-DPKGDATADIR='"$(PKGDATADIR)"' $(PKG_CFLAGS) \
	-fsanitize=fuzzer,address,undefined
FUZZ_ALL_SOURCES = $(LIB_SOURCES) $(OVSDB_LIB_SOURCES)

.PHONY: fuzz
fuzz:
	$(Q)mkdir -p tests/fuzz/bin
	$(Q)for f in $(FUZZ_SOURCES); do \
	    b=tests/fuzz/bin/$$(basename $$f .c); \
	    echo "  FUZZ    $$b"; \
	    clang $(FUZZ_CFLAGS) -o $$b $$f $(FUZZ_ALL_SOURCES) \
	        $(PKG_LIBS) -lpthread -lm || exit 1; \
	done
CLEANFILES += tests/fuzz/bin/*

# Benchmark helpers (tests/perf/*.c), built by `make bench`.
PERF_PROGRAMS := $(patsubst %.c,%,$(wildcard tests/perf/*.c))
DEPS += $(PERF_PROGRAMS:=.d)
$(PERF_PROGRAMS): %: %.o $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBOVSDB) $(LIBOVS) $(LIBS)
CLEANFILES += $(PERF_PROGRAMS)
