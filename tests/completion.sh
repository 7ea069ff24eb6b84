# Sourced after tests/lib.sh by the bash completion's tests (bash only:
# the completion is a bash script).

# load_completion: sources the generated bash completion into this shell,
# as bash does, so that tab can call _ispmail.
load_completion() {
	[ -r "$top_builddir/completion/ispmail" ] ||
	    fail "no $top_builddir/completion/ispmail: run make first"
	# shellcheck disable=SC1091
	. "$top_builddir/completion/ispmail"
}

# tab WORD... : sets got to what TAB offers for the last word, one per
# line, sorted. _ispmail runs in this shell, as bash runs it, so that its
# cache lives on from one call to the next.
tab() {
	COMP_WORDS=("$top_builddir/ispmail" "$@")
	COMP_CWORD=$#
	COMP_LINE="ispmail $*"
	COMP_POINT=${#COMP_LINE}
	_ispmail
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort)
}
