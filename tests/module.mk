# tests/: cmocka unit tests (tests/unit/test-*.c, one binary each) and
# libFuzzer targets (tests/fuzz, built by `make fuzz` with clang).
UNIT_TESTS := $(patsubst %.c,%,$(wildcard tests/unit/test-*.c))
DEPS += $(UNIT_TESTS:=.d)

$(UNIT_TESTS): %: %.o $(LIBDATAPATH) $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBDATAPATH) $(LIBOVSDB) $(LIBOVS) \
		$(LIBS) $(CMOCKA_LIBS)

# libFuzzer targets: tests/fuzz/fuzz-*.c, each linked with every lib/ and
# ovsdb/ library source.  Objects are compiled once with clang and the
# fuzzer/address/undefined instrumentation into tests/fuzz/obj/ (apart
# from the normal build, which they never disturb) and rebuilt
# incrementally; binaries land in tests/fuzz/bin/.  UBSan findings abort
# so that libFuzzer records them as crashes.
FUZZ_CC ?= clang
FUZZ_SOURCES := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,tests/fuzz/bin/%,$(FUZZ_SOURCES))
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -std=gnu11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE \
	-I. -Ilib -DPKGDATADIR='"$(PKGDATADIR)"' $(PKG_CFLAGS) \
	$(FUZZ_SANITIZE) -MMD -MP
FUZZ_ALL_SOURCES = $(LIB_SOURCES) $(OVSDB_LIB_SOURCES) $(DATAPATH_SOURCES)
FUZZ_LIB_OBJECTS = $(patsubst %.c,tests/fuzz/obj/%.o,$(FUZZ_ALL_SOURCES))
DEPS += $(patsubst %.c,tests/fuzz/obj/%.d,$(FUZZ_ALL_SOURCES) \
	$(FUZZ_SOURCES))

tests/fuzz/obj/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -c $< -o $@

tests/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

# An archive, like the normal build: a target pulls in only the modules
# it uses.
FUZZ_LIB = tests/fuzz/obj/libfuzz.a
$(FUZZ_LIB): $(FUZZ_LIB_OBJECTS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_TARGETS): tests/fuzz/bin/%: tests/fuzz/obj/tests/fuzz/%.o $(FUZZ_LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_SANITIZE) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_LIB) $(PKG_LIBS) -lpthread -lm

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS)
CLEANFILES += tests/fuzz/bin/*

# Benchmark helpers (tests/perf/*.c), built by `make bench`.
PERF_PROGRAMS := $(patsubst %.c,%,$(wildcard tests/perf/*.c))
DEPS += $(PERF_PROGRAMS:=.d)
$(PERF_PROGRAMS): %: %.o $(LIBDATAPATH) $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBDATAPATH) $(LIBOVSDB) $(LIBOVS) \
		$(LIBS)
CLEANFILES += $(PERF_PROGRAMS)

# Helper programs driven by shell tests (tests/idl-test/*.c), built with
# the unit tests.
TEST_HELPERS := $(patsubst %.c,%,$(wildcard tests/idl-test/*.c))
DEPS += $(TEST_HELPERS:=.d)
$(TEST_HELPERS): %: %.o $(LIBOVSDB) $(LIBOVS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBOVSDB) $(LIBOVS) $(LIBS)
unit-tests: $(TEST_HELPERS)
CLEANFILES += $(TEST_HELPERS)
