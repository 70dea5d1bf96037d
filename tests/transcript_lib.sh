# tests/transcript_lib.sh — a CLI transcript compared with a golden file;
# sourced by checkcmd.sh and listempty.sh after they set T (their scratch
# folder), never run alone.

# transcript_run BIN ARGS...: one entry in $T/transcript: the command, its
# stdout, its stderr (each line "stderr: "), its exit status. $T is written
# as T; TRANSCRIPT_SED, when set, is one more sed script for the entry.
transcript_run() {
	bin=$1
	shift
	"$bin" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	{
		echo "\$ limber $*"
		cat "$T/out"
		sed 's/^/stderr: /' "$T/err"
		echo "exit $rc"
		echo
	} | sed -e "${TRANSCRIPT_SED:-}" -e "s#$T#T#g" >>"$T/transcript"
}

# transcript_matches EXPECTED: whether $T/transcript equals EXPECTED (with
# UPDATE=1, EXPECTED is rewritten first); the diff on stderr when not.
transcript_matches() {
	if [ "${UPDATE:-}" = 1 ]; then cp "$T/transcript" "$1"; fi
	cmp -s "$T/transcript" "$1" && return 0
	diff -u "$1" "$T/transcript" >&2
	return 1
}
