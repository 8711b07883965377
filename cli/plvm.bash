# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for plvm: "plvm COMMAND ...", and the LVM2-named commands
# when they are plvm's (links to it).  Commands, options and their values
# come from plvm itself ("plvm help", "plvm help COMMAND", "plvm segtypes"),
# so the options of every installed segment-type plugin are offered; VG, LV
# and PV names from plvm's reports.  Needs nothing but bash.

# the help line of option $2 of command $1
_plvm_opt_line()
{
	plvm help "$1" 2>/dev/null | awk -v o="$2" '
		/^\t-/ { n = split($1, a, "|"); for (i = 1; i <= n; i++) if (a[i] == o) { print; exit } }'
}

# the help line of an option: its synopsis ("-x|--name ARG") and its help,
# which "plvm help" separates by two spaces or more
_plvm_opt_arg() { _plvm_opt_line "$1" "$2" | sed -E 's/^\t([^ ]+( [^ ]+)?)  +.*/\1/' | awk '{ print $2 }'; }
_plvm_opt_help() { _plvm_opt_line "$1" "$2" | sed -E 's/^\t[^ ]+( [^ ]+)?  +//'; }

# the values option $2 of command $1 takes, when they are a fixed list
_plvm_opt_values()
{
	local arg
	[[ $2 = --type ]] && { plvm segtypes 2>/dev/null | tr -d ' '; return; }
	arg=$(_plvm_opt_arg "$1" "$2")
	[[ $arg == *"|"* ]] || arg=$(_plvm_opt_help "$1" "$2" | awk '{ sub(/:$/, "", $1); print $1 }')
	[[ $arg =~ ^[a-z_]+(\|[a-z_]+)+$ ]] && tr '|' '\n' <<<"$arg"
}

# does option $2 of command $1 take a value?
_plvm_opt_takes_value() { [[ -n $(_plvm_opt_arg "$1" "$2") ]]; }

_plvm_options()
{
	plvm help "$1" 2>/dev/null | awk '/^\t-/ { print $1 }' | tr '|' '\n'
	printf '%s\n' -v --verbose -t --test --config -y --yes -f --force -h --help --version
}

_plvm_names()
{
	case $1 in
	vg) plvm vgs --noheadings -o vg_name 2>/dev/null ;;
	lv) plvm lvs --noheadings -o vg_name,lv_name --separator / 2>/dev/null ;;
	pv) plvm pvs --noheadings -o pv_name 2>/dev/null ;;
	esac | tr -d ' '
}

# positional argument $2 (from 1) of command $1, whose word so far is $3
_plvm_positional()
{
	case $1 in
	pvcreate) compgen -f -- "${3:-/dev/}" ;;
	pv*) _plvm_names pv ;;
	vgcreate|vgextend|vgreduce)
		[[ $2 = 1 ]] && _plvm_names vg || compgen -f -- "${3:-/dev/}" ;;
	vg*) _plvm_names vg ;;
	lvcreate) _plvm_names vg; _plvm_names lv ;;
	lv*) _plvm_names lv ;;
	help) plvm help 2>/dev/null | awk 'NR > 1 { print $1 }' ;;
	esac
}

# complete words[cword] of command $1, whose first argument is words[$2]
_plvm_complete_cmd()
{
	local cmd=$1 first=$2 cur=${COMP_WORDS[COMP_CWORD]} prev i npos=0
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	if ((COMP_CWORD > first)) && [[ $prev == -* ]] && _plvm_opt_takes_value "$cmd" "$prev"; then
		mapfile -t COMPREPLY < <(compgen -W "$(_plvm_opt_values "$cmd" "$prev")" -- "$cur")
		return
	fi
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_plvm_options "$cmd" | sort -u)" -- "$cur")
		return
	fi
	for ((i = first; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == -* ]] && continue
		((i > first)) && [[ ${COMP_WORDS[i - 1]} == -* ]] &&
			_plvm_opt_takes_value "$cmd" "${COMP_WORDS[i - 1]}" && continue
		npos=$((npos + 1))
	done
	mapfile -t COMPREPLY < <(compgen -W "$(_plvm_positional "$cmd" $((npos + 1)) "$cur")" -- "$cur")
}

_plvm()
{
	COMPREPLY=()
	if ((COMP_CWORD == 1)); then
		mapfile -t COMPREPLY < <(compgen -W "$(plvm help 2>/dev/null | awk 'NR > 1 { print $1 }')" \
			-- "${COMP_WORDS[1]}")
		return
	fi
	_plvm_complete_cmd "${COMP_WORDS[1]}" 2
}

_plvm_link()
{
	COMPREPLY=()
	_plvm_complete_cmd "${COMP_WORDS[0]##*/}" 1
}

complete -F _plvm plvm
# the LVM2 names, only where they are plvm's own
for _plvm_c in $(plvm help 2>/dev/null | awk 'NR > 1 { print $1 }'); do
	_plvm_p=$(type -P "$_plvm_c") || continue
	[[ $(readlink -f "$_plvm_p") = "$(readlink -f "$(type -P plvm)")" ]] &&
		complete -F _plvm_link "$_plvm_c"
done
unset _plvm_c _plvm_p
