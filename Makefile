# limber — plain Makefile. `make run` installs what building needs if it is
# missing, `make check` that and what the tests use (scripts/deps.sh says
# what it installs; LIMBER_NO_DEPS=1 skips it). Without make: ./make.sh.
#
# For packagers: CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS are yours (what limber
# itself needs is added around them; a CFLAGS with an -O or -g level
# replaces the default -O2 -g, one without adds to it), PREFIX, BINDIR, MANPREFIX, DATADIR,
# BASHCOMPDIR, ZSHCOMPDIR and DESTDIR place the files, PKG_CONFIG, CC and AR
# name the tools, and LIMBER_NO_DEPS=1 keeps apt-get out of it.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/limber
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
PKG_CONFIG ?= pkg-config

# Libraries, as pkg-config name:Debian package. A new library is one row here:
# the build asks pkg-config for it, `make run` installs its package, and a
# build without it stops naming both. DLOPEN_PKGS are opened at run time, only
# when needed: ncursesw by src/curses_lib.c when a full-screen screen starts,
# libyaml by src/yaml_lib.c when a file must really be parsed, the audio
# libraries by src/audio_lib.c when the coach speaks. The build needs their
# headers, not their link flags, so a command that draws no screen does not
# map ncursesw and tinfo, one that parses nothing not libyaml, and one that
# stays silent not the ~38 libraries audio pulls in (debian/control then
# names the required ones in Depends). LINK_PKGS, linked, is empty today.
DLOPEN_PKGS = ncursesw:libncurses-dev yaml-0.1:libyaml-dev espeak-ng:libespeak-ng-dev \
              libpulse-simple:libpulse-dev
PKGS      = $(DLOPEN_PKGS)
LINK_PKGS = $(filter-out $(DLOPEN_PKGS),$(PKGS))
TEST_PKGS = check:check
# Commands the tests call, as command:Debian package; `make check` installs
# them where apt-get can (a test skips, saying why, when its command is
# missing all the same, and `make check` goes on).
TEST_TOOLS = tmux:tmux pulseaudio:pulseaudio clang:clang \
             parec:pulseaudio-utils sox:sox chromium:chromium \
             pdftotext:poppler-utils pdftoppm:poppler-utils zsh:zsh \
             strace:strace

WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wformat=2
# CFLAGS is the caller's. make hands `make CFLAGS+=-DX` over as CFLAGS=-DX,
# so the default level cannot live in CFLAGS itself: CFLAGS that set no -O
# or -g level of their own add to -O2 -g, CFLAGS that set one (`make
# CFLAGS=-O0`, dpkg-buildflags' "-g -O2 ...") replace it. -std and the
# warnings (ALL_CFLAGS) and the -D and -I flags (ALL_CPPFLAGS) stay either way.
# In ALL_CFLAGS the caller's flags come after -std=c11 and -O2 -g, so theirs
# win; the warnings come after them, so dpkg-buildflags' bare -Wformat (level
# 1: GCC takes the last level) does not lower -Wformat=2; and the caller's
# -Wno-* come last, so a warning can still be turned off.
OPTFLAGS  = -O2 -g
CFLAGS   ?=
LDLIBS   ?=

# pkg-config runs here, once per make, not once per compile command.
pc_name   = $(firstword $(subst :, ,$(1)))
pc_deb    = $(lastword $(subst :, ,$(1)))
pc_have  := $(shell command -v $(PKG_CONFIG) 2>/dev/null)
pc_missing = $(strip $(if $(pc_have),$(foreach p,$(1),$(if $(shell $(PKG_CONFIG) --exists \
             $(call pc_name,$(p)) && echo y),,$(p))),pkg-config:pkg-config))
PC_MISSING := $(call pc_missing,$(PKGS))
PC_CFLAGS  := $(if $(PC_MISSING),,$(shell $(PKG_CONFIG) --cflags $(foreach p,$(PKGS),$(call pc_name,$(p)))))
PC_LIBS    := $(if $(PC_MISSING)$(if $(LINK_PKGS),,none),,$(shell $(PKG_CONFIG) --libs \
              $(foreach p,$(LINK_PKGS),$(call pc_name,$(p)))))

ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
            -DLIMBER_VERSION='"$(VERSION)"' -DLIMBER_DATADIR='"$(DATADIR)"' \
            $(PC_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(if $(filter -O% -g%,$(CFLAGS)),,$(OPTFLAGS)) $(CFLAGS) $(WARN) \
             $(filter -Wno-%,$(CFLAGS))
# libm only as needed: src/math_lib.c opens it with dlopen for the figure and
# the tones, so an optimised build calls nothing in it and need not map it
# at every start; a build that leaves floorf or ceilf as calls still links it.
LIBS       = $(PC_LIBS) -Wl,--push-state,--as-needed -lm -Wl,--pop-state -pthread $(LDLIBS)

# B is the build folder; `make check-asan` reuses these rules with B=build-asan.
B        ?= build
SRC       = $(sort $(wildcard src/*.c))
OBJ       = $(SRC:src/%.c=$(B)/%.o)
CORE_OBJ  = $(filter-out $(B)/main.o,$(OBJ))
TESTSRC   = $(sort $(wildcard tests/check_*.c))
TESTBIN   = $(TESTSRC:tests/%.c=$(B)/tests/%)

all: limber

limber: $(B)/limber
	@# Copy, then rename over: a limber still running keeps its old file
	@# (cp onto a running binary fails with "Text file busy").
	@if [ "$(B)" = build ]; then cp $(B)/limber limber.tmp && mv -f limber.tmp limber; fi

# What `limber list` runs, linked first so that its code sits together at
# the front of .text: the first run of each 64 KiB of code is a page fault
# (15 us or so on the VM this is measured on), and taken from the archive
# (whose order is alphabetical) the start-up code was spread over 6 of them,
# here 3 (doc/hardening.md). The rest come from the archive as before; a name
# missing here costs only that fault, a name that is no file stops the build.
START_OBJ = $(patsubst %,$(B)/%.o,cli cmd_list paths bigheap library yamlcache \
            libschema libvalue yamltree figure_schema figure scalar region textsafe \
            arena xalloc idmap posindex diag plan record journal_read jfolder jparse \
            jsummary balance)

$(B)/limber: $(B)/main.o $(START_OBJ) $(B)/liblimber.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(B)/main.o $(START_OBJ) $(B)/liblimber.a $(LIBS)

# Everything but main(), built once: the binary, the unit tests and the fuzz
# targets link it, each taking only the objects it calls.
$(B)/liblimber.a: $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(B)/%.o: src/%.c $(wildcard include/*.h) | $(B) libs-found
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# A missing library stops the build here, by name, rather than as an
# undeclared get_wch later.
libs-found:
	@$(if $(PC_MISSING),for p in $(PC_MISSING); do \
	  echo "limber: $${p%%:*} not found (install $${p#*:})" >&2; done; exit 1,:)

# paths.o bakes in DATADIR: rebuild it when PREFIX or DATADIR changes, so
# `make install PREFIX=...` after a plain `make` finds its routines.
$(B)/paths.o: $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE | $(B)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:

# The unit tests' own library (Check), asked of pkg-config once too.
TEST_MISSING := $(call pc_missing,$(TEST_PKGS))
TEST_CFLAGS  := $(if $(TEST_MISSING),,$(shell $(PKG_CONFIG) --cflags $(foreach p,$(TEST_PKGS),$(call pc_name,$(p)))))
TEST_LIBS    := $(if $(TEST_MISSING),,$(shell $(PKG_CONFIG) --libs $(foreach p,$(TEST_PKGS),$(call pc_name,$(p)))))
# Without Check the check comes first, before the core library is built for
# nothing (an order-only prerequisite waits for the others).
$(B)/tests/%: $(if $(TEST_MISSING),test-libs-found) tests/%.c $(wildcard tests/*.h) \
              $(B)/liblimber.a | $(B)/tests test-libs-found
	$(CC) $(ALL_CPPFLAGS) -Itests $(TEST_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) \
	  -o $@ $< $(B)/liblimber.a $(TEST_LIBS) $(LIBS)
$(B)/tests: | $(B)
	@mkdir -p $@
test-libs-found: libs-found
	@$(if $(TEST_MISSING),for p in $(TEST_MISSING); do \
	  echo "limber: $${p%%:*} not found (install $${p#*:}; the tests need it)" >&2; done; exit 1,:)

$(B):
	@mkdir -p $(B)

# What building needs; deps-check adds what the tests need.
deps:
	@sh scripts/deps.sh --build $(PKGS:%=--pc %)
deps-check:
	@sh scripts/deps.sh --build $(PKGS:%=--pc %) $(TEST_PKGS:%=--pc %) \
	  $(TEST_TOOLS:%=--tool %)

run: deps
	@$(MAKE) --no-print-directory limber
	./limber

# The fuzz targets built with a plain main() (fuzz/replay.c) and the
# project's warnings: tests/fuzz_replay.sh replays their seeds and crashes.
FUZZ_REPLAY = $(patsubst fuzz/fuzz_%.c,$(B)/tests/replay_%,$(wildcard fuzz/fuzz_*.c))
$(B)/tests/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(B)/liblimber.a | $(B)/tests
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Werror=implicit-function-declaration $(LDFLAGS) \
	  -o $@ fuzz/fuzz_$*.c fuzz/replay.c $(B)/liblimber.a $(LIBS)

tests: $(TESTBIN) $(FUZZ_REPLAY) $(B)/limber

# ---- the test suites, in parallel ---------------------------------------
# Each Check binary and each tests/*.sh (but the *_lib.sh helpers) is one
# suite and one target, suite-NAME, so make's jobserver runs them side by
# side: `make -jN check` uses N, a plain `make check` CHECK_JOBS (most suites
# wait on a terminal or a clock, so more jobs than cores pay). Each suite's
# output is printed in one piece when it ends (scripts/run-suite.sh), then
# one line "suites: N passed, N failed". The longest go first.
CHECK_JOBS ?= 3
SUITE_ALL  = $(TESTSRC:tests/%.c=%) \
             $(filter-out %_lib,$(patsubst tests/%.sh,%,$(wildcard tests/*.sh)))
SUITE_FIRST = tui killtest tui_storm tui_draw hostile play journal install cli
SUITES     = $(filter $(SUITE_ALL),$(SUITE_FIRST)) $(filter-out $(SUITE_FIRST),$(SUITE_ALL))
SUITE_ENV ?=
# -j unless the caller gave one (then its jobserver is used).
CHECK_J    = $(if $(filter -j% --jobserver%,$(MAKEFLAGS)),,-j$(CHECK_JOBS))

check: deps-check
	@$(MAKE) --no-print-directory $(CHECK_J) tests
	@$(MAKE) --no-print-directory $(CHECK_J) suites

# The Check suites alone: no terminal, tmux or apt needed (debian/rules).
check-unit:
	@$(MAKE) --no-print-directory $(CHECK_J) $(TESTBIN)
	@$(MAKE) --no-print-directory $(CHECK_J) suites SUITES='$(TESTSRC:tests/%.c=%)'

suites: $(SUITES:%=suite-%)
	@sh scripts/run-suite.sh --summary $(B) $(SUITES)

# `+`: suites that run make themselves (install, deps) share the jobserver.
$(SUITE_ALL:%=suite-%): suite-%:
	+@$(SUITE_ENV) LIMBER=$(CURDIR)/$(B)/limber sh scripts/run-suite.sh $(B) $*

# Under ASan every suite is slower and the timing-bound ones (tui, hostile)
# need the cores: its suites run one at a time unless -jN is given.
ASAN_JOBS ?= 1
ASAN_J     = $(if $(filter -j% --jobserver%,$(MAKEFLAGS)),,-j$(ASAN_JOBS))
ASAN_VARS = B=build-asan LDFLAGS='-fsanitize=address,undefined' \
  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'
check-asan: deps-check
	@$(MAKE) --no-print-directory $(CHECK_J) $(ASAN_VARS) tests
	@$(MAKE) --no-print-directory $(ASAN_J) $(ASAN_VARS) \
	  SUITE_ENV='ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1' \
	  suites

# The real binary under valgrind memcheck: load, show, a headless session
# with ratings, history, export. No leaks, no invalid accesses.
check-valgrind: deps
	@sh scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory limber
	@LIMBER=$(CURDIR)/limber sh scripts/valgrind.sh

# The README's quick start on a freshly bootstrapped minimal Debian
# (debootstrap, root; skips saying why elsewhere). .ci/run runs it.
check-fresh:
	@sh scripts/fresh-check.sh

# The Debian packages of PKGS, one a line (check-package.sh compares them
# with debian/control's Build-Depends).
print-build-debs:
	@for p in $(foreach p,$(PKGS),$(call pc_deb,$(p))); do echo $$p; done
print-test-debs:
	@for p in $(foreach p,$(TEST_PKGS) $(TEST_TOOLS),$(call pc_deb,$(p))); do echo $$p; done

# The Debian package (debian/): built from a copy of this tree with
# dpkg-buildpackage, lintian-clean, installed with apt-get, run (limber list,
# man -w limber, the bash completion in place), purged.
check-package:
	@sh scripts/check-package.sh

# The peers and measuring tools: tty-clock (the idle peer) and tmux are
# needed; GNU time (peak RSS), valgrind (instructions), stress-ng (the busy
# cores of the timer bench), perf (CPU of the headless minute, loadcost.sh)
# and strace (wake-ups) each go in if the archive has it, and a bench
# without one says what it skipped.
bench: deps limber
	@sh scripts/deps.sh tty-clock tmux --pkg time --pkg valgrind --pkg stress-ng \
	  --pkg linux-perf --pkg strace
	@sh bench/run.sh

# ---- install ----------------------------------------------------------------
# Named files only: uninstall removes exactly these, then the folders limber
# made if they are empty; never a folder with whatever is in it.
ROUTINE_FILES = $(sort $(wildcard routines/*))
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
INSTALLED = $(DESTDIR)$(BINDIR)/limber \
            $(ROUTINE_FILES:routines/%=$(DESTDIR)$(DATADIR)/routines/%) \
            $(MAN1:man/%=$(DESTDIR)$(MANPREFIX)/man1/%) \
            $(MAN5:man/%=$(DESTDIR)$(MANPREFIX)/man5/%) \
            $(DESTDIR)$(BASHCOMPDIR)/limber $(DESTDIR)$(ZSHCOMPDIR)/_limber

install: $(B)/limber
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/routines \
	  $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(B)/limber $(DESTDIR)$(BINDIR)/limber
	install -m 644 $(ROUTINE_FILES) $(DESTDIR)$(DATADIR)/routines/
	install -m 644 $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/
	install -m 644 completion/limber.bash $(DESTDIR)$(BASHCOMPDIR)/limber
	install -m 644 completion/_limber $(DESTDIR)$(ZSHCOMPDIR)/_limber

uninstall:
	rm -f $(INSTALLED)
	rmdir $(DESTDIR)$(DATADIR)/routines $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf build build-asan build-fuzz limber

.PHONY: all limber deps deps-check run tests check suites check-asan check-valgrind \
        check-unit check-fresh check-package print-build-debs print-test-debs bench install uninstall clean FORCE libs-found test-libs-found \
        $(SUITE_ALL:%=suite-%)
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
FUZZ_CFLAGS   = -std=c11 $(WARN) -O1 -g -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
                -DLIMBER_VERSION='"$(VERSION)"' -DLIMBER_DATADIR='"$(DATADIR)"' $(PC_CFLAGS)
# Every target links build-fuzz/liblimber.a: the core built once with these
# flags, from which the linker takes what the target calls.
FUZZ_OBJ      = $(CORE_OBJ:$(B)/%=build-fuzz/%)
# Reached only through pattern rules: keep them (make deletes intermediates).
.SECONDARY: $(FUZZ_OBJ) build-fuzz/cov/fuzz_library build-fuzz/cov/fuzz_journal
# Where each target keeps its seeds, saved crashes and dictionary (in fuzz/).
FUZZ_CORPUS_library = corpus
FUZZ_CORPUS_journal = corpus-journal
FUZZ_REGR_library   = regressions
FUZZ_REGR_journal   = regressions-journal
FUZZ_DICT_library   = yaml.dict
FUZZ_DICT_journal   = journal.dict

build-fuzz/fuzz_%: fuzz/fuzz_%.c build-fuzz/liblimber.a
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_$*.c build-fuzz/liblimber.a \
	  $(PC_LIBS) -lm

build-fuzz/liblimber.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_OBJ)

build-fuzz/%.o: src/%.c $(wildcard include/*.h) | libs-found
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

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
FUZZ_COV_FLAGS = -std=c11 -O0 -g -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping
FUZZ_PROFDATA ?= llvm-profdata
FUZZ_LLVM_COV ?= llvm-cov
# What each report lists: the modules the target is there to exercise.
FUZZ_COV_library = library libschema libvalue yamltree plan plan_print
FUZZ_COV_journal = journal_read jparse balance history
FUZZ_COV_OBJ  = $(CORE_OBJ:$(B)/%=build-fuzz/cov/%)
.SECONDARY: $(FUZZ_COV_OBJ)

build-fuzz/cov/fuzz_%: fuzz/fuzz_%.c build-fuzz/cov/liblimber.a
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_COV_FLAGS) -o $@ fuzz/fuzz_$*.c \
	  build-fuzz/cov/liblimber.a $(PC_LIBS) -lm

build-fuzz/cov/liblimber.a: $(FUZZ_COV_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_COV_OBJ)

build-fuzz/cov/%.o: src/%.c $(wildcard include/*.h) | libs-found
	@mkdir -p build-fuzz/cov
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_COV_FLAGS) -c -o $@ $<

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
