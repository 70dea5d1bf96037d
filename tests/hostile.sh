#!/bin/sh
# Hostile input through the real binary: `$LIMBER check DIR` on a folder that
# holds one hostile file next to a good one. Each case must give its exact
# message (FILE:LINE:COL: msg, or FILE: msg), exit 65 (0 for the valid
# oddities: CRLF, BOM, empty file), stay under 10 s and 512 MB, and still
# load the good file (the "N exercises, M routines" line on stdout).
# Then every saved fuzzer crash (fuzz/regressions/) and every document of the
# public YAML test suite (../shared/conformance/yaml-test-suite, skipped when
# absent): exit 0 or 65, never a signal, each under 5 s.
#
# Big inputs (a 50 MB file, 1001 files, 100 000 routines) are generated into
# a temporary folder, never kept in the repository.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0 skip=0
MEM_KB=524288 # 512 MB: far above the ~4 MB a real library needs

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "hostile.sh: FAIL: $*" >&2; }

# Sanitizer builds reserve terabytes of address space: `ulimit -v` would kill
# them, so for those only the peak RSS (GNU time) bounds memory.
VLIMIT=1
if grep -q __asan_init "$L" 2>/dev/null; then VLIMIT=0; fi
GNUTIME=
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && GNUTIME=/usr/bin/time

# run SECONDS ARGS...: run $L with a time and memory bound; stdout in $T/out,
# stderr in $T/err, exit status in $rc, peak RSS (KB, when known) in $rss.
run() {
	secs=$1; shift
	rm -f "$T/rss"
	(
		[ "$VLIMIT" -eq 1 ] && ulimit -v "$MEM_KB"
		if [ -n "$GNUTIME" ]; then
			exec "$GNUTIME" -q -f %M -o "$T/rss" timeout "$secs" "$L" "$@"
		else
			exec timeout "$secs" "$L" "$@"
		fi
	) >"$T/out" 2>"$T/err"
	rc=$?
	rss=$(tail -n 1 "$T/rss" 2>/dev/null || echo 0)
	case $rss in '' | *[!0-9]*) rss=0 ;; esac
}

# bounded NAME: the last run ended by itself, in time and in memory.
bounded() {
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then bad "$1: took longer than the bound"
	elif [ "$rc" -gt 128 ]; then bad "$1: killed by signal $((rc - 128))"
	elif [ "$rss" -gt "$MEM_KB" ]; then bad "$1: peak RSS $rss KB"
	else ok; fi
}

# A good file every case folder holds: one exercise, one routine.
good() {
	mkdir -p "$1"
	cat >"$1/a-good.yaml" <<'EOF'
exercises:
  - id: good-one
    name: Good one
    regions: [neck]
    hold: 30s
routines:
  - id: good-routine
    name: Good routine
    steps: [good-one]
EOF
}

# case NAME STATUS SUMMARY: check folder $T/NAME; the exit status, the
# stdout summary line (the first; the next names the bundled library the
# folder was checked against) and stderr (compared with $T/want) must
# match exactly.
case_() {
	name=$1 want=$2 summary=$3
	run 10 check "$T/$name"
	bounded "$name"
	[ "$rc" -eq "$want" ] && ok || bad "$name: exit $rc, want $want"
	if [ "$(head -n 1 "$T/out")" = "$summary" ]; then ok; else
		bad "$name: stdout '$(cat "$T/out")', want '$summary'"; fi
	if cmp -s "$T/err" "$T/want"; then ok; else
		bad "$name: messages differ (want, then got):"
		cat "$T/want" "$T/err" >&2
	fi
}
ONE="1 exercise, 1 routine"

# --- deep nesting: 100 000 levels of '[' ------------------------------------
good "$T/deep"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' >"$T/deep/x.yaml"
echo "$T/deep/x.yaml:1:33: nesting deeper than 32 levels" >"$T/want"
case_ deep 65 "$ONE, 1 problem"

# --- a 50 MB scalar: refused by size before it is read -----------------------
good "$T/big"
{ printf 'a: '; head -c 52428800 /dev/zero | tr '\0' x; echo; } >"$T/big/x.yaml"
echo "$T/big/x.yaml: file too big (52428804 bytes; the limit is 4194304)" >"$T/want"
case_ big 65 "$ONE, 1 problem"

# --- billion laughs: anchors and aliases are refused at the first anchor ----
good "$T/laughs"
{
	echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	prev=a
	for n in b c d e f g h i; do
		echo "$n: &$n [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
		prev=$n
	done
} >"$T/laughs/x.yaml"
echo "$T/laughs/x.yaml:1:4: anchors and aliases are not allowed" >"$T/want"
case_ laughs 65 "$ONE, 1 problem"

# --- 100 000 routines in one file (3.5 MB: under the size limit, so the item
# limit is what refuses it) ---------------------------------------------------
good "$T/items"
awk 'BEGIN { print "routines:"
	for (i = 0; i < 100000; i++) printf "- {id: r%d, name: R, steps: [e]}\n", i }' \
	>"$T/items/x.yaml"
echo "$T/items/x.yaml:10002:3: more than 10000 entries in one list or mapping" >"$T/want"
case_ items 65 "$ONE, 1 problem"

# --- 1001 files in one folder: the file limit --------------------------------
good "$T/files"
awk -v d="$T/files" 'BEGIN { for (i = 0; i < 1000; i++) {
	f = sprintf("%s/f%04d.yaml", d, i)
	printf "exercises:\n  - {id: e%d, name: E, regions: [hips], reps: 1}\n", i >f
	close(f) } }'
echo "$T/files/f0999.yaml: more than 1000 routine files; this one and the rest are ignored" >"$T/want"
case_ files 65 "1000 exercises, 1 routine, 1 problem"

# --- 10 000 routines naming unknown exercises, next to 10 000 exercises: each
# report used to search every exercise for a "did you mean" (9 s); now at
# most 50 reports per file, the first 50 with a suggestion ----------------------
good "$T/typos"
awk 'BEGIN { print "exercises:"
	for (i = 0; i < 10000; i++) printf "- {id: ex%d, name: E, regions: [neck], reps: 1}\n", i }' \
	>"$T/typos/b-ex.yaml"
awk 'BEGIN { print "routines:"
	for (i = 0; i < 10000; i++) printf "- {id: r%d, name: R, steps: [zz%d]}\n", i, i }' \
	>"$T/typos/c-rt.yaml"
awk -v f="$T/typos/c-rt.yaml" 'BEGIN {
	for (i = 0; i < 50; i++)
		printf "%s:%d:%d: unknown exercise '\''zz%d'\'' (did you mean '\''ex%d'\''?); routine '\''r%d'\'' is left out\n",
		       f, i + 2, i < 10 ? 29 : 30, i, i, i
	printf "%s:52:30: too many errors; stopping after 50\n", f }' >"$T/want"
# The bound is on CPU time (user + system, the shell's `times` before and
# after), the cost itself: a wall-clock bound of 3 s failed on a loaded
# machine. Linear finishing takes well under a second of CPU; the old
# quadratic one took 9 s. The wall bound only guards against a hang.
times >"$T/times0"
run 60 check "$T/typos"
times >"$T/times1"
bounded "typos"
cpu=$(awk 'FNR == 2 { for (i = 1; i <= 2; i++) { split($i, a, "m"); sub(/s$/, "", a[2])
	n += (FILENAME ~ /times1$/ ? 1 : -1) * (a[1] * 60 + a[2]) } } END { printf "%.2f", n }' \
	"$T/times0" "$T/times1")
awk -v c="$cpu" 'BEGIN { exit !(c <= 3) }' && ok || bad "typos: $cpu s of CPU, want at most 3"
[ "$rc" -eq 65 ] && [ "$(head -n 1 "$T/out")" = "10001 exercises, 1 routine, 51 problems" ] && ok ||
	bad "typos: exit $rc, stdout '$(cat "$T/out")'"
cmp -s "$T/err" "$T/want" && ok || { bad "typos: messages differ"; diff "$T/want" "$T/err" | head >&2; }

# --- a 100 000-character key: libyaml takes no key longer than 1024
# characters before ':' and said "could not find expected ':'" at the ':'
# it found; in a list item where no key was expected, "mapping values are
# not allowed"; inside { }, "did not find expected ',' or '}'". A value
# with ": " in it past column 1024 is not a key. ---
good "$T/longkey"
{ printf 'routines:\n  - id: x\n    '; head -c 100000 /dev/zero | tr '\0' k; printf ': 1\n'; } \
	>"$T/longkey/x.yaml"
{ printf 'exercises:\n  - '; head -c 2000 /dev/zero | tr '\0' k; printf ': 1\n'; } \
	>"$T/longkey/y.yaml"
{ printf 'exercises:\n  - {id: y, '; head -c 2000 /dev/zero | tr '\0' k; printf ': 1}\n'; } \
	>"$T/longkey/y2.yaml"
{ printf 'exercises:\n  - id: x\n    name: '; head -c 1100 /dev/zero | tr '\0' k; printf ': 1\n'; } \
	>"$T/longkey/z.yaml"
{
	echo "$T/longkey/x.yaml:3:5: key longer than 1024 characters, the most YAML allows before ':'"
	echo "$T/longkey/y.yaml:2:5: key longer than 1024 characters, the most YAML allows before ':'"
	echo "$T/longkey/y2.yaml:2:13: key longer than 1024 characters, the most YAML allows before ':'"
	echo "$T/longkey/z.yaml:3:1111: syntax error: mapping values are not allowed in this context"
} >"$T/want"
case_ longkey 65 "$ONE, 4 problems"

# --- invalid UTF-8 -----------------------------------------------------------
good "$T/utf8"
printf 'exercises:\n  - id: x\n    name: h\303\251\377\n' >"$T/utf8/x.yaml"
echo "$T/utf8/x.yaml:3:13: not UTF-8 text: byte 0xff cannot start a character" >"$T/want"
case_ utf8 65 "$ONE, 1 problem"

# --- a NUL byte --------------------------------------------------------------
good "$T/nul"
printf 'exercises:\n  - id: a\000b\n' >"$T/nul/x.yaml"
echo "$T/nul/x.yaml:2:10: control characters are not allowed (byte 0x00)" >"$T/want"
case_ nul 65 "$ONE, 1 problem"

# --- CRLF line ends: valid --------------------------------------------------
good "$T/crlf"
printf 'exercises:\r\n  - id: crlf-one\r\n    name: CRLF\r\n    regions: [hips]\r\n    reps: 5\r\n' \
	>"$T/crlf/x.yaml"
: >"$T/want"
case_ crlf 0 "2 exercises, 1 routine, 0 problems"

# --- a UTF-8 byte order mark: valid -----------------------------------------
good "$T/bom"
printf '\357\273\277exercises:\n  - {id: bom-one, name: BOM, regions: [hips], reps: 5}\n' \
	>"$T/bom/x.yaml"
: >"$T/want"
case_ bom 0 "2 exercises, 1 routine, 0 problems"

# --- tabs for indentation ---------------------------------------------------
good "$T/tabs"
printf 'exercises:\n\t- id: x\n' >"$T/tabs/x.yaml"
echo "$T/tabs/x.yaml:2:1: syntax error: found character that cannot start any token (while scanning for the next token); tabs cannot be used for indentation" >"$T/want"
case_ tabs 65 "$ONE, 1 problem"

# --- a duplicate key, and a syntax error whose context is on another line:
# every position in a message is FILE:LINE:COL, as the line's own is -------
good "$T/dupkey"
printf 'exercises:\n  - id: x\n    name: X\n    regions: [neck]\n    name: Y\n    hold: 5s\n' \
	>"$T/dupkey/x.yaml"
echo "$T/dupkey/x.yaml:5:5: duplicate key 'name' (first at $T/dupkey/x.yaml:3:5)" >"$T/want"
case_ dupkey 65 "$ONE, 1 problem"
good "$T/context"
printf 'exercises:\n  - id: x\n    name: [X\n    regions: [neck]\n' >"$T/context/x.yaml"
echo "$T/context/x.yaml:4:12: syntax error: did not find expected ',' or ']' (while parsing a flow sequence at $T/context/x.yaml:3:11)" >"$T/want"
case_ context 65 "$ONE, 1 problem"

# --- an empty file: an empty library, no problem -----------------------------
good "$T/empty"
: >"$T/empty/x.yaml"
: >"$T/want"
case_ empty 0 "$ONE, 0 problems"

# --- a folder named x.yaml: folders are read recursively whatever their name
# (limber-routines(5)), so it is walked, not opened as a file ----------------
good "$T/dirname"
mkdir "$T/dirname/x.yaml"
printf 'exercises:\n  - {id: inner, name: Inner, regions: [hips], reps: 5}\n' \
	>"$T/dirname/x.yaml/in.yaml"
: >"$T/want"
case_ dirname 0 "2 exercises, 1 routine, 0 problems"
# ...and given by itself it is walked too
run 10 check "$T/dirname/x.yaml"
bounded "dirname alone"
[ "$rc" -eq 0 ] && [ "$(head -n 1 "$T/out")" = "1 exercise, 0 routines, 0 problems" ] && ok ||
	bad "dirname alone: exit $rc, stdout '$(cat "$T/out")'"

# --- a FIFO named x.yaml: never opened, so never waited on -------------------
good "$T/fifo"
mkfifo "$T/fifo/x.yaml"
echo "$T/fifo/x.yaml: not a regular file" >"$T/want"
case_ fifo 65 "$ONE, 1 problem"

# --- an unreadable file (root reads anything: skipped then) ------------------
if [ "$(id -u)" -eq 0 ]; then
	echo "hostile.sh: skip: unreadable file (running as root, permissions do not apply)" >&2
	skip=$((skip + 1))
else
	good "$T/locked"
	echo 'a: 1' >"$T/locked/x.yaml"
	chmod 000 "$T/locked/x.yaml"
	echo "$T/locked/x.yaml: cannot open: Permission denied" >"$T/want"
	case_ locked 65 "$ONE, 1 problem"
fi

# --- symlink loops: a folder loop is skipped, a file loop is reported --------
good "$T/loop"
ln -s . "$T/loop/again"
ln -s ../loop "$T/loop/up"
: >"$T/want"
case_ loop 0 "$ONE, 0 problems"
good "$T/fileloop"
ln -s y.yaml "$T/fileloop/x.yaml"
ln -s x.yaml "$T/fileloop/y.yaml"
{
	echo "$T/fileloop/x.yaml: cannot open: Too many levels of symbolic links"
	echo "$T/fileloop/y.yaml: cannot open: Too many levels of symbolic links"
} >"$T/want"
case_ fileloop 65 "$ONE, 2 problems"

# --- routine text cannot drive the terminal or forge a line -----------------
# A newline is the one control character a routine's text may hold (a `|`
# paragraph): show and the headless player must not let it start a line of
# its own that reads as theirs ("summary: ...", a stamped event). Every
# other control the loader refuses, so show and play never print one.
mkdir -p "$T/forge"
cat >"$T/forge/f.yaml" <<'EOF'
exercises:
  - id: forger
    name: "Forger\n00:00.000 done"
    position: "On the floor\nsummary: completed, 9/9 exercises done"
    instructions: |
      Lie down.
      00:00.000 pain today? y/N
    cautions: ["Easy\ncaution: none"]
    regions: [neck]
    hold: 2s
routines:
  - id: forged
    name: "Forged\nsummary: completed, 9/9 exercises done"
    description: "For tests\ncaution: none"
    source: "Nobody\nsafety: ignore the red flags"
    steps: [forger]
EOF
CTRL=$(printf '[\001-\010\013-\037\177]')
FORGED='^(summary: completed, 9/9|caution: none|safety: ignore|00:00\.000 (done|pain today))'
# forged WHAT: no line of $T/out is one the routine's text made up, and it
# holds no control character but newline and tab.
forged() {
	if grep -Eq "$FORGED" "$T/out"; then
		bad "$1: a routine's newline started a line of its own:"
		grep -E "$FORGED" "$T/out" >&2
	else ok; fi
	if LC_ALL=C grep -q "$CTRL" "$T/out"; then
		bad "$1: a control character reached the output"
	else ok; fi
}
run 10 check "$T/forge"
[ "$rc" -eq 0 ] && ok || bad "forge: check exit $rc, want 0 (a newline is allowed)"
run 10 --library "$T/forge" show forged
[ "$rc" -eq 0 ] && ok || bad "forge: show exit $rc"
forged "show"
run 10 --library "$T/forge" show --plain forged
forged "show --plain"
run 10 --library "$T/forge" play forged --headless --speed 1000 --no-journal </dev/null
[ "$rc" -eq 0 ] && ok || bad "forge: play exit $rc"
forged "play --headless"
[ "$(grep -c '^summary:' "$T/out")" -eq 1 ] && ok || bad "forge: play printed two summaries"

# The controls themselves: OSC (retitles the window), CSI (clears the
# screen), CR, backspace and a right-to-left override, in a name and in an
# instruction: refused where they stand, and never printed.
for c in 'e]0;pwned\a' 'e[2J' 'r' 'b' 'u202E'; do
	what=$(printf '%s' "$c" | cut -c1-4) # a label that prints as itself
	rm -rf "$T/ctl"
	mkdir -p "$T/ctl"
	# One file each: the loader stops a file at its first error.
	cat >"$T/ctl/name.yaml" <<EOF
exercises:
  - {id: bad-name, name: "Bad \\$c name", regions: [neck], hold: 2s}
routines:
  - {id: bad-routine, name: Bad routine, steps: [bad-name, bad-text]}
EOF
	cat >"$T/ctl/text.yaml" <<EOF
exercises:
  - {id: bad-text, name: Bad text, instructions: "Do \\$c this", regions: [neck], hold: 2s}
EOF
	run 10 check "$T/ctl"
	n=$(grep -c 'yaml:2:.*cannot hold control characters' "$T/err")
	[ "$rc" -eq 65 ] && [ "$n" -eq 2 ] && ok ||
		bad "control $what: check exit $rc and $n values refused, want 65 and 2"
	for args in "show bad-routine" "show bad-name" \
		"play bad-text --headless --speed 1000 --no-journal"; do
		# shellcheck disable=SC2086 # the words of $args on purpose
		run 10 --library "$T/ctl" $args </dev/null
		cat "$T/err" >>"$T/out"
		if LC_ALL=C grep -q "$CTRL" "$T/out"; then
			bad "control $what: $args printed a control character"
		else ok; fi
	done
done

# --- every saved fuzzer crash: ends by itself, in bounds ---------------------
for f in fuzz/regressions/*; do
	[ -f "$f" ] || continue
	cp "$f" "$T/reg.yaml"
	run 10 check "$T/reg.yaml"
	bounded "$f"
	{ [ "$rc" -eq 0 ] || [ "$rc" -eq 65 ]; } && ok || bad "$f: exit $rc"
	# the plan must not crash either: show every routine the file defines
	for id in $(sed -n 's/^  - id: \([a-z0-9-]*\)$/\1/p; s/^  - {id: \([a-z0-9-]*\),.*/\1/p' "$f"); do
		run 10 --library "$T/reg.yaml" show "$id"
		bounded "$f show $id"
	done
done

# --- the public YAML test suite: an error or nothing, never a crash ----------
SUITE=../shared/conformance/yaml-test-suite
if [ -d "$SUITE" ]; then
	n=0
	for f in "$SUITE"/*.yaml; do
		run 5 check "$f"
		n=$((n + 1))
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 65 ]; then
			bad "$f: exit $rc (124: over 5 s; >128: a signal)"
		elif [ "$rss" -gt "$MEM_KB" ]; then
			bad "$f: peak RSS $rss KB"
		else ok; fi
	done
	[ "$n" -gt 300 ] && ok || bad "only $n YAML test suite files"
else
	echo "hostile.sh: skip: $SUITE absent (YAML test suite)" >&2
	skip=$((skip + 1))
fi

echo "hostile.sh: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
