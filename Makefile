# limber — plain Makefile. `make run` installs what building needs if it is
# missing, `make check` that and what the tests use (scripts/deps.sh says
# what it installs; LIMBER_NO_DEPS=1 skips it). Without make: ./make.sh.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/limber
PKG_CONFIG ?= pkg-config
CC       ?= cc

# Libraries, as pkg-config name:Debian package. A new library is one row here.
PKGS      = ncursesw:libncurses-dev yaml-0.1:libyaml-dev
TEST_PKGS = check:check
# Commands the tests call, as command:Debian package (a test skips, saying
# why, when its command is missing and nothing installed it).
TEST_TOOLS = tmux:tmux strace:strace pgrep:procps
PC_NAMES  = $(foreach p,$(PKGS),$(firstword $(subst :, ,$(p))))
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wformat=2
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            $(WARN) $(CFLAGS) -Iinclude \
            -DLIMBER_VERSION='"$(VERSION)"' -DLIMBER_DATADIR='"$(DATADIR)"' \
            $$($(PKG_CONFIG) --cflags $(PC_NAMES) 2>/dev/null)
LIBS      = $$($(PKG_CONFIG) --libs $(PC_NAMES) 2>/dev/null) -lm
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
	@# Copy, then rename over: a limber still running keeps its old file
	@# (cp onto a running binary fails with "Text file busy").
	@if [ "$(B)" = build ]; then cp $(B)/limber limber.tmp && mv -f limber.tmp limber; fi

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

# What building needs; deps-check adds what the tests need.
deps:
	@sh scripts/deps.sh --build $(PKGS:%=--pc %)
deps-check:
	@sh scripts/deps.sh --build $(PKGS:%=--pc %) $(TEST_PKGS:%=--pc %) \
	  $(TEST_TOOLS:%=--cmd %)

run: deps
	@$(MAKE) --no-print-directory limber
	./limber

tests: $(TESTBIN) $(B)/limber

# Unit tests (Check), then the command-line and terminal tests.
check: deps-check
	@$(MAKE) --no-print-directory tests
	@LIMBER=$(CURDIR)/$(B)/limber sh scripts/run-tests.sh $(TESTBIN)

check-asan: deps-check
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

# The peers and measuring tools: tty-clock is needed; hyperfine, GNU time and
# valgrind only sharpen the numbers, so each goes in if the archive has it.
bench: deps limber
	@sh scripts/deps.sh tty-clock --pkg hyperfine --pkg time --pkg valgrind --pkg stress-ng
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

.PHONY: all limber deps deps-check run tests check check-asan check-valgrind bench install uninstall clean FORCE

# ---- fuzzing (fuzz/, doc/hardening.md) -------------------------------------
# Two libFuzzer targets, fuzz/fuzz_NAME.c for NAME in FUZZ_TARGETS:
#   library  the routine loader and the planner
#   journal  the journal reader and what consumes it (balance, history, plan)
# Each has its seeds, saved crashes and dictionary:
#   library  fuzz/corpus/          fuzz/regressions/          fuzz/yaml.dict
#   journal  fuzz/corpus-journal/  fuzz/regressions-journal/  fuzz/journal.dict
# `make fuzz` installs clang + libFuzzer if missing (scripts/deps-fuzz.sh),
# builds every target with -fsanitize=fuzzer,address,undefined into
# build-fuzz/, and runs each in turn for FUZZ_SECONDS on FUZZ_JOBS cores.
# `make fuzz-run` runs existing builds: for each target, first every saved
# crash once, then fuzzing from a working copy of its seeds in
# build-fuzz/corpus/ (library) or build-fuzz/corpus-journal/ (new inputs go
# there, never into the repository). One target only:
# `make fuzz FUZZ_TARGETS=journal` (or fuzz-run-journal, fuzz-cov-journal).
FUZZ_TARGETS ?= library journal
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_CC      ?= clang
FUZZ_ARGS    ?=
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
                -O1 -g -fno-omit-frame-pointer -Iinclude \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                $$($(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
# Sources each target links; FUZZ_SRC is every source any target needs.
FUZZ_SRC_library = arena diag figure figure_schema idmap library libschema libvalue \
                   plan plan_print region scalar xalloc yamltree
FUZZ_SRC_journal = arena balance diag figure figure_schema history idmap journal \
                   journal_read library libschema libvalue paths plan region scalar \
                   xalloc yamltree
FUZZ_SRC      = $(sort $(FUZZ_SRC_library) $(FUZZ_SRC_journal))
FUZZ_OBJ      = $(FUZZ_SRC:%=build-fuzz/%.o)
# Reached only through pattern rules: keep them (make deletes intermediates).
.SECONDARY: $(FUZZ_OBJ) build-fuzz/cov/fuzz_library build-fuzz/cov/fuzz_journal
# Where each target keeps its seeds, saved crashes and dictionary (in fuzz/).
FUZZ_CORPUS_library = corpus
FUZZ_CORPUS_journal = corpus-journal
FUZZ_REGR_library   = regressions
FUZZ_REGR_journal   = regressions-journal
FUZZ_DICT_library   = yaml.dict
FUZZ_DICT_journal   = journal.dict

build-fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_$*.c $(FUZZ_SRC_$*:%=build-fuzz/%.o) \
	  $$($(PKG_CONFIG) --libs yaml-0.1 2>/dev/null) -lm

build-fuzz/%.o: src/%.c $(wildcard include/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

fuzz: deps
	@sh scripts/deps-fuzz.sh
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@$(MAKE) --no-print-directory fuzz-run

fuzz-run:
	@for t in $(FUZZ_TARGETS); do \
	  $(MAKE) --no-print-directory fuzz-run-$$t || exit 1; done

# One target. Crashes are saved as build-fuzz/NAME-crash-*; with FUZZ_JOBS > 1
# libFuzzer's job logs end up in build-fuzz/NAME-fuzz-N.log.
fuzz-run-%:
	@r=fuzz/$(FUZZ_REGR_$*); if ls $$r/* >/dev/null 2>&1; then \
	  echo "$*: replaying $$r/"; \
	  build-fuzz/fuzz_$* -runs=1 $$r/* >build-fuzz/regressions-$*.log 2>&1 || \
	    { cat build-fuzz/regressions-$*.log; exit 1; }; \
	  echo "$*: $$(grep -c '^Executed' build-fuzz/regressions-$*.log) saved inputs ran clean"; fi
	@mkdir -p build-fuzz/$(FUZZ_CORPUS_$*) && \
	  cp -n fuzz/$(FUZZ_CORPUS_$*)/* build-fuzz/$(FUZZ_CORPUS_$*)/
	cd build-fuzz && ./fuzz_$* -dict=../fuzz/$(FUZZ_DICT_$*) \
	  -max_total_time=$(FUZZ_SECONDS) \
	  $$([ $(FUZZ_JOBS) -gt 1 ] && echo -jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
	  -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=./$*- $(FUZZ_ARGS) $(FUZZ_CORPUS_$*); \
	  rc=$$?; for f in fuzz-*.log; do [ -f "$$f" ] && mv "$$f" "$*-$$f"; done; exit $$rc

# `make fuzz-cov`: line and branch coverage of each target's sources by its
# working corpus (build-fuzz/corpus*, else the seeds in fuzz/), via llvm-cov.
# The journal report lists the reader and its consumers (journal.c is linked
# only for the outcome and end names).
FUZZ_COV_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O0 -g -Iinclude \
                 -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
                 $$($(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
FUZZ_PROFDATA ?= llvm-profdata
FUZZ_LLVM_COV ?= llvm-cov
FUZZ_COV_library = $(FUZZ_SRC_library)
FUZZ_COV_journal = journal_read balance history

build-fuzz/cov/fuzz_%: fuzz/fuzz_%.c $(FUZZ_SRC:%=src/%.c) $(wildcard include/*.h)
	@mkdir -p build-fuzz/cov
	$(FUZZ_CC) $(FUZZ_COV_FLAGS) -o $@ fuzz/fuzz_$*.c $(FUZZ_SRC_$*:%=src/%.c) \
	  $$($(PKG_CONFIG) --libs yaml-0.1 2>/dev/null) -lm

fuzz-cov:
	@for t in $(FUZZ_TARGETS); do \
	  $(MAKE) --no-print-directory fuzz-cov-$$t || exit 1; done

fuzz-cov-%: build-fuzz/cov/fuzz_%
	@c=build-fuzz/$(FUZZ_CORPUS_$*); [ -d $$c ] || c=fuzz/$(FUZZ_CORPUS_$*); \
	  LLVM_PROFILE_FILE=build-fuzz/cov/$*.profraw build-fuzz/cov/fuzz_$* \
	    -runs=0 $$c >build-fuzz/cov/run-$*.log 2>&1; \
	  echo "$*: coverage of $$(ls $$c | wc -l) inputs in $$c:"
	@$(FUZZ_PROFDATA) merge -sparse -o build-fuzz/cov/$*.profdata build-fuzz/cov/$*.profraw
	@$(FUZZ_LLVM_COV) report build-fuzz/cov/fuzz_$* \
	  -instr-profile=build-fuzz/cov/$*.profdata $(FUZZ_COV_$*:%=src/%.c)

.PHONY: fuzz fuzz-run fuzz-cov
