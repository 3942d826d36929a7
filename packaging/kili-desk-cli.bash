# bash completion for kili-desk-cli (installed as share/bash-completion/completions/kili-desk-cli).
# The commands and their options are read from `kili-desk-cli --help` when first needed, so that
# this file never lists them a second time and cannot fall behind the program.

# "COMMAND --option --option…", one line per command of the help's "Commands:" section (a
# command's options may continue on the lines under it), and a line "- --option…" of the global
# options: those of the "Usage:" line and of the "Options:" paragraph.
_kili_desk_cli_table() {
    if [[ -z "${_kili_desk_cli_commands:-}" ]]; then
        _kili_desk_cli_commands=$("$1" --help 2>/dev/null | awk '
            function options_of(line, found) {
                found = ""
                while (match(line, /--[a-z][a-z-]*/)) {
                    found = found " " substr(line, RSTART, RLENGTH)
                    line = substr(line, RSTART + RLENGTH)
                }
                return found
            }
            /^Usage:/ || /^Options:/ { global = global options_of($0); paragraph = /^Options:/; next }
            paragraph && /^ *$/ { paragraph = 0 }
            paragraph { global = global options_of($0); next }
            /^Commands:/ { inside = 1; next }
            inside && /^[^ ]/ { inside = 0 }
            !inside || /^ *$/ { next }
            /^  [a-z]/ { if (command != "") print command options; command = $1; options = "" }
            { options = options options_of($0) }
            END { if (command != "") print command options; print "-" global " --help" }')
    fi
    printf '%s\n' "$_kili_desk_cli_commands"
}

_kili_desk_cli() {
    local cur prev words cword
    _init_completion || return

    case $prev in
        --report | --classes | --file | --coco-dataset)
            _filedir
            return
            ;;
        --endpoint | --api-key | --model | --label-type | --format | --target-job | --type | \
            --external-id | --job | --iou | --truth | --against-model | --min-confidence)
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
        local words_here
        words_here=$(awk '$1 != "-" { print $1 } $1 == "-" { $1 = ""; print }' <<<"$table")
        COMPREPLY=($(compgen -W "$words_here" -- "$cur"))
    elif [[ $cur == -* ]]; then
        local options
        options=$(awk -v c="$command" '$1 == c { $1 = ""; print }' <<<"$table")
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ $command == import || ($command == evaluate && " ${words[*]} " == *" --file "*) ]]; then
        _filedir # prediction files and folders
    fi
}
complete -F _kili_desk_cli kili-desk-cli
