#!/bin/sh
# The interactive shell under a pseudo-terminal (tmux send-keys and
# capture-pane): the prompt, completion of commands and of the panel's
# mailboxes, Ctrl-C on a line and on a slow request, passwords typed at
# the no-echo prompt that never reach the history file (mode 0600),
# Ctrl-D, and Ctrl-Z then fg under bash.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl tmux

sim_start --plain
write_config
XDG_STATE_HOME=$TEST_DIR/state
history=$XDG_STATE_HOME/ispmail/history
T=:
nstarts=0
tmux_cleanup() {
	_i=1
	while [ "$_i" -le "$nstarts" ]; do
		tmux -L "ispmail-t0410-$$-$_i" kill-server 2>/dev/null || :
		_i=$((_i + 1))
	done
	lib_cleanup
}
trap tmux_cleanup EXIT

# Starts the shell in a fresh tmux server (a new socket each time: a
# server being killed may still hold the old one). A wrapper records the
# exit status: tmux can take long to notice that a pane's process ended.
# It catches SIGINT so that Ctrl-C reaches only the shell.
shell_start() {
	$T kill-server 2>/dev/null || :
	nstarts=$((nstarts + 1))
	T="tmux -L ispmail-t0410-$$-$nstarts -f /dev/null"
	status_file=$TEST_DIR/status.$nstarts
	cat >"$TEST_DIR/run-shell" <<-EOF
	trap : INT
	ISPMAIL_CONFIG='$ISPMAIL_CONF' XDG_STATE_HOME='$XDG_STATE_HOME' \\
	    TERM=screen $VALGRIND '$top_builddir/ispmail' shell
	echo \$? >'$status_file'
	sleep 600
	EOF
	$T new-session -d -x 132 -y 50 "sh '$TEST_DIR/run-shell'"
}

# -N keeps the blank a prompt ends with.
screen() {
	$T capture-pane -p -N -S -100
}

# wait_for ERE [SECONDS]: until the screen matches; 1 on timeout.
wait_for() {
	_n=$(( ${2:-10} * 10 ))
	while [ "$_n" -gt 0 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}

# The last non-blank line of the screen.
last_line() {
	screen | sed '/^ *$/d' | tail -n 1
}

# wait_last ERE [SECONDS]: until the last line matches; 1 on timeout.
wait_last() {
	_n=$(( ${2:-10} * 10 ))
	while [ "$_n" -gt 0 ]; do
		last_line | grep -Eq -- "$1" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}

# The exit status of the shell once it has ended, or "running".
exit_status() {
	_n=100
	while [ "$_n" -gt 0 ]; do
		if [ -s "$status_file" ]; then
			cat "$status_file"
			return 0
		fi
		sleep 0.1
		_n=$((_n - 1))
	done
	echo running
}

keys() {
	$T send-keys "$@"
}

# expect DESC ERE [SECONDS]: a test that the screen comes to match ERE.
expect() {
	if wait_for "$2" "${3:-10}"; then
		ok "$1"
	else
		not_ok "$1" "want: /$2/" "screen:" "$(screen)"
	fi
}

# expect_last DESC ERE: a test on the last line once the screen settled.
expect_last() {
	wait_last "$2" 10 || :
	like "$1" "$(last_line)" "$2"
}

shell_start
expect "the prompt names the profile" '^ispmail sim> $'

keys 'cre' Tab
expect_last "cre<TAB> completes create" '^ispmail sim> create $'
keys C-c
expect_last "Ctrl-C drops the line and prompts again" '^ispmail sim> $'

keys 'use example.com' Enter
expect "use sets the domain in the prompt" '^ispmail sim:example\.com> $'
keys 'show ' Tab Tab
expect "show <TAB><TAB> lists the domain's mailboxes" \
    'jean\.dupont +.*marie\.curie'
expect "among them paul" '(^| )paul( |$)'
grep -q ' mailbox marie\.curie@example\.com$' \
    "$XDG_CACHE_HOME/ispmail/completion-sim" 2>/dev/null &&
    ok "what TAB fetched is in the completion cache for bash" ||
    not_ok "what TAB fetched is in the completion cache for bash"
keys C-u 'show mar' Tab
expect_last "show mar<TAB> completes the local part" \
    '^ispmail sim:example\.com> show marie\.curie $'
keys Enter
expect "and the completed command runs" 'address: +marie\.curie@example\.com'

keys 'list --x' Tab
expect_last "an unknown option completes to nothing" \
    '^ispmail sim:example\.com> list --x$'
keys C-u 'list --' Tab
expect_last "a command without options completes --help" \
    '^ispmail sim:example\.com> list --help $'
keys C-u 'create x --gen' Tab
expect_last "create --gen<TAB> completes the option" \
    'create x --generate $'
keys C-u 'help pro' Tab
expect_last "help pro<TAB> completes a command name" 'help profile +$'
keys C-u 'profile ' Tab
expect_last "profile <TAB> completes profile names" 'profile sim +$'
keys C-u 'show nobody' Enter
expect "an error prints one line and the shell goes on" \
    '^ispmail: show: .*nobody@example\.com'
expect_last "back at the prompt" '^ispmail sim:example\.com> $'

# Passwords typed at the no-echo prompts.
pw1='Tq4#zWm8-Lc2Vn!7'
pw2='Hx5$pRk3-Yb9Gs!4'
keys 'create pty.test' Enter
expect_last "create asks for the password" 'New password: $'
keys -l "$pw1"
keys Enter
expect_last "and asks again" 'Retype new password: $'
keys -l "$pw1"
keys Enter
expect "the mailbox is created" '^created pty\.test@example\.com'
expect_last "back at the prompt after create" '^ispmail sim:example\.com> $'
keys 'passwd pty.test' Enter
wait_last 'New password: $' || :
keys -l "$pw2"
keys Enter
wait_last 'Retype new password: $' || :
keys -l "$pw2"
keys Enter
expect "the password is changed" '^password of pty\.test@example\.com changed'
expect_last "back at the prompt after passwd" '^ispmail sim:example\.com> $'
if screen | grep -Fq -e "$pw1" -e "$pw2"; then
	not_ok "typed passwords are never echoed"
else
	ok "typed passwords are never echoed"
fi
is "the panel holds the mailbox" \
    "$(sim_stat calls.mail_user_add):$(sim_stat calls.mail_user_update)" \
    "1:1"

# Ctrl-C while a request is in flight: the next calls are slow.
sim_fault '{"delay_ms":8000,"count":5}'
keys 'show paul' Enter
sleep 1
start=$(date +%s)
keys C-c
expect "Ctrl-C abandons a slow request" '^ispmail: show: .*interrupted' 6
end=$(date +%s)
like "well before the server answers" "$((end - start))" '^[0-4]$'
expect_last "and returns to the prompt" '^ispmail sim:example\.com> $'
sim_fault '{"reset":true}'
keys 'show info' Enter
expect "the shell still works after a cancelled request" \
    'address: +info@example\.com' 15

# Ctrl-C while <TAB> waits for a slow server (the cache was dropped by
# create and passwd, so completion has to ask the panel again).
sim_fault '{"delay_ms":8000,"count":1}'
keys 'show ' Tab
sleep 1
start=$(date +%s)
keys C-c
wait_last '^ispmail sim:example\.com> $' 6 || :
end=$(date +%s)
like "Ctrl-C abandons a completion waiting for the server" \
    "$(last_line)" '^ispmail sim:example\.com> $'
like "at once" "$((end - start))" '^[0-4]$'
is "the completion had asked the panel" "$(sim_stat pending_count)" 0

keys 'quit' Enter
st=$(exit_status)
is "quit leaves with status 0" "$st" 0
[ "$st" = 0 ] || diag "$(screen)"

is "the history file has mode 0600" "$(stat -c %a "$history")" 600
if grep -Fq -e "$pw1" -e "$pw2" "$history"; then
	not_ok "no password reached the history file"
else
	ok "no password reached the history file"
fi
if grep -Eq '^(create|passwd) ' "$history"; then
	not_ok "lines of commands that read a password are not recorded"
else
	ok "lines of commands that read a password are not recorded"
fi
like "other lines are recorded" "$(cat "$history")" '^use example\.com$'

# The history comes back in a new session; Ctrl-D leaves.
shell_start
wait_last '^ispmail sim> $' || :
keys Up
expect_last "the previous session's history is recalled" \
    '^ispmail sim> quit$'
keys C-u C-d
st=$(exit_status)
is "Ctrl-D leaves with status 0" "$st" 0
[ "$st" = 0 ] || diag "$(screen)"

# A history file left readable by others is repaired, not trusted as is.
chmod 644 "$history"
shell_start
wait_last '^ispmail sim> $' || :
keys 'quit' Enter
exit_status >/dev/null
is "a readable history file is set back to 0600" \
    "$(stat -c %a "$history")" 600

# Ctrl-Z while a line is edited, under a login shell with job control:
# fg brings the line back, and keys act at once again (in the cooked mode
# the stop left, a Tab would wait for Enter).
if [ -n "$VALGRIND" ]; then
	# valgrind does not carry out the stop of a SIGTSTP its client
	# raises itself (raise or kill): the shell would never stop
	skip "Ctrl-Z and fg" "not under valgrind"
elif command -v bash >/dev/null 2>&1; then
	$T kill-server 2>/dev/null || :
	nstarts=$((nstarts + 1))
	T="tmux -L ispmail-t0410-$$-$nstarts -f /dev/null"
	$T new-session -d -x 132 -y 50 "env -i PATH='$PATH' HOME='$TEST_DIR' \
	    TERM=screen PS1='job\$ ' bash --norc --noprofile -i"
	wait_last '^job\$ $' || :
	keys "ISPMAIL_CONFIG='$ISPMAIL_CONF' XDG_STATE_HOME='$XDG_STATE_HOME'" \
	    " $VALGRIND '$top_builddir/ispmail' shell" Enter
	wait_last '^ispmail sim> $' || :
	keys 'use example.com' Enter
	wait_last '^ispmail sim:example\.com> $' || :
	keys 'show mar'
	wait_last 'show mar$' || :
	keys C-z
	expect "Ctrl-Z stops the shell" 'Stopped'
	expect_last "and gives the terminal back" '^job\$ $'
	keys 'fg' Enter
	expect_last "fg brings the edited line back" \
	    '^ispmail sim:example\.com> show mar$'
	keys Tab
	expect_last "and completion works at once" \
	    '^ispmail sim:example\.com> show marie\.curie $'
	keys Enter
	expect "the command runs" 'address: +marie\.curie@example\.com'
	keys 'quit' Enter
	expect_last "quit returns to the login shell" '^job\$ $'
else
	skip "Ctrl-Z and fg" "no bash"
fi

done_testing
