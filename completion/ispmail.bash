# The logic half of ispmail's bash completion; the data half, above it in
# the installed file, is generated from the command table.
#
# Profile names come from the configuration file. Domains and addresses
# come only from the completion cache that "ispmail list", "ispmail
# domains" and the interactive shell's completion write (src/compcache.c):
# TAB never runs a command that could reach the panel, and without a fresh
# cache it offers no domain and no address.

# The configuration file ispmail would read, as conf.c looks for it.
_ispmail_config()
{
	local f
	if [[ -n $_ispmail_cfg ]]; then
		f=$_ispmail_cfg
	elif [[ -n ${ISPMAIL_CONFIG:-} ]]; then
		f=$ISPMAIL_CONFIG
	else
		f=${XDG_CONFIG_HOME:-${HOME:-}/.config}/ispmail/config
		[[ -e $f ]] || f=/etc/ispmail/config
	fi
	f=${f/#\~/${HOME:-}}
	printf '%s\n' "$f"
}

_ispmail_profiles()
{
	local f
	f=$(_ispmail_config)
	[[ -r $f ]] || return 0
	awk '$1 == "profile" && NF >= 2 { print $2 }' "$f" 2>/dev/null
}

# The profile ispmail would use, as conf_profile() chooses it: -p or
# $ISPMAIL_PROFILE, else default_profile, else the only profile.
_ispmail_profile()
{
	local f
	if [[ -n $_ispmail_prof ]]; then
		printf '%s\n' "$_ispmail_prof"
		return
	fi
	f=$(_ispmail_config)
	[[ -r $f ]] || return 0
	awk '$1 == "default_profile" && NF >= 2 { d = $2 }
	    $1 == "profile" && NF >= 2 { n++; p = $2 }
	    END { if (d != "") print d; else if (n == 1) print p }' \
	    "$f" 2>/dev/null
}

# _ispmail_cached KIND [DOMAIN]: sets _ispmail_got to the fresh entries of
# KIND (domain, mailbox, alias or forward; those of DOMAIN only when given)
# in the profile's completion cache, "SECONDS KIND NAME" lines.
_ispmail_cached()
{
	local dir f now prof ttl=${ISPMAIL_COMPLETION_TTL:-600}
	_ispmail_got=
	prof=$(_ispmail_profile)
	[[ $prof =~ ^[A-Za-z0-9_+@-][A-Za-z0-9._+@-]*$ ]] || return 0
	if [[ ${XDG_CACHE_HOME:-} == /* ]]; then
		dir=$XDG_CACHE_HOME/ispmail
	elif [[ ${HOME:-} == /* ]]; then
		dir=$HOME/.cache/ispmail
	else
		return 0
	fi
	f=$dir/completion-$prof
	[[ -f $f && ! -L $f ]] || return 0
	printf -v now '%(%s)T' -1
	_ispmail_got=$(awk -v now="$now" -v ttl="$ttl" -v kind="$1" \
	    -v dom="${2:-}" '
	    { d = tolower(substr($3, index($3, "@") + 1)) }
	    $1 <= now && now - $1 < ttl && $2 == kind &&
	    $3 ~ /^[A-Za-z0-9._+@-]+$/ && (dom == "" || d == tolower(dom)) {
		print $3
	    }' "$f" 2>/dev/null) || _ispmail_got=
}

# Addresses: after "local@", the domains, then that domain's mailboxes;
# without "@", every mailbox of the panel when existing is 1.
_ispmail_addresses()
{
	local cur=$1 existing=$2 local_part domain d
	local -a doms
	if [[ $cur == *@* ]]; then
		local_part=${cur%%@*} domain=${cur#*@}
		_ispmail_cached domain
		mapfile -t doms <<<"$_ispmail_got"
		for d in "${doms[@]}"; do
			if ((existing)) && [[ $d == "$domain" ]]; then
				_ispmail_cached mailbox "$d"
				mapfile -t COMPREPLY < <(compgen -W \
				    "$_ispmail_got" -- "$cur")
				return
			fi
		done
		mapfile -t COMPREPLY < <(compgen -P "$local_part@" -W \
		    "${doms[*]}" -- "$domain")
		# An existing mailbox is still to be picked in the domain.
		if ((existing)); then
			compopt -o nospace 2>/dev/null || :
		fi
		return 0
	fi
	((existing)) || return 0
	_ispmail_cached mailbox
	mapfile -t COMPREPLY < <(compgen -W "$_ispmail_got" -- "$cur")
}

# _ispmail_value METAVAR CUR: the value of an option.
_ispmail_value()
{
	case $1 in
	*FILE* | PREFIX)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$2") ;;
	address | ADDRESS)
		_ispmail_addresses "$2" 1 ;;
	esac
}

# _ispmail_metavar OPTWORDS WORD: the metavar of option WORD when it takes
# a value, else nothing; OPTWORDS holds "option:metavar" words.
_ispmail_metavar()
{
	local o
	for o in $1; do
		if [[ ${o%%:*} == "$2" ]]; then
			printf '%s' "${o#*:}"
			return
		fi
	done
}

_ispmail()
{
	local cur=${COMP_WORDS[COMP_CWORD]} w mv cmd= c npos=0 optsdone=0 i
	local sub= s _ispmail_cfg= _ispmail_prof
	local _ispmail_opts _ispmail_arg _ispmail_subs _ispmail_many _ispmail_got
	_ispmail_prof=${ISPMAIL_PROFILE:-}
	COMPREPLY=()

	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -z $cmd ]]; then
			mv=$(_ispmail_metavar "$_ispmail_global_opts" "$w")
			if [[ -n $mv ]]; then
				((i + 1 < COMP_CWORD)) || {
					[[ $w == -p || $w == --profile ]] &&
					    mapfile -t COMPREPLY < <(compgen \
					    -W "$(_ispmail_profiles)" -- "$cur") ||
					    _ispmail_value "$mv" "$cur"
					return
				}
				case $w in
				-c | --config) _ispmail_cfg=${COMP_WORDS[i + 1]} ;;
				-p | --profile) _ispmail_prof=${COMP_WORDS[i + 1]} ;;
				esac
				((i++))
			elif [[ $w != -* ]]; then
				# ispmail takes a unique prefix of a command.
				for c in $_ispmail_commands; do
					[[ $c == "$w"* ]] || continue
					[[ -z $cmd || $c == "$w" ]] && cmd=$c ||
					    cmd=ambiguous
					[[ $c == "$w" ]] && break
				done
				[[ $cmd == ambiguous || -z $cmd ]] && return 0
				_ispmail_command "$cmd"
			fi
			continue
		fi
		if ((!optsdone)) && [[ $w == -- ]]; then
			optsdone=1
		elif ((!optsdone)) && [[ $w == -?* ]]; then
			mv=$(_ispmail_metavar "$_ispmail_opts" "$w")
			if [[ -n $mv ]]; then
				((i + 1 < COMP_CWORD)) || {
					_ispmail_value "$mv" "$cur"
					return
				}
				((i++))
			fi
		else
			((npos++ == 0)) && sub=$w || :
		fi
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W \
			    "$(for w in $_ispmail_global_opts; do
				printf '%s\n' "${w%%:*}"; done)" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$_ispmail_commands" \
			    -- "$cur")
		fi
		return 0
	fi
	if ((!optsdone)) && [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W \
		    "$(for w in $_ispmail_opts; do
			printf '%s\n' "${w%%:*}"; done)" -- "$cur")
		return 0
	fi
	# After a sub-command's name ("alias add"), its own arguments.
	if [[ -n $_ispmail_subs ]] && ((npos > 0)); then
		_ispmail_arg=none _ispmail_many=1
		for s in $_ispmail_subs; do
			[[ ${s%%:*} == "$sub" ]] || continue
			s=${s#*:}
			((npos == 1)) && _ispmail_arg=${s%%:*} ||
			    _ispmail_arg=${s#*:}
		done
	fi
	((npos == 0 || _ispmail_many)) || return 0
	case $_ispmail_arg in
	address) _ispmail_addresses "$cur" 1 ;;
	new-address) _ispmail_addresses "$cur" 0 ;;
	domain)
		_ispmail_cached domain
		mapfile -t COMPREPLY < <(compgen -W "$_ispmail_got" -- "$cur") ;;
	profile)
		mapfile -t COMPREPLY < <(compgen -W "$(_ispmail_profiles)" \
		    -- "$cur") ;;
	command)
		mapfile -t COMPREPLY < <(compgen -W "$_ispmail_commands" \
		    -- "$cur") ;;
	file)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	word)
		mapfile -t COMPREPLY < <(compgen -W \
		    "$(for s in $_ispmail_subs; do
			printf '%s\n' "${s%%:*}"; done)" -- "$cur") ;;
	alias | forward)
		_ispmail_cached "$_ispmail_arg"
		mapfile -t COMPREPLY < <(compgen -W "$_ispmail_got" -- "$cur") ;;
	esac
	return 0
}
complete -F _ispmail ispmail
