#!/bin/sh
# System calls that start-up does without (doc/hardening.md, "Start-up:
# munmaps, faults and code order"):
#  - a warm `limber list` (and show) unmaps nothing of its own. On the VM
#    start-up is measured on a munmap costs about 45 us (a TLB flush), and
#    list made three after its work: trees.bin's mapping, then the
#    library's two arenas at exit. The one munmap allowed is the loader's,
#    of /etc/ld.so.cache, before main (/bin/true makes it too);
#  - `limber history` reads the locale's LC_CTYPE alone, not all 12
#    categories' files (58 system calls more in C.UTF-8 here).
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "startup_syscalls.sh: FAIL: $*" >&2; }

if ! command -v strace >/dev/null 2>&1 || ! strace -o /dev/null true 2>/dev/null; then
	echo "startup_syscalls.sh: skip: strace missing or not allowed here"
	exit 0
fi
# The sanitizers' runtimes (check-asan) map and unmap for themselves.
if readelf -d "$L" 2>/dev/null | grep -q 'NEEDED.*lib[a-z]*san'; then
	echo "startup_syscalls.sh: skip: a sanitizer build"
	exit 0
fi

"$L" list >/dev/null 2>&1 # writes trees.bin
strace -f -e trace=munmap -o "$T/strace" "$L" list >"$T/out" 2>"$T/err"
[ "$(wc -l <"$T/out")" -ge 8 ] && ok || bad "list printed $(wc -l <"$T/out") lines: $(cat "$T/err")"
n=$(grep -c 'munmap(' "$T/strace")
[ "$n" -le 1 ] && ok || { bad "a warm list made $n munmap calls:"; cat "$T/strace" >&2; }
# show and history load the same way
strace -f -e trace=munmap -o "$T/strace" "$L" show cat-cow >/dev/null 2>&1
n=$(grep -c 'munmap(' "$T/strace")
[ "$n" -le 1 ] && ok || { bad "show made $n munmap calls:"; cat "$T/strace" >&2; }

# history: one category's file (C.utf8 has them as files; a system with a
# locale archive opens that instead, and none of these)
LC_ALL= LANG=C.UTF-8 strace -f -e trace=openat -o "$T/strace" "$L" history >/dev/null 2>&1
n=$(grep -c '/LC_[A-Z]*"' "$T/strace")
m=$(grep '/LC_[A-Z]*"' "$T/strace" | grep -vc '/LC_CTYPE"')
[ "$m" -eq 0 ] && ok || { bad "history opened $n locale files:"; grep '/LC_' "$T/strace" >&2; }

echo "startup_syscalls.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
