#!/bin/sh
# The quick start on a bare machine, as a newcomer meets it: bootstrap a
# minimal Debian (debootstrap --variant=minbase, from this machine's own
# configured Debian mirror), clone this repository into it, and run the two
# commands of README's "Quick start" exactly as written there, as root in a
# chroot with nothing installed by hand: the first (the player) in a tmux
# pane, left with `q` once its home screen shows; the second (every test)
# must pass. Prints each step's time and the total.
#
# Everything happens in a private mount and PID namespace (unshare), so the
# mounts and every process started inside (tmux servers, players) end with
# it whatever happens; the root folder is removed afterwards (trap). Skips,
# saying why, without root, unshare, debootstrap or a reachable mirror.
#
#   fresh-check.sh          run it (.ci/run does, after make check)
#   FRESH_KEEP=1            keep the root folder afterwards, to look inside
#   FRESH_SUITE=NAME        another Debian suite (default: this machine's)
set -u
# All of it in one block: sh reads the block whole before running it, so an
# edit to this file while a run takes its half hour does not change the run
# (sh reads a plain script as it goes; an edit mid-run ended one with a
# syntax error after every step had passed).
{
cd "$(dirname "$0")/.."
REPO=$(pwd)
t0=$(date +%s)
say() { echo "fresh-check: $*"; }
skip() { say "skipped: $*"; exit 0; }
elapsed() { echo $(($(date +%s) - $1)); }

if [ "${FRESH_INNER:-}" != 1 ]; then
	[ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, chroot, mounts)"
	command -v unshare >/dev/null 2>&1 || skip "no unshare (util-linux)"
	command -v git >/dev/null 2>&1 || skip "no git to clone the repository with"
	[ -d .git ] || [ -f .git ] || skip "$REPO is not a git checkout"
	# debootstrap, and tmux to drive the player from outside the root
	sh scripts/deps.sh --cmd debootstrap --cmd tmux --cmd wget >/dev/null ||
		skip "could not install debootstrap, tmux and wget"
	command -v debootstrap >/dev/null 2>&1 || skip "no debootstrap (LIMBER_NO_DEPS=1?)"
	command -v tmux >/dev/null 2>&1 || skip "no tmux to drive the player with"
	command -v wget >/dev/null 2>&1 || skip "no wget to ask the mirror with"

	# The mirror: the first deb source of this machine's own suite, in
	# one-line (.list) or deb822 (.sources) form.
	. /etc/os-release 2>/dev/null || true
	suite=${FRESH_SUITE:-${VERSION_CODENAME:-}}
	[ -n "$suite" ] || skip "cannot tell this machine's Debian suite (/etc/os-release)"
	mirror=$(
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] && sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\)[[:space:]]\+\([^[:space:]]\+\).*/\2 \3/p' "$f"
		done
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] && awk '
				function flush() { if (deb && on) for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]; deb = 0; on = 1; nu = ns = 0 }
				BEGIN { on = 1 }
				/^[[:space:]]*$/ { flush(); next }
				/^#/ { next }
				tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
				tolower($1) == "uris:" { for (i = 2; i <= NF; i++) u[++nu] = $i }
				tolower($1) == "suites:" { for (i = 2; i <= NF; i++) s[++ns] = $i }
				tolower($1) == "enabled:" && tolower($2) == "no" { on = 0 }
				END { flush() }' "$f"
		done | awk -v s="$suite" '$2 == s { print $1; exit }')
	[ -n "$mirror" ] || skip "no Debian mirror for '$suite' in /etc/apt/sources.list{,.d/*}"
	wget -q -T 20 -t 2 -O /dev/null "$mirror/dists/$suite/Release" ||
		skip "mirror $mirror does not answer for $suite"

	ROOT=$(mktemp -d /var/tmp/limber-fresh.XXXXXX) || skip "cannot make a folder in /var/tmp"
	cleanup() {
		# The namespace is gone by now, so nothing is mounted under ROOT;
		# --one-file-system stays a guard all the same.
		if [ "${FRESH_KEEP:-0}" = 1 ]; then say "kept $ROOT"; else
			rm -rf --one-file-system "$ROOT"
		fi
	}
	trap cleanup EXIT
	trap 'exit 130' INT TERM HUP
	say "debootstrap --variant=minbase $suite from $mirror into $ROOT"
	FRESH_INNER=1 FRESH_ROOT=$ROOT FRESH_SUITE=$suite FRESH_MIRROR=$mirror FRESH_T0=$t0 \
		unshare --mount --pid --fork --kill-child sh "$0"
	rc=$?
	if [ $rc -eq 0 ]; then say "passed in $(elapsed "$t0") s"; else
		say "FAILED (exit $rc) after $(elapsed "$t0") s"
	fi
	exit $rc
fi

# ---- inside the namespace ---------------------------------------------------
ROOT=$FRESH_ROOT
LOG=$ROOT.log # beside ROOT: kept when a step fails
mount --make-rprivate / || { say "cannot make mounts private"; exit 1; }
fail() {
	say "FAIL: $*"
	[ -f "$LOG" ] && { say "---- last lines of the log ----"; tail -n 60 "$LOG"; }
	exit 1
}

t=$(date +%s)
debootstrap --variant=minbase "$FRESH_SUITE" "$ROOT" "$FRESH_MIRROR" >"$LOG" 2>&1 ||
	fail "debootstrap (see $LOG)"
say "debootstrap: $(elapsed "$t") s"
rm -f "$LOG"

# What a running Debian has and the tests use: /proc, /sys, a /dev of its
# own with a private pty instance (tmux, the terminal tests), /dev/shm, a
# tmpfs /tmp and /run, the host's DNS answers for apt.
mount -t proc proc "$ROOT/proc" &&
	mount -t sysfs sys "$ROOT/sys" &&
	mount -t tmpfs -o mode=755,size=64m dev "$ROOT/dev" &&
	for n in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
		set -- $n
		mknod -m 666 "$ROOT/dev/$1" c "$2" "$3" || exit 1
	done &&
	mkdir "$ROOT/dev/pts" "$ROOT/dev/shm" &&
	mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$ROOT/dev/pts" &&
	ln -s pts/ptmx "$ROOT/dev/ptmx" &&
	ln -s /proc/self/fd "$ROOT/dev/fd" &&
	ln -s /proc/self/fd/0 "$ROOT/dev/stdin" &&
	ln -s /proc/self/fd/1 "$ROOT/dev/stdout" &&
	ln -s /proc/self/fd/2 "$ROOT/dev/stderr" &&
	mount -t tmpfs -o mode=1777 shm "$ROOT/dev/shm" &&
	mount -t tmpfs -o mode=1777 tmp "$ROOT/tmp" &&
	mount -t tmpfs -o mode=755 run "$ROOT/run" ||
	fail "mounting /proc, /sys, /dev, /tmp in the root"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true

git clone -q "$REPO" "$ROOT/root/limber" || fail "git clone into the root"
# The README's two commands, word for word: the first block after "Quick start".
cmds=$(awk '/^## Quick start/ { q = 1; next } q && /^```/ { if (b) exit; b = 1; next }
	b { sub(/[[:space:]]*#.*/, ""); if ($0 != "") print }' "$ROOT/root/limber/README.md")
run_cmd=$(echo "$cmds" | sed -n 1p)
check_cmd=$(echo "$cmds" | sed -n 2p)
[ -n "$run_cmd" ] && [ -n "$check_cmd" ] || fail "no two commands under README's Quick start"
say "README's commands: '$run_cmd', then '$check_cmd'"

# A login shell's plain environment, nothing from this machine's.
in_root() {
	chroot "$ROOT" /usr/bin/env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		sh -c "cd /root/limber && $1"
}

# 1. The player: its first screen (the safety notice), any key, the home
# screen, then q.
t=$(date +%s)
TM="tmux -S $ROOT/tmp/fresh-tmux.sock"
# The pane outlives the command (sleep), so a failure's last lines stay on it.
$TM new-session -d -x 80 -y 24 -s fresh \
	"chroot '$ROOT' /usr/bin/env -i HOME=/root TERM=tmux-256color PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin sh -c 'cd /root/limber && $run_cmd; echo \$? >/tmp/run.rc; sleep 3600'" ||
	fail "tmux"
screen_has() { $TM capture-pane -p -t fresh 2>/dev/null | grep -q -- "$1"; }
wait_until() { # wait_until SECONDS COMMAND...: poll every half second
	n=$(($1 * 2)); shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.5; n=$((n - 1))
	done
	return 1
}
ended() { [ -s "$ROOT/tmp/run.rc" ]; }
pane() { $TM capture-pane -p -S -40 -t fresh | sed 's/^/  | /'; }
notice_or_end() { screen_has "Press any key to continue" || ended; }
wait_until 1800 notice_or_end || { pane; fail "'$run_cmd': no safety notice in 30 min"; }
ended && { pane; fail "'$run_cmd' ended before its first screen (exit $(cat "$ROOT/tmp/run.rc"))"; }
$TM send-keys -t fresh q
wait_until 30 screen_has "REGION" || { pane; fail "'$run_cmd': no home screen"; }
$TM send-keys -t fresh q
if ! wait_until 30 ended; then
	$TM send-keys -t fresh y
	wait_until 30 ended || { pane; fail "'$run_cmd': q did not quit"; }
fi
[ "$(cat "$ROOT/tmp/run.rc")" = 0 ] || fail "'$run_cmd' exited $(cat "$ROOT/tmp/run.rc")"
$TM kill-server 2>/dev/null
rm -f "$ROOT/tmp/fresh-tmux.sock"
say "'$run_cmd': built, home screen shown, quit with q: $(elapsed "$t") s"

# 2. Every test.
t=$(date +%s)
if in_root "$check_cmd" </dev/null >"$LOG" 2>&1; then
	tail -n 3 "$LOG" | sed 's/^/fresh-check:   /'
	# what the newcomer's check did not try, and why
	grep -iE 'skip(ped)?[: (]' "$LOG" | grep -v '^ok \| 0 skipped' | sed 's/^/fresh-check:   /'
	say "'$check_cmd': passed: $(elapsed "$t") s"
	rm -f "$LOG"
else
	fail "'$check_cmd' (log: $LOG)"
fi
say "total (with debootstrap): $(elapsed "$FRESH_T0") s"
exit 0
}
