#!/bin/sh
# make check-package: the Debian package end to end. Copies this tree (what
# git tracks or would, uncommitted changes included) to a scratch folder,
# builds it with `dpkg-buildpackage -us -uc -b`, runs lintian (no error or
# warning allowed), installs the .deb with `apt-get install ./limber_*.deb`,
# runs `limber list` and `man -w limber`, checks the completion files, and
# purges the package, whatever happens (trap). Installs the build
# dependencies (apt-get build-dep) and its tools first unless
# LIMBER_NO_DEPS=1. Needs root for apt-get (sudo otherwise); skips, saying
# why, without dpkg or where limber is already installed as a package.
set -u
cd "$(dirname "$0")/.."
say() { echo "check-package: $*"; }
skip() { say "skipped: $*"; echo "check-package: 0 passed, 0 failed, 1 skipped"; exit 0; }
command -v dpkg >/dev/null 2>&1 || skip "not a Debian system (no dpkg)"
command -v git >/dev/null 2>&1 || skip "no git to list the tree's files"
if dpkg-query -W -f='${Status}' limber 2>/dev/null | grep -q ' installed'; then
	skip "a limber package is installed already; not touching it"
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
APT="$SUDO apt-get -o DPkg::Lock::Timeout=600 -y -qq"
export DEBIAN_FRONTEND=noninteractive
t0=$(date +%s)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); say "FAIL: $*"; }

# Every library the Makefile builds with is a build dependency of the package.
for d in $(make -s --no-print-directory print-build-debs); do
	sed -n '/^Build-Depends:/,/^[A-Z]/p' debian/control | grep -q "[ ,]$d\b" && ok ||
		bad "debian/control: Build-Depends lacks $d (a PKGS row of the Makefile)"
done

if [ "${LIMBER_NO_DEPS:-0}" != 1 ]; then
	sh scripts/deps.sh --cmd dpkg-buildpackage:dpkg-dev --cmd lintian --cmd man:man-db \
		--cmd fakeroot --cmd bash --cmd zsh --pkg bash-completion || exit 1
	$APT build-dep ./ >/dev/null || { say "apt-get build-dep failed"; exit 1; }
fi
for c in dpkg-buildpackage lintian man; do
	command -v $c >/dev/null 2>&1 || skip "no $c (LIMBER_NO_DEPS=1?)"
done

T=$(mktemp -d)
installed=0
cleanup() {
	[ $installed -eq 1 ] && $APT purge limber >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

S=$T/limber
mkdir -p "$S"
# what git tracks or would add, less files deleted in the work tree
git ls-files --cached --others --exclude-standard |
	while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done >"$T/files"
tar cf - -T "$T/files" | tar xf - -C "$S" || { say "copying the tree failed"; exit 1; }

t=$(date +%s)
if (cd "$S" && dpkg-buildpackage -us -uc -b) >"$T/build.log" 2>&1; then ok; else
	bad "dpkg-buildpackage"; tail -n 40 "$T/build.log"
	exit 1
fi
deb=$(ls "$T"/limber_*.deb 2>/dev/null | grep -v dbgsym | head -n 1)
[ -n "$deb" ] && ok || { bad "no limber_*.deb"; ls "$T"; exit 1; }
say "built $(basename "$deb") in $(($(date +%s) - t)) s"
grep -q -- '-D_FORTIFY_SOURCE' "$T/build.log" && ok || bad "dpkg-buildflags' CPPFLAGS not used"
grep -q -- '-Wl,-z,relro.* -o build/limber ' "$T/build.log" && ok ||
	bad "dpkg-buildflags' LDFLAGS not on the link line"
# What the package asks for: the linked libraries through shlibs and the
# required ones opened at run time (ncursesw, libyaml) named in debian/control, the
# optional ones opened at run time (audio) and the optional commands as
# Recommends, so a plain install works and apt brings the rest by default.
dep=$(dpkg-deb -f "$deb" Depends) rec=$(dpkg-deb -f "$deb" Recommends)
for d in libncursesw6 libyaml-0-2 libc6; do
	case "$dep," in *"$d "* | *"$d,"*) ok ;; *) bad "Depends lacks $d: $dep" ;; esac
done
for d in libespeak-ng1 libpulse0; do
	case "$dep," in *"$d "* | *"$d,"*) bad "Depends has $d (opened at run time, a Recommends): $dep" ;; *) ok ;; esac
done
for d in libespeak-ng1 libpulse0 libnotify-bin; do
	case "$rec," in *"$d "* | *"$d,"*) ok ;; *) bad "Recommends lacks $d: $rec" ;; esac
done
say "Depends: $dep"
say "Recommends: $rec"

lintian --fail-on error,warning "$T"/limber_*.changes >"$T/lintian" 2>&1 && ok ||
	{ bad "lintian:"; cat "$T/lintian"; }
[ -s "$T/lintian" ] && sed 's/^/check-package: lintian: /' "$T/lintian"

(cd "$T" && $APT install "./$(basename "$deb")") >"$T/install.log" 2>&1 && installed=1 && ok ||
	{ bad "apt-get install ./$(basename "$deb")"; cat "$T/install.log"; }
if [ $installed -eq 1 ]; then
	H=$T/home
	mkdir -p "$H"
	(cd "$H" && env HOME="$H" XDG_CONFIG_HOME="$H/config" XDG_STATE_HOME="$H/state" \
		/usr/bin/limber list) >"$T/list" 2>&1 && grep -q '^gmb-back-stretches ' "$T/list" && ok ||
		{ bad "limber list from the package"; cat "$T/list"; }
	m=$(man -w limber 2>&1) && [ "${m#/usr/share/man/}" != "$m" ] && ok || bad "man -w limber: $m"
	man -w 5 limber-routines >/dev/null 2>&1 && ok || bad "man -w 5 limber-routines"
	[ -f /usr/share/bash-completion/completions/limber ] && ok || bad "no bash completion"
	[ -f /usr/share/zsh/vendor-completions/_limber ] && ok || bad "no zsh completion"
	# where the shells look: bash-completion's on-demand loader and
	# compinit in zsh's default fpath find them with nothing configured
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		c=$(bash -c '. /usr/share/bash-completion/bash_completion; _completion_loader limber; complete -p limber' 2>&1)
		[ "$c" = "complete -F _limber limber" ] && ok || bad "bash-completion does not load it: $c"
	else
		say "skip: no bash-completion, its loader not tried"
	fi
	if command -v zsh >/dev/null 2>&1; then
		c=$(cd "$H" && HOME=$H zsh -fc 'autoload -U compinit; compinit -u -D; print -r -- $_comps[limber]' 2>&1)
		[ "$c" = _limber ] && ok || bad "zsh's compinit does not find it: $c"
	else
		say "skip: no zsh, its completion not looked up"
	fi
	$APT purge limber >"$T/purge.log" 2>&1 && installed=0 && ok || { bad "apt-get purge limber"; cat "$T/purge.log"; }
	[ ! -e /usr/bin/limber ] && [ ! -e /usr/share/limber ] && ok || bad "files left after purge"
fi
say "$(($(date +%s) - t0)) s"
echo "check-package: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
