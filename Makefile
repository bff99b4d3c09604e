# Railyard top-level Makefile: one non-recursive GNU make build.  Each
# directory contributes a module.mk fragment.  `make help` lists targets.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
SBINDIR = $(PREFIX)/sbin
PKGDATADIR = $(PREFIX)/share/openvswitch

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = jansson openssl libnl-3.0 libnl-route-3.0 libcap-ng

SANITIZE ?=
OPT ?= -O2 -g

WARNINGS = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -Wpointer-arith -Wformat=2 -Wno-format-nonliteral \
	-Wno-unused-parameter -Wno-missing-field-initializers \
	-Wold-style-definition -Wmissing-declarations -Wvla

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = -std=gnu11 $(OPT) $(WARNINGS) -D_GNU_SOURCE -I. -Ilib \
	-DPKGDATADIR='"$(PKGDATADIR)"' $(PKG_CFLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)
LIBS = $(PKG_LIBS) -lpthread -lm
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

# Rebuild everything when the compiler flags change (e.g. SANITIZE=...).
FLAGS_STAMP = .build-flags
FLAGS_NOW = $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)
ifneq ($(file < $(FLAGS_STAMP)),$(FLAGS_NOW))
$(file > $(FLAGS_STAMP),$(FLAGS_NOW))
endif
MAKEFLAGS += -r

PROGRAMS =
SBIN_PROGRAMS =
BIN_PROGRAMS =
SCRIPTS =
DATA =
UNIT_TESTS =
FUZZ_TARGETS =
CLEANFILES =
DEPS =

.PHONY: all
all: programs

include lib/module.mk
include ovsdb/module.mk
include vswitchd/module.mk
include utilities/module.mk
include datapath/module.mk
include tests/module.mk

.PHONY: programs
programs: $(PROGRAMS) $(DATA) $(SCRIPTS)

%.o: %.c $(FLAGS_STAMP)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

-include $(DEPS)

.PHONY: help
help:
	@echo 'Railyard make targets:'
	@echo '  make [all]       build every program (V=1 shows commands)'
	@echo '  make run         install missing Debian packages, build, start'
	@echo '                   ovsdb-server with the default paths'
	@echo '  make stop        stop the daemons started by make run'
	@echo '  make check       install test dependencies, build, run all tests'
	@echo '  make unit        build and run only the cmocka unit tests'
	@echo '  make bench       benchmarks, ours next to OVS 3.1'
	@echo '  make fuzz        build libFuzzer targets with clang (tests/fuzz)'
	@echo '  make install     install under $$(DESTDIR)$$(PREFIX) ($(PREFIX))'
	@echo '  make clean       remove build outputs'
	@echo 'Variables: PREFIX, DESTDIR, V=1, SANITIZE=address,undefined,'
	@echo '  TESTS=<pattern> (make check: run only matching tests)'

.PHONY: deps
deps:
	$(Q)sh tests/install-deps.sh build

.PHONY: check-deps
check-deps:
	$(Q)sh tests/install-deps.sh check

.PHONY: check
check: check-deps
	$(Q)$(MAKE) --no-print-directory all unit-tests
	$(Q)sh tests/run-tests.sh $(TESTS)

.PHONY: unit
unit: all unit-tests
	$(Q)sh tests/run-tests.sh unit

.PHONY: unit-tests
unit-tests: $(UNIT_TESTS)

.PHONY: run
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh utilities/ovs-ctl --in-tree start

.PHONY: stop
stop:
	$(Q)sh utilities/ovs-ctl --in-tree stop

.PHONY: bench
bench: check-deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tests/perf/run-bench.sh

.PHONY: install
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(PKGDATADIR)
	$(if $(SBIN_PROGRAMS),install -m 755 $(SBIN_PROGRAMS) $(DESTDIR)$(SBINDIR))
	$(if $(BIN_PROGRAMS),install -m 755 $(BIN_PROGRAMS) $(DESTDIR)$(BINDIR))
	$(if $(DATA),install -m 644 $(DATA) $(DESTDIR)$(PKGDATADIR))

.PHONY: clean
clean:
	rm -f $(PROGRAMS) $(UNIT_TESTS) $(CLEANFILES) $(FLAGS_STAMP)
	find . -name '*.o' -o -name '*.d' -o -name '*.a' | xargs rm -f
