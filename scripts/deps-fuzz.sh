#!/bin/sh
# Install what `make fuzz` needs, if it is missing (Debian/apt): clang and
# its libFuzzer/sanitizer runtime. Says what it installs; uses sudo when not
# root. Does nothing when a tiny fuzz target already links.
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

need=""
have_cmd "$CLANG" || need="$need clang"
# Debian splits the compiler-rt runtime (libFuzzer, ASan, UBSan) out of clang.
if have_cmd "$CLANG"; then
	major=$("$CLANG" --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
	[ -n "$major" ] && need="$need libclang-rt-$major-dev"
else
	need="$need libclang-rt-dev"
fi

echo "limber: fuzzing needs clang with libFuzzer; installing:$need" >&2
if ! have_cmd apt-get; then
	echo "limber: no apt-get here; please install:$need" >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if have_cmd sudo; then SUDO=sudo; else
		echo "limber: not root and no sudo; please install:$need" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Older Debian ships the runtime inside clang itself: install what exists.
for p in $need; do
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 ||
		echo "limber: package $p not available; continuing" >&2
done
if fuzzer_links; then
	echo "limber: installed:$need" >&2
else
	echo "limber: clang still cannot link -fsanitize=fuzzer; see doc/hardening.md" >&2
	exit 1
fi
