#!/bin/sh
# Install what `make fuzz` needs, if it is missing (Debian/apt): clang and
# its libFuzzer/sanitizer runtime. Decides what is missing and has
# scripts/deps.sh install it (which says what it installs, with sudo when not
# root). Does nothing when a tiny fuzz target already links.
set -eu

have_cmd() { command -v "$1" >/dev/null 2>&1; }
CLANG="${CLANG:-clang}"

# libFuzzer works when a one-line target links with it.
fuzzer_links() {
	have_cmd "$CLANG" || return 1
	t=$(mktemp -d)
	printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$t/t.c"
	ok=1
	"$CLANG" -fsanitize=fuzzer,address,undefined -o "$t/t" "$t/t.c" >/dev/null 2>&1 || ok=0
	rm -rf "$t"
	[ "$ok" -eq 1 ]
}

fuzzer_links && exit 0

# What to install; deps.sh installs it (each package only if the archive
# has it: older Debian ships the runtime inside clang itself).
pkgs=""
have_cmd "$CLANG" || pkgs="$pkgs --pkg clang"
# Debian splits the compiler-rt runtime (libFuzzer, ASan, UBSan) out of clang.
if have_cmd "$CLANG"; then
	major=$("$CLANG" --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
	[ -n "$major" ] && pkgs="$pkgs --pkg libclang-rt-$major-dev"
else
	pkgs="$pkgs --pkg libclang-rt-dev"
fi

echo "limber: fuzzing needs clang with libFuzzer" >&2
# shellcheck disable=SC2086
sh "$(dirname "$0")/deps.sh" $pkgs
if ! fuzzer_links; then
	echo "limber: clang still cannot link -fsanitize=fuzzer; see doc/hardening.md" >&2
	exit 1
fi
