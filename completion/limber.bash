# bash completion for limber(1).
#
# Everything is asked of limber itself, so a new command or option, and a
# user's own routines, complete without a change here:
#   commands          the "commands:" list of `limber --help`
#   options           every --option in `limber [COMMAND] --help`
#                     (--[no-]voice gives --voice and --no-voice)
#   what a command takes, from its usage line: ROUTINE (routine and exercise
#                     ids), EXERCISE (exercise ids), PATH/FILE (files)
#   ids               `limber list --plain` and `limber list --exercises
#                     --plain`, with the --library folders already typed
#   regions           the regions column of `limber list --plain`

# _limber_run ARGS...: the limber being completed, with the typed --library
# and --journal options, quiet on errors.
_limber_run() {
	"$_limber_bin" "${_limber_global[@]}" "$@" 2>/dev/null
}

_limber_routines() { _limber_run list --plain --no-journal | cut -f1; }
_limber_exercises() { _limber_run list --exercises --plain --no-journal | cut -f1; }
_limber_regions() {
	_limber_run list --plain --no-journal | cut -f4 | tr ',' '\n' | sort -u
}

# _limber_options HELP: the long options named in a help text.
_limber_options() {
	printf '%s\n' "$1" | grep -o -- '--\(\[no-\]\)\?[a-z][a-z0-9-]*' |
		sed 's/^--\[no-\]\(.*\)/--\1\n--no-\1/' | sort -u
	printf '%s\n' --help
}

# _limber_takes_arg HELP OPTION: whether OPTION is shown with a value
# (`--speed N`, `--at HH:MM`, `--breath-tone KIND`).
_limber_takes_arg() {
	printf '%s\n' "$1" | grep -q -- "$2"' \+[A-Z][A-Z0-9:.]*'
}

_limber() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd="" i w help usage
	_limber_bin=${COMP_WORDS[0]/#\~/$HOME}
	_limber_global=()
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--library | --journal)
			((i + 1 < COMP_CWORD)) && _limber_global+=("$w" "${COMP_WORDS[i + 1]}")
			((i++)) ;;
		-*) ;;
		*) cmd=$w; break ;;
		esac
	done

	# Values of options limber knows the words for.
	case $prev in
	--library) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--journal) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--region) COMPREPLY=($(compgen -W "$(_limber_regions)" -- "$cur")); return ;;
	--routine) COMPREPLY=($(compgen -W "$(_limber_routines)" -- "$cur")); return ;;
	--side) COMPREPLY=($(compgen -W "left right" -- "$cur")); return ;;
	--ratio) COMPREPLY=($(compgen -W "1:1" -- "$cur")); return ;;
	esac

	if [[ -z $cmd ]]; then
		help=$(_limber_run --help)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_limber_options "$(sed -n '/^options:/,$p' <<<"$help")")" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$help")" -- "$cur"))
		fi
		return
	fi

	help=$(_limber_run "$cmd" --help)
	# Another option's value: nothing to offer but what is typed.
	if [[ $prev == --* ]] && _limber_takes_arg "$help" "$prev"; then
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_limber_options "$help")" -- "$cur"))
		return
	fi
	usage=$(sed '/^$/q' <<<"$help")
	case $usage in
	*ROUTINE*) COMPREPLY=($(compgen -W "$(_limber_routines; _limber_exercises)" -- "$cur")) ;;
	*EXERCISE*) COMPREPLY=($(compgen -W "$(_limber_exercises)" -- "$cur")) ;;
	*PATH* | *FILE*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}

complete -F _limber limber
