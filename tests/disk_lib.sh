# disk_lib.sh — sourced by faults.sh and tui_faults.sh: a small tmpfs
# filled up under a journal.

# fill FILE: pad the journal with comment lines past the room limber
# reserved when it opened it (8 KiB), fill the disk mounted at $M, then the
# journal's last page with an unterminated comment (tmpfs writes into an
# allocated page even when full; limber ends that line when it can write
# again).
fill() {
	_pad=8200
	while [ "$_pad" -gt 0 ]; do
		{ printf '#'; head -c 998 /dev/zero | tr '\0' x; printf '\n'; } >>"$1"
		_pad=$((_pad - 1000))
	done
	dd if=/dev/zero of="$M/fill" bs=4096 2>/dev/null
	if printf '#' >>"$1" 2>/dev/null; then
		while printf x >>"$1" 2>/dev/null; do :; done
	fi
}
