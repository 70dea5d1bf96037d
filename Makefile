# limber — plain Makefile. `make run` and `make check` install missing build
# dependencies first (scripts/deps.sh says what it installs).

VERSION   = 0.1.0
PREFIX   ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/limber
PKG_CONFIG ?= pkg-config
CC       ?= cc

PKGS      = ncursesw yaml-0.1
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wformat=2
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            $(WARN) $(CFLAGS) -Iinclude \
            -DLIMBER_VERSION='"$(VERSION)"' -DLIMBER_DATADIR='"$(DATADIR)"' \
            $$($(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS      = $$($(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_LIBS = $$($(PKG_CONFIG) --libs check 2>/dev/null)

# B is the build folder; `make check-asan` reuses these rules with B=build-asan.
B        ?= build
SRC       = $(sort $(wildcard src/*.c))
OBJ       = $(SRC:src/%.c=$(B)/%.o)
LIBOBJ    = $(filter-out $(B)/main.o,$(OBJ))
TESTSRC   = $(sort $(wildcard tests/check_*.c))
TESTBIN   = $(TESTSRC:tests/%.c=$(B)/tests/%)

all: limber

limber: $(B)/limber
	@if [ "$(B)" = build ]; then cp $(B)/limber limber; fi

$(B)/limber: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

$(B)/%.o: src/%.c $(wildcard include/*.h) | $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# paths.o bakes in DATADIR: rebuild it when PREFIX or DATADIR changes, so
# `make install PREFIX=...` after a plain `make` finds its routines.
$(B)/paths.o: $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE | $(B)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:

$(B)/tests/%: tests/%.c tests/testutil.h $(LIBOBJ) | $(B)
	@mkdir -p $(B)/tests
	$(CC) $(ALL_CFLAGS) -Itests $$($(PKG_CONFIG) --cflags check 2>/dev/null) \
	  $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LIBS) $(TEST_LIBS)

$(B):
	@mkdir -p $(B)

deps:
	@sh scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory limber
	./limber

tests: $(TESTBIN) $(B)/limber

# Unit tests (Check), then the command-line and terminal tests.
check: deps
	@$(MAKE) --no-print-directory tests
	@LIMBER=$(CURDIR)/$(B)/limber sh scripts/run-tests.sh $(TESTBIN)

check-asan: deps
	@$(MAKE) --no-print-directory B=build-asan \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  LDFLAGS='-fsanitize=address,undefined' tests
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  LIMBER=$(CURDIR)/build-asan/limber sh scripts/run-tests.sh \
	  $(TESTSRC:tests/%.c=build-asan/tests/%)

# The real binary under valgrind memcheck: load, show, a headless session
# with ratings, history, export. No leaks, no invalid accesses.
check-valgrind: deps
	@sh scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory limber
	@LIMBER=$(CURDIR)/limber sh scripts/valgrind.sh

bench: deps limber
	@sh bench/run.sh

install: $(B)/limber
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/routines \
	  $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5
	install -m 755 $(B)/limber $(DESTDIR)$(PREFIX)/bin/limber
	cp -R routines/. $(DESTDIR)$(DATADIR)/routines/
	install -m 644 man/limber.1 $(DESTDIR)$(MANPREFIX)/man1/limber.1
	install -m 644 man/limber-routines.5 $(DESTDIR)$(MANPREFIX)/man5/limber-routines.5

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/limber
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(MANPREFIX)/man1/limber.1 $(DESTDIR)$(MANPREFIX)/man5/limber-routines.5

clean:
	rm -rf build build-asan build-fuzz limber

.PHONY: all limber deps run tests check check-asan check-valgrind bench install uninstall clean FORCE

# ---- fuzzing (fuzz/, doc/hardening.md) -------------------------------------
# `make fuzz` installs clang + libFuzzer if missing (scripts/deps-fuzz.sh),
# builds the loader and planner with -fsanitize=fuzzer,address,undefined into
# build-fuzz/, and runs the target for FUZZ_SECONDS on FUZZ_JOBS cores.
# `make fuzz-run` runs an existing build: first every saved crash in
# fuzz/regressions/ once, then fuzzing from a working copy of fuzz/corpus/
# in build-fuzz/corpus/ (new inputs go there, never into the repository).
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_CC      ?= clang
FUZZ_ARGS    ?=
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
                -O1 -g -fno-omit-frame-pointer -Iinclude \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                $$($(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
FUZZ_SRC      = arena diag idmap library libschema libvalue plan plan_print \
                region scalar xalloc yamltree
FUZZ_OBJ      = $(FUZZ_SRC:%=build-fuzz/%.o)

build-fuzz/fuzz_library: fuzz/fuzz_library.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_library.c $(FUZZ_OBJ) \
	  $$($(PKG_CONFIG) --libs yaml-0.1 2>/dev/null)

build-fuzz/%.o: src/%.c $(wildcard include/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

fuzz: deps
	@sh scripts/deps-fuzz.sh
	@$(MAKE) --no-print-directory build-fuzz/fuzz_library
	@$(MAKE) --no-print-directory fuzz-run

# With FUZZ_JOBS > 1 libFuzzer writes each job's log to build-fuzz/fuzz-N.log.
fuzz-run:
	@if ls fuzz/regressions/* >/dev/null 2>&1; then \
	  echo "replaying fuzz/regressions/"; \
	  build-fuzz/fuzz_library -runs=1 fuzz/regressions/* >build-fuzz/regressions.log 2>&1 || \
	    { cat build-fuzz/regressions.log; exit 1; }; \
	  echo "$$(grep -c '^Executed' build-fuzz/regressions.log) saved inputs ran clean"; fi
	@mkdir -p build-fuzz/corpus && cp -n fuzz/corpus/* build-fuzz/corpus/
	cd build-fuzz && ./fuzz_library -dict=../fuzz/yaml.dict \
	  -max_total_time=$(FUZZ_SECONDS) \
	  $$([ $(FUZZ_JOBS) -gt 1 ] && echo -jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
	  -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=./crash- $(FUZZ_ARGS) corpus

# `make fuzz-cov`: line and branch coverage of the loader and planner by the
# working corpus (build-fuzz/corpus, else fuzz/corpus), via llvm-cov.
FUZZ_COV_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O0 -g -Iinclude \
                 -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
                 $$($(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
FUZZ_PROFDATA ?= llvm-profdata
FUZZ_LLVM_COV ?= llvm-cov

build-fuzz/cov/fuzz_library: fuzz/fuzz_library.c $(FUZZ_SRC:%=src/%.c) $(wildcard include/*.h)
	@mkdir -p build-fuzz/cov
	$(FUZZ_CC) $(FUZZ_COV_FLAGS) -o $@ fuzz/fuzz_library.c $(FUZZ_SRC:%=src/%.c) \
	  $$($(PKG_CONFIG) --libs yaml-0.1 2>/dev/null)

fuzz-cov: build-fuzz/cov/fuzz_library
	@c=build-fuzz/corpus; [ -d $$c ] || c=fuzz/corpus; \
	  LLVM_PROFILE_FILE=build-fuzz/cov/fuzz.profraw build-fuzz/cov/fuzz_library \
	    -runs=0 $$c >build-fuzz/cov/run.log 2>&1; \
	  echo "coverage of $$(ls $$c | wc -l) inputs in $$c:"
	@$(FUZZ_PROFDATA) merge -sparse -o build-fuzz/cov/fuzz.profdata build-fuzz/cov/fuzz.profraw
	@$(FUZZ_LLVM_COV) report build-fuzz/cov/fuzz_library \
	  -instr-profile=build-fuzz/cov/fuzz.profdata $(FUZZ_SRC:%=src/%.c)

.PHONY: fuzz fuzz-run fuzz-cov
