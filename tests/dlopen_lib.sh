# dlopen_lib.sh — sourced by the tests of what limber opens with dlopen
# (audio_dlopen, curses_dlopen, math_dlopen, yaml_dlopen); needs $T.
#
# dl_loads REGEX CMD...: the libraries matching REGEX that CMD's process
# loads, one a line (glibc's LD_DEBUG=files names every library loaded,
# linked or dlopened, as file=NAME); CMD's output is left in $T/out and
# its exit status is returned.
dl_loads() {
	dl_re=$1
	shift
	LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld" "$@" </dev/null >"$T/out" 2>&1
	dl_rc=$?
	cat "$T"/ld.* 2>/dev/null | grep -o "file=${dl_re}[^ ]*" | sort -u
	rm -f "$T"/ld.*
	return $dl_rc
}
