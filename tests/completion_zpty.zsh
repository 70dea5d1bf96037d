# zsh -f tests/completion_zpty.zsh FPATH-DIR LINE...: Tab pressed after each
# LINE in a real interactive zsh (a pseudo-terminal, zsh/zpty) where
# compinit found limber's completion in FPATH-DIR; prints "LINE<TAB>OFFER"
# for each offer. compadd is wrapped to print what it was given, then adds
# it as usual, so zsh's own _describe, _files and the rest run unchanged.
# Exits 2 when the shell never gets ready, 3 without zsh/zpty.
zmodload zsh/zpty || exit 3
out=
# wait_for MARK: read the pty until MARK shows (20 s at most)
wait_for() {
	local n=0 line
	while (( n++ < 400 )); do
		if zpty -r -t z line; then
			out+=$line
			[[ $out == *$1* ]] && return 0
		else
			sleep 0.05
		fi
	done
	return 1
}
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
# The markers are split in what is typed, so the echo of the typing never matches.
zpty -w z 'compadd() { local -a h; builtin compadd -A h "$@"; (( $#h )) && print -r -- "<""M>${(j:<M>:)h}<""E>"; builtin compadd "$@" }'
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no; LISTMAX=100000"
zpty -w z 'print -r -- "<RE""ADY>"'
wait_for '<READY>' || { zpty -d z; exit 2; }
shift
for l in "$@"; do
	out=
	zpty -w -n z "$l"$'\t'
	zpty -w z $'\C-e\C-u print -r -- "<DO""NE>"'
	wait_for '<DONE>'
	print -r -- "$out" | tr -d '\r' | grep -ao '<M>.*<E>' |
		sed 's/<E>.*//; s/<M>/\n/g' | sed '/^$/d' | sort -u | sed "s|^|$l\t|"
done
zpty -d z
