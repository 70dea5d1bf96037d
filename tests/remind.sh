#!/bin/sh
# limber remind: the units it writes (against expected files), what it asks
# of systemctl (a fake one on PATH records it), the crontab fallback where no
# user manager answers, --list/--off, and --notify, which stays quiet on a day
# the journal already has a session.
set -u
L=${LIMBER:-./limber}
case $L in /*) ;; *) L=$PWD/$L ;; esac
D=$PWD/tests/data/remind
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "remind.sh: FAIL: $*" >&2; }
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$* exited $got, want $want"; cat "$T/err" >&2; fi
}
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1" >&2; fi; }
hasnt() { if grep -q -- "$2" "$1"; then bad "$1 has '$2'"; else ok; fi; }
# golden NAME FILE: FILE with this run's binary path and uid made generic
golden() {
	sed -e "s|$L|LIMBER|g" -e "s|$T|TMP|g" -e "s|/run/user/$(id -u)/|/run/user/UID/|" "$2" >"$T/$1.actual"
	if cmp -s "$D/$1.expected" "$T/$1.actual"; then ok; else
		bad "$1 differs from tests/data/remind/$1.expected"
		diff -u "$D/$1.expected" "$T/$1.actual" >&2
	fi
}

# Fakes on PATH: systemctl records its arguments; `show-environment` answers
# as $FAKE_MANAGER says (0: a user manager runs, 1: none). notify-send
# records what it was asked to show. crontab -l finds no crontab.
mkdir -p "$T/bin"
cat >"$T/bin/systemctl" <<'SH'
#!/bin/sh
echo "$*" >>"$FAKE_LOG"
case "$*" in *show-environment*) exit "${FAKE_MANAGER:-0}" ;; esac
exit 0
SH
cat >"$T/bin/notify-send" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >>"$FAKE_NOTIFY"
SH
# crontab: none, unless a test writes one (never the tester's own)
cat >"$T/bin/crontab" <<'SH'
#!/bin/sh
echo "no crontab for $(id -un)" >&2; exit 1
SH
cp "$T/bin/crontab" "$T/crontab.none"
chmod +x "$T/bin/systemctl" "$T/bin/notify-send" "$T/bin/crontab"
export PATH="$T/bin:$PATH" FAKE_LOG="$T/systemctl.log" FAKE_NOTIFY="$T/notify.log"
UNITS=$XDG_CONFIG_HOME/systemd/user

# --dry-run: the units and the crontab line, nothing written or started
expect 0 "$L" remind --at 07:30 --days mon,wed,fri --routine simplify-spine-mobility --dry-run
golden dry-run "$T/out"
[ ! -e "$UNITS" ] && ok || bad "--dry-run wrote $UNITS"
[ ! -e "$FAKE_LOG" ] && ok || bad "--dry-run ran systemctl"
# nor does it move an old journal.tsv into the folder the units name
mkdir -p "$XDG_STATE_HOME/limber"
echo '#limber-journal 1' >"$XDG_STATE_HOME/limber/journal.tsv"
(unset LIMBER_JOURNAL; "$L" remind --at 07:30 --region neck --dry-run >"$T/out" 2>&1)
has "$T/out" "--journal $XDG_STATE_HOME/limber/journal/ remind --notify"
[ -f "$XDG_STATE_HOME/limber/journal.tsv" ] && [ ! -e "$XDG_STATE_HOME/limber/journal" ] && ok ||
	bad "--dry-run moved the old journal"
rm -rf "$XDG_STATE_HOME/limber"

# set with a user manager: both units in place, reloaded and enabled
expect 0 "$L" remind --at 07:30 --days mon,wed,fri --routine simplify-spine-mobility
has "$T/out" "Reminder set: Mon, Wed and Fri at 07:30"
golden timer "$UNITS/limber-remind.timer"
golden service "$UNITS/limber-remind.service"
has "$FAKE_LOG" "^--user daemon-reload$"
has "$FAKE_LOG" "^--user enable --now limber-remind.timer$"

# systemd itself reads the units as valid (the calendar, ExecStart runnable)
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$T/run"
	if XDG_RUNTIME_DIR="$T/run" systemd-analyze verify --user \
		"$UNITS/limber-remind.timer" "$UNITS/limber-remind.service" >"$T/verify" 2>&1; then ok; else
		bad "systemd-analyze verify refused the units"; cat "$T/verify" >&2
	fi
else
	echo "remind.sh: skip: no systemd-analyze to verify the units (package systemd)"
fi

expect 0 "$L" remind --list
has "$T/out" "^limber remind --at 07:30 --days mon,wed,fri --routine simplify-spine-mobility$"
has "$T/out" "timer: active"

# a new reminder replaces the old one
expect 0 "$L" remind --at 18:15 --days weekdays --region lumbar --minutes 5
has "$UNITS/limber-remind.timer" "^OnCalendar=Mon,Tue,Wed,Thu,Fri \*-\*-\* 18:15:00$"
has "$UNITS/limber-remind.service" "remind --notify --region lower-back --minutes 5$"
# with stdout closed a reminder is still set where a user manager takes
# the timer: its line is a side (without one, the crontab line to add is
# the job, and it fails: tests/faults.sh)
"$L" remind --at 06:45 --region neck >&- 2>"$T/err"
st=$?
[ "$st" -eq 0 ] && [ ! -s "$T/err" ] && ok || bad "set with stdout closed exited $st"
has "$UNITS/limber-remind.timer" "^OnCalendar=.* 06:45:00$"

expect 0 "$L" remind --off
has "$T/out" "reminder removed"
has "$FAKE_LOG" "^--user disable --now limber-remind.timer$"
[ ! -e "$UNITS/limber-remind.timer" ] && [ ! -e "$UNITS/limber-remind.service" ] && ok ||
	bad "--off left the units"
expect 0 "$L" remind --list;   has "$T/out" "no reminder set"
expect 0 "$L" remind --off;    has "$T/out" "no reminder was set"

# a timer of the same name that limber did not write is left alone
mkdir -p "$UNITS"
printf '[Timer]\nOnCalendar=daily\n' >"$UNITS/limber-remind.timer"
expect 65 "$L" remind --off;   has "$T/err" "not written by limber"
[ -e "$UNITS/limber-remind.timer" ] && ok || bad "--off removed a foreign timer"
rm -f "$UNITS/limber-remind.timer"

# no user manager: the crontab line, nothing written
rm -rf "$UNITS"
FAKE_MANAGER=1 expect 0 "$L" remind --at 06:45 --days sat,sun --routine gmb-back-stretches
has "$T/out" "crontab -e"
has "$T/out" "^45 6 \* \* 6,0 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/[0-9]*/bus $L --journal $LIMBER_JOURNAL remind --notify --routine gmb-back-stretches$"
[ ! -e "$UNITS" ] && ok || bad "the cron fallback wrote units"

# $XDG_STATE_HOME and $XDG_CONFIG_HOME set in a shell profile are not seen
# by cron or the systemd user manager: the command carries the journal and
# the user's routines folder, so it reads the journal practised into and
# names a routine of the user's
mkdir -p "$XDG_CONFIG_HOME/limber/routines"
cp tests/data/kill/*.yaml "$XDG_CONFIG_HOME/limber/routines/"
rm -f "$FAKE_NOTIFY"
(
	unset LIMBER_JOURNAL
	FAKE_MANAGER=1 expect 0 "$L" remind --at 06:45 --routine kill-routine
	cmd=$(grep '^45 6 ' "$T/out" | cut -d' ' -f6-)
	has "$T/out" "--library $XDG_CONFIG_HOME/limber/routines --journal $XDG_STATE_HOME/limber/journal/ remind"
	# as cron runs it: HOME elsewhere, no XDG variables
	as_cron() { env -u XDG_STATE_HOME -u XDG_CONFIG_HOME HOME="$T/cronhome" sh -c "$cmd" >"$T/out" 2>"$T/err"; }
	as_cron && ok || bad "the cron command failed: $(cat "$T/err")"
	has "$FAKE_NOTIFY" "^Kill test routine, about"
	"$L" play simplify-spine-mobility --headless --speed 5000 </dev/null >/dev/null 2>&1
	rm -f "$FAKE_NOTIFY"
	as_cron && ok || bad "the cron command failed: $(cat "$T/err")"
	has "$T/out" "already practised today"
	[ ! -e "$FAKE_NOTIFY" ] && ok || bad "cron's reminder came on a day practised"
	echo "$pass $fail" >"$T/counts"
)
read pass fail <"$T/counts"
rm -rf "$XDG_CONFIG_HOME/limber" "$XDG_STATE_HOME/limber"

# bad input: clear errors, usage status
expect 64 "$L" remind --at 24:00 --routine gmb-back-stretches;  has "$T/err" "--at takes HH:MM"
expect 64 "$L" remind --at 7:00 --days mon,funday --routine gmb-back-stretches
has "$T/err" "'funday' is not a day"
expect 64 "$L" remind --at 7:00;                    has "$T/err" "give --routine ROUTINE or --region R"
expect 64 "$L" remind --routine gmb-back-stretches; has "$T/err" "--at HH:MM is needed"
expect 64 "$L" remind --at 7:00 --region elbow;     has "$T/err" "unknown region 'elbow'"
expect 66 "$L" remind --at 7:00 --routine no-such;  has "$T/err" "no routine 'no-such'"
# an option the mode would ignore is refused, not dropped in silence
expect 64 "$L" remind --at 7:00 --minutes 5 --routine gmb-back-stretches
has "$T/err" "--minutes goes with --region"
expect 64 "$L" remind --off --at 7:00;              has "$T/err" "--off takes no other options"
expect 64 "$L" remind --list --dry-run;             has "$T/err" "--list takes no other options"
expect 64 "$L" remind --off --list;                 has "$T/err" "--off and --list do not go together"
expect 64 "$L" remind --notify --at 7:00 --region neck; has "$T/err" "--notify takes only"
[ ! -e "$UNITS" ] && ok || bad "a refused command wrote units"

# all seven days read back as "daily"
expect 0 "$L" remind --at 7:00 --region neck
expect 0 "$L" remind --list
has "$T/out" "^limber remind --at 07:00 --days daily --region neck --minutes 10$"
expect 0 "$L" remind --off

# a crontab line the user added (no user manager): --list shows it, --off
# says how to remove it (limber does not edit the crontab)
cat >"$T/bin/crontab" <<'SH'
#!/bin/sh
[ "$1" = -l ] || exit 1
echo "# m h dom mon dow command"
echo "0 9 * * * /usr/bin/backup"
echo "45 6 * * 6,0 /usr/bin/limber remind --notify --region neck --minutes 10"
SH
chmod +x "$T/bin/crontab"
FAKE_MANAGER=1 expect 0 "$L" remind --list
has "$T/out" "^Your crontab runs the reminder"
has "$T/out" "^  45 6 \* \* 6,0 /usr/bin/limber remind --notify --region neck --minutes 10$"
hasnt "$T/out" "backup"
FAKE_MANAGER=1 expect 69 "$L" remind --off
has "$T/out" "remove this line with 'crontab -e'"
has "$T/out" "^  45 6 \* \* 6,0 /usr/bin/limber"
# with stdout closed that line would be lost (it exited 69 saying
# nothing): it fails as --list does, and removes nothing, not even the
# units a user manager runs beside the line
off_closed() {
	"$L" remind --off >&- 2>"$T/err"
	st=$?
	[ "$st" -eq 74 ] && ok || bad "--off with stdout closed and a crontab line exited $st, want 74"
	has "$T/err" "^limber: remind: cannot write standard output, which would show the crontab line to remove; nothing was removed$"
}
FAKE_MANAGER=1 off_closed
expect 0 "$L" remind --at 7:00 --region neck
rm -f "$FAKE_LOG"
off_closed
[ -e "$UNITS/limber-remind.timer" ] && [ -e "$UNITS/limber-remind.service" ] && ok ||
	bad "--off with stdout closed removed the units"
[ ! -e "$FAKE_LOG" ] && ok || bad "--off with stdout closed ran systemctl: $(cat "$FAKE_LOG")"
expect 0 "$L" remind --off
has "$T/out" "^reminder removed$"
has "$T/out" "^Your crontab also runs it; remove this line with 'crontab -e':$"
has "$T/out" "^  45 6 \* \* 6,0 /usr/bin/limber"
cp "$T/crontab.none" "$T/bin/crontab"

# --notify: the routine's name and length, then nothing once today has a session
expect 0 "$L" remind --notify --routine simplify-spine-mobility
has "$FAKE_NOTIFY" "^Time for your mobility practice$"
has "$FAKE_NOTIFY" "about [0-9]* minutes\.$"
has "$FAKE_NOTIFY" "^Start it with: limber play simplify-spine-mobility$"
rm -f "$FAKE_NOTIFY"
# a routine removed since the reminder was set: still a reminder, and no
# command that would fail
expect 0 "$L" remind --notify --routine gone-since
has "$FAKE_NOTIFY" "^The routine gone-since set for this reminder is not among your routines now\.$"
hasnt "$FAKE_NOTIFY" "limber play gone-since"
rm -f "$FAKE_NOTIFY"
"$L" play simplify-spine-mobility --headless --speed 5000 </dev/null >/dev/null 2>&1
expect 0 "$L" remind --notify --routine simplify-spine-mobility
has "$T/out" "already practised today"
[ ! -e "$FAKE_NOTIFY" ] && ok || bad "--notify raised a notification after a session today"

# --notify without notify-send: the message still goes to stdout, and a reason
rm -f "$T/bin/notify-send" "$LIMBER_JOURNAL"
PATH="$T/bin" expect 69 "$L" remind --notify --region neck --minutes 5
has "$T/out" "A 5-minute quick session for the neck"
PATH="$T/bin" expect 69 "$L" remind --notify --region lumbar --minutes 5
has "$T/out" "A 5-minute quick session for the lower back\.$"
has "$T/out" "^Start it with: limber play --region lower-back --minutes 5$"
has "$T/err" "install libnotify-bin"

echo "remind.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
