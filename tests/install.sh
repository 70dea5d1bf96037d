#!/bin/sh
# make install / uninstall, as a packager and as a user run them:
# - DESTDIR=... PREFIX=/usr stages exactly the expected files (binary,
#   routines, man pages, bash and zsh completion) and uninstall removes
#   exactly those and the folders limber made, leaving other programs' files;
# - a mistaken DATADIR (a shared folder) loses nothing of anyone else's (the
#   old uninstall ran rm -rf on it);
# - PREFIX=... alone: the installed binary finds the installed routines.
# Builds in a scratch folder, from a copy of the suite's objects ($LIMBER's
# folder), so only paths.o (DATADIR is baked in) and the links are redone.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "install.sh: FAIL: $*" >&2; }
mkdir -p "$T/build"
[ -n "${LIMBER:-}" ] && cp -p "$(dirname "$LIMBER")"/*.o "$T/build/" 2>/dev/null
M="make --no-print-directory -s B=$T/build"
files() { (cd "$1" && find . ! -type d | sort); }

# ---- staged for a package: DESTDIR + PREFIX=/usr ---------------------------
S=$T/stage
mkdir -p "$S/usr/bin" "$S/usr/share/bash-completion/completions" "$S/usr/share/doc/other"
echo other >"$S/usr/bin/other"
echo other >"$S/usr/share/bash-completion/completions/other"
echo other >"$S/usr/share/doc/other/README"
files "$S" >"$T/before"
$M DESTDIR="$S" PREFIX=/usr install >"$T/log" 2>&1 && ok || { bad "make install failed"; cat "$T/log" >&2; }
files "$S" | comm -13 "$T/before" - >"$T/added"
{
	echo ./usr/bin/limber
	for f in routines/*; do echo "./usr/share/limber/$f"; done
	for f in man/*.1; do echo "./usr/share/man/man1/${f#man/}"; done
	for f in man/*.5; do echo "./usr/share/man/man5/${f#man/}"; done
	echo ./usr/share/bash-completion/completions/limber
	echo ./usr/share/zsh/site-functions/_limber
} | sort >"$T/want"
diff "$T/want" "$T/added" >"$T/diff" && ok || { bad "installed files differ (- expected, + installed):"; cat "$T/diff" >&2; }
[ -x "$S/usr/bin/limber" ] && ok || bad "binary not executable"
$M DESTDIR="$S" PREFIX=/usr uninstall >"$T/log" 2>&1 && ok || { bad "make uninstall failed"; cat "$T/log" >&2; }
files "$S" >"$T/after"
cmp -s "$T/before" "$T/after" && ok || { bad "uninstall left or took files:"; diff "$T/before" "$T/after" >&2; }
[ ! -d "$S/usr/share/limber" ] && ok || bad "uninstall left the data folder"
[ -d "$S/usr/share/bash-completion/completions" ] && ok || bad "uninstall removed a shared folder"

# ---- a mistaken DATADIR: only limber's own files go -------------------------
$M DESTDIR="$S" PREFIX=/usr DATADIR=/usr/share install >/dev/null 2>&1 && ok || bad "install, DATADIR=/usr/share"
$M DESTDIR="$S" PREFIX=/usr DATADIR=/usr/share uninstall >/dev/null 2>&1 && ok || bad "uninstall, DATADIR=/usr/share"
files "$S" >"$T/after"
cmp -s "$T/before" "$T/after" && ok || { bad "uninstall with DATADIR=/usr/share:"; diff "$T/before" "$T/after" >&2; }

# ---- a user's PREFIX: the installed binary finds its routines ---------------
P=$T/pfx
$M PREFIX="$P" install >"$T/log" 2>&1 && ok || { bad "make install PREFIX= failed"; cat "$T/log" >&2; }
# run from elsewhere, so only the installed DATADIR can supply routines
(cd "$T" && XDG_CONFIG_HOME="$T/cfg" "$P/bin/limber" list) >"$T/out" 2>&1 &&
	ok || bad "installed limber list failed"
grep -q "^gmb-back-stretches " "$T/out" && ok || { bad "installed limber finds no routines"; cat "$T/out" >&2; }
$M PREFIX="$P" MANPREFIX="$P/man" BASHCOMPDIR="$P/bash" ZSHCOMPDIR="$P/zsh" install >/dev/null 2>&1 && ok ||
	bad "install with MANPREFIX, BASHCOMPDIR, ZSHCOMPDIR"
[ -f "$P/man/man1/limber.1" ] && [ -f "$P/bash/limber" ] && [ -f "$P/zsh/_limber" ] && ok ||
	bad "MANPREFIX, BASHCOMPDIR or ZSHCOMPDIR not honoured"
$M PREFIX="$P" MANPREFIX="$P/man" BASHCOMPDIR="$P/bash" ZSHCOMPDIR="$P/zsh" uninstall >/dev/null 2>&1
$M PREFIX="$P" uninstall >/dev/null 2>&1 && ok || bad "make uninstall PREFIX= failed"
[ -z "$(find "$P" ! -type d)" ] && ok || { bad "files left:"; find "$P" ! -type d >&2; }
echo "install.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
