# bash completion for kili-desk-cli (installed as share/bash-completion/completions/kili-desk-cli).
# The commands and their options are read from `kili-desk-cli --help` when first needed, so that
# this file never lists them a second time and cannot fall behind the program.

# "COMMAND --option --option…", one line per command of the help's "Commands:" section (a
# command's options may continue on the lines under it).
_kili_desk_cli_table() {
    if [[ -z "${_kili_desk_cli_commands:-}" ]]; then
        _kili_desk_cli_commands=$("$1" --help 2>/dev/null | awk '
            /^Commands:/ { inside = 1; next }
            inside && /^[^ ]/ { inside = 0 }
            !inside || /^ *$/ { next }
            /^  [a-z]/ { if (command != "") print command options; command = $1; options = "" }
            {
                line = $0
                while (match(line, /--[a-z][a-z-]*/)) {
                    options = options " " substr(line, RSTART, RLENGTH)
                    line = substr(line, RSTART + RLENGTH)
                }
            }
            END { if (command != "") print command options }')
    fi
    printf '%s\n' "$_kili_desk_cli_commands"
}

_kili_desk_cli() {
    local cur prev words cword
    _init_completion || return

    case $prev in
        --report | --classes)
            _filedir
            return
            ;;
        --endpoint | --api-key | --model | --label-type | --format | --target-job | --type | \
            --external-id)
            return # a value only the user knows
            ;;
    esac

    # The command is the first word that is neither an option nor the value of a global option.
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --endpoint | --api-key) ((i++)) ;;
            -*) ;;
            *)
                command=${words[i]}
                break
                ;;
        esac
    done

    local table
    table=$(_kili_desk_cli_table "${words[0]}")
    if [[ -z $command ]]; then
        local commands
        commands=$(awk '{ print $1 }' <<<"$table")
        COMPREPLY=($(compgen -W "$commands --endpoint --api-key --help --version" -- "$cur"))
    elif [[ $cur == -* ]]; then
        local options
        options=$(awk -v c="$command" '$1 == c { $1 = ""; print }' <<<"$table")
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ $command == import ]]; then
        _filedir # prediction files and folders
    fi
}
complete -F _kili_desk_cli kili-desk-cli
