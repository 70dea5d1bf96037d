#!/bin/sh
# make install / uninstall into a temporary PREFIX (with DESTDIR staging
# too): the installed binary finds the installed routines and man pages,
# and uninstall removes every file it put there.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "install.sh: FAIL: $*" >&2; }
M="make --no-print-directory -s B=$T/build PREFIX=$T/pfx"

$M install >"$T/log" 2>&1 && ok || { bad "make install failed"; cat "$T/log" >&2; }
[ -x "$T/pfx/bin/limber" ] && ok || bad "no binary"
[ -f "$T/pfx/share/man/man1/limber.1" ] && ok || bad "no limber.1"
[ -f "$T/pfx/share/man/man5/limber-routines.5" ] && ok || bad "no limber-routines.5"
[ -f "$T/pfx/share/limber/routines/gmb-back-stretches.yaml" ] && ok || bad "no routines"
# run from elsewhere, so only the installed DATADIR can supply routines
(cd "$T" && XDG_CONFIG_HOME="$T/cfg" "$T/pfx/bin/limber" list) >"$T/out" 2>&1 \
	&& ok || bad "installed limber list failed"
grep -q "^gmb-back-stretches " "$T/out" && ok || { bad "installed limber finds no routines"; cat "$T/out" >&2; }
$M uninstall >/dev/null 2>&1 && ok || bad "make uninstall failed"
[ -z "$(find "$T/pfx" -type f)" ] && ok || { bad "files left:"; find "$T/pfx" -type f >&2; }

# DESTDIR stages under a root without changing the baked-in paths
$M DESTDIR="$T/stage" install >/dev/null 2>&1 && ok || bad "DESTDIR install failed"
[ -x "$T/stage$T/pfx/bin/limber" ] && ok || bad "DESTDIR binary missing"
$M DESTDIR="$T/stage" MANPREFIX="$T/pfx/man" install >/dev/null 2>&1 && ok || bad "MANPREFIX install failed"
[ -f "$T/stage$T/pfx/man/man1/limber.1" ] && ok || bad "MANPREFIX not honoured"
echo "install.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
