#!/bin/sh
# `limber report --html`: a self-contained page (no script, nothing fetched,
# charts as inline SVG) over a fixed generated journal, then printed by a
# real browser: headless Chromium makes a PDF (one or two A4 pages, the
# chart titles present as text) and a PNG screenshot (not empty). Skips
# the browser part, saying so, when chromium is not installed (make check
# installs chromium and poppler-utils: the Makefile's TEST_TOOLS).
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
export LIMBER_JOURNAL="$T/journal.tsv"
LIB="--library tests/data/history"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "report.sh: FAIL: $*" >&2; }
sh bench/genjournal.sh 1 1704092400 >"$LIMBER_JOURNAL"

"$L" $LIB report --as-of 2024-12-31 --html "$T/r.html" 2>"$T/err" && ok || bad "report exited $?"
[ -s "$T/err" ] && bad "report wrote to stderr: $(cat "$T/err")" || ok
H="$T/r.html"
grep -q '^<!DOCTYPE html>' "$H" && ok || bad "not an HTML document"
grep -qi '<script' "$H" && bad "the report has a script" || ok
grep -Eqi '(src|href)=' "$H" && bad "the report loads something: $(grep -Eio '(src|href)=[^ >]*' "$H" | head -3)" || ok
[ "$(grep -c '<svg class="gap"' "$H")" -eq 7 ] && ok || bad "want 7 side-gap charts, got $(grep -c '<svg class="gap"' "$H")"
grep -q '<svg class="adherence"' "$H" && ok || bad "no adherence chart"
# a new user's weeks before the journal began are not weeks missed: the
# report counts the full weeks since the first session (2024-01-01, a
# Monday), where it used to read "0 of the 8 full weeks"
"$L" $LIB report --as-of 2024-01-03 --html "$T/new.html" 2>"$T/err" && ok || bad "report (new user) exited $?"
grep -q '<p>No full week yet since the first session, on 2024-01-01 (' "$T/new.html" && ok \
	|| bad "a report of a first week counts weeks before the first session: $(grep -o '<p>[^<]*full week[^<]*' "$T/new.html")"
"$L" $LIB report --as-of 2024-01-20 --html "$T/new.html" 2>"$T/err" && ok || bad "report (3 weeks) exited $?"
grep -Eq '<p>[0-9] of the 2 full weeks since the first session, on 2024-01-01, had 3 or more' "$T/new.html" && ok \
	|| bad "a report of a third week counts weeks before the first session: $(grep -o '<p>[^<]*full week[^<]*' "$T/new.html")"
# "2:1 right" beside a chart's name is limber's shorthand: the page says
# what it means (a reader took it for a ratio of the ratings)
grep -q '2:1 right is two rounds right for each one left' "$H" && ok \
	|| bad "the side-gap charts do not say what 2:1 right means"
grep -q 'Doses: played against what the plan asked' "$H" && ok || bad "no doses section"
grep -q 'stopped for pain: ' "$H" && ok || bad "no pain stops listed"
grep -q 'note: &ldquo;stiff morning, better after the cat-cow, &quot;ok&quot;&rdquo;' "$H" && ok \
	|| bad "the note is not listed, escaped"
grep -q '<td>Fixture daily spine</td><td>[0-9]*</td><td>test fixture</td>' "$H" && ok \
	|| bad "routine with its source missing"
# what a clinician reads in the doses table: the fixed dose asked ("-" read
# as nothing asked), rounds per side, each named, only for an exercise
# with two sides ("51 / 0" read as a right side never played)
grep -q '<tr><td>Fixture cat cow</td><td>hold 30 s</td>.*<td>left 102 / right 51</td>' "$H" && ok \
	|| bad "doses: cat cow's fixed dose or its rounds per side missing"
grep -q '<tr><td>Fixture bridge</td><td>hold 30 s</td>\(<td>[0-9]*</td>\)*<td>-</td>' "$H" && ok \
	|| bad "doses: an exercise without sides shows rounds per side"
# each side's rounds under its own name, not an "L / R" heading that
# reads wrong for clockwise / counterclockwise or face down / face up
grep -q '<th>rounds per side</th>' "$H" && ok || bad "doses: the rounds heading is not 'rounds per side'"
# the time column says what it is the mean of: one play of the exercise,
# all its sides and sets (a bare "mean time" beside "hold 30 s" read as
# the mean of one hold)
grep -q '<th>mean time<br>per play</th></tr>' "$H" && ok \
	|| bad "doses: the time heading does not say what it is the mean of: $(grep -o '<th>[^<]*time[^<]*</th>' "$H")"
grep -q 'Mean time per play: the whole time spent in the exercise each time it was played' "$H" \
	&& ok || bad "doses: no note saying what the mean time is"
# a hold whose figure moves with the breath is asked as the voice says it,
# "move 6 breaths", not "hold" (the bundled Cat-cow: the fixture's exercises
# have no figures)
"$L" report --as-of 2024-12-31 --html "$T/bundled.html" 2>"$T/err" && ok \
	|| bad "report (bundled library) exited $?"
grep -q '<tr><td>Cat-cow</td><td>move [0-9]* breaths</td>' "$T/bundled.html" && ok \
	|| bad "doses: Cat-cow asked: $(grep -o '<tr><td>Cat-cow</td><td>[^<]*' "$T/bundled.html")"
# a range as a patient reads it, "15-30 s", not the routine file's
# "15..30s" (the page said "hold 30 s of 15..30 s")
mkdir -p "$T/range"
awk '/name: Fixture hip flexor/ {r = 1} r && /hold: 30s/ {sub(/30s/, "15..30s"); r = 0} {print}' \
	tests/data/history/names.yaml >"$T/range/names.yaml"
"$L" --library "$T/range" report --as-of 2024-12-31 --html "$T/range.html" 2>"$T/err" && ok \
	|| bad "report (a range) exited $?"
grep -q '<tr><td>Fixture hip flexor</td><td>hold [0-9]* s of 15-30 s</td>' "$T/range.html" && ok \
	|| bad "doses: the range asked: $(grep -o '<tr><td>Fixture hip flexor</td><td>[^<]*' "$T/range.html")"
# an exercise the library does not have: its sides are unknown (one or
# two, which first), so its rounds are said in all, with a note; "51 / 0"
# read as a right side never played
sed 's/\tbridge\t/\tno-such-bridge\t/; s/\thip-flexor\t/\tno-such-hip-flexor\t/' \
	"$LIMBER_JOURNAL" >"$T/gone.tsv"
"$L" $LIB --journal "$T/gone.tsv" report --as-of 2024-12-31 --html "$T/gone.html" 2>"$T/err" \
	&& ok || bad "report (exercises not in the library) exited $?"
grep -q '<tr><td>no-such-bridge</td>.*<td>51 in all</td>' "$T/gone.html" && ok \
	|| bad "doses: rounds of a one-sided exercise not in the library: $(grep -o '<tr><td>no-such-bridge</td>.*</tr>' "$T/gone.html")"
grep -q '<tr><td>no-such-hip-flexor</td>.*<td>153 in all</td>' "$T/gone.html" && ok \
	|| bad "doses: rounds of a two-sided exercise not in the library: $(grep -o '<tr><td>no-such-hip-flexor</td>.*</tr>' "$T/gone.html")"
grep -q 'Rounds &ldquo;in all&rdquo;: an exercise the routine library does not have' "$T/gone.html" && ok \
	|| bad "doses: no note saying what \"in all\" means"
grep -q 'in all&rdquo;' "$H" && bad "doses: the note shows though the library has every exercise" || ok
# sides that are not left and right: each named, in the exercise's order
# (the old heading read "L / R" over a "-" here)
mkdir -p "$T/cw"
awk '{print} /name: Fixture neck glide/ {print "    sides: [clockwise, counterclockwise]"}' \
	tests/data/history/names.yaml >"$T/cw/names.yaml"
"$L" --library "$T/cw" report --as-of 2024-12-31 --html "$T/cw.html" 2>"$T/err" && ok || bad "report (clockwise) exited $?"
grep -q '<tr><td>Fixture neck glide</td>.*<td>clockwise [0-9]* / counterclockwise [0-9]*</td>' "$T/cw.html" && ok \
	|| bad "doses: clockwise / counterclockwise rounds not named"
# the streak as a person says it, never "Streak: 0 days"
grep -q 'so far\. Not practised yesterday or today\.</p>' "$H" && ok \
	|| bad "adherence: the streak is not said in words: $(grep -o 'so far[^<]*' "$H")"
# a chart's ratio line never breaks inside its date
grep -q '\.chart h3 \.dim{white-space:nowrap}' "$H" && ok || bad "the ratio line can break in a date"
"$L" $LIB report --as-of 2024-12-31 --html - | cmp -s - "$H" && ok || bad "--html - differs from the file"
# three doses of INT64_MAX / 2 ms (the most a record holds) in one period:
# the mean time stays positive (the sum overflowed: "-1537228672809129 s")
"$L" $LIB --journal fuzz/regressions-journal/report-dose-overflow.tsv report --as-of 2024-03-01 \
	--html "$T/big.html" 2>"$T/err" && ok || bad "report (dose overflow) exited $?"
grep -q '<tr><td>Fixture cat cow</td>.*<td>[0-9][0-9]* s</td></tr>' "$T/big.html" && ok \
	|| bad "doses: mean time of huge doses: $(grep -o '<td>[-0-9]* s</td></tr>' "$T/big.html")"
"$L" report >/dev/null 2>"$T/err"; [ $? -eq 64 ] && ok || bad "report without --html accepted"
"$L" report --html "$T/no/such/dir/r.html" 2>"$T/err"; [ $? -eq 73 ] && ok || bad "unwritable file: want 73"
# the file asked for is named, not the temporary one (it said
# "cannot write .../r.html.tmp-PID")
[ "$(cat "$T/err")" = "limber: report: cannot write $T/no/such/dir/r.html: No such file or directory" ] \
	&& ok || bad "unwritable file: message $(cat "$T/err")"
# A name taken in the folder before limber starts (another user's link in
# /tmp, where the temporary's name was FILE.tmp-PID): never written
# through. The same pid is kept by exec.
printf 'victim\n' >"$T/victim"
sh -c 'ln -s "$1/victim" "$1/out.html.tmp-$$"; exec "$2" --library tests/data/history \
	report --as-of 2024-12-31 --html "$1/out.html"' sh "$T" "$L" 2>"$T/err" \
	&& ok || bad "report beside a planted link exited $? ($(cat "$T/err"))"
[ "$(cat "$T/victim")" = victim ] && ok || bad "the report was written through a planted link"
[ -f "$T/out.html" ] && [ ! -L "$T/out.html" ] && cmp -s "$T/out.html" "$H" && ok \
	|| bad "out.html is not the report: $(ls -l "$T/out.html")"
# a report that does not fit (a 16 KiB file size limit stands in for a
# full disk): the old report kept, no temporary left, exit 73
mkdir "$T/full"
printf 'old report\n' >"$T/full/r.html"
(ulimit -f 16; trap '' XFSZ; exec "$L" $LIB report --as-of 2024-12-31 --html "$T/full/r.html") 2>"$T/err"
[ $? -eq 73 ] && ok || bad "report over the size limit: want 73"
grep -q "cannot write $T/full/r.html: File too large" "$T/err" && ok || bad "size limit: $(cat "$T/err")"
[ "$(cat "$T/full/r.html")" = "old report" ] && ok || bad "the old report was not kept"
[ "$(ls -A "$T/full")" = r.html ] && ok || bad "left behind: $(ls -A "$T/full")"

C=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$C" ]; then
	echo "report.sh: chromium not installed: browser checks skipped (apt-get install chromium poppler-utils)"
else
	P="$T/profile"
	mkdir -p "$P"
	flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
		--disable-background-networking --disable-component-update --disable-sync
		--user-data-dir=$P"
	# shellcheck disable=SC2086
	timeout 120 "$C" $flags --no-pdf-header-footer --print-to-pdf="$T/r.pdf" "file://$H" \
		>"$T/log" 2>&1
	[ -s "$T/r.pdf" ] && ok || { bad "no PDF"; tail -5 "$T/log" >&2; }
	if command -v pdfinfo >/dev/null 2>&1; then
		pages=$(pdfinfo "$T/r.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	else
		pages=$(grep -ac '/Type */Page[^s]' "$T/r.pdf")
	fi
	[ "${pages:-0}" -ge 1 ] && [ "${pages:-0}" -le 2 ] && ok || bad "PDF has ${pages:-no} pages, want 1 or 2"
	if command -v pdftotext >/dev/null 2>&1; then
		pdftotext "$T/r.pdf" "$T/r.txt"
		# the charts' own text (axis dates, legend) printed, not just the titles
		[ "$(grep -c '^left —' "$T/r.txt")" -ge 7 ] && ok || bad "chart legends missing from the PDF"
		grep -q "Fixture hip flexor" "$T/r.txt" && ok || bad "chart title missing from the PDF"
		grep -q "^Mean time per play: the whole time spent in the exercise" "$T/r.txt" && ok \
			|| bad "the note on the mean time is not printed"
	else
		echo "report.sh: pdftotext not installed: PDF text checks skipped"
	fi
	# shellcheck disable=SC2086
	timeout 120 "$C" $flags --screenshot="$T/r.png" --window-size=900,1400 "file://$H" \
		>"$T/log" 2>&1
	[ "$(head -c 8 "$T/r.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && ok \
		|| bad "no PNG screenshot"
	[ "$(wc -c <"$T/r.png")" -gt 20000 ] && ok || bad "the screenshot looks empty"
	[ -n "${REPORT_KEEP:-}" ] && cp "$T/r.pdf" "$T/r.png" "$H" "$REPORT_KEEP"
fi
echo "report.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
