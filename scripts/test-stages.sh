# Sourced by scripts/test: the stages' clock and table, what the change touched, and the
# sanitizer stage's choice of suites when the budget cannot hold them all.

kili_started=$SECONDS
kili_stage_names=()
kili_stage_times=()
kili_stage_notes=()
kili_current_stage=""
kili_current_note=""
kili_current_start=0

# Starts a stage (ending the one before): its name, then its duration when it ends.
kili_stage() {
    kili_stage_end
    kili_current_stage=$1
    kili_current_note=""
    kili_current_start=$SECONDS
    echo "== $1 ($((SECONDS - kili_started)) s elapsed)"
}

# A remark for the table's line of the current stage ("left out: ui").
kili_stage_note() {
    kili_current_note=$1
}

kili_stage_end() {
    [[ -n "$kili_current_stage" ]] || return 0
    local took=$((SECONDS - kili_current_start))
    kili_stage_names+=("$kili_current_stage")
    kili_stage_times+=("$took")
    kili_stage_notes+=("$kili_current_note")
    echo "== $kili_current_stage: $took s"
    kili_current_stage=""
}

kili_stage_skipped() {
    kili_stage_end
    echo "== skipped: $1 ($2)"
    kili_stage_names+=("$1")
    kili_stage_times+=("-")
    kili_stage_notes+=("skipped: $2")
}

# The table of stage times and ccache's figures; run on exit, so a failed run shows them too
# (the stage that failed is the last one, marked so).
kili_stage_summary() {
    local status=$?
    if [[ -n "$kili_current_stage" ]]; then
        ((status == 0)) || kili_current_note="FAILED${kili_current_note:+; $kili_current_note}"
        kili_stage_end
    fi
    echo
    echo "== stage times ($(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg))"
    printf '%-44s %8s  %s\n' stage seconds note
    local i
    for i in "${!kili_stage_names[@]}"; do
        printf '%-44s %8s  %s\n' "${kili_stage_names[i]}" "${kili_stage_times[i]}" \
            "${kili_stage_notes[i]}"
    done
    printf '%-44s %8s  %s\n' total "$((SECONDS - kili_started))" \
        "$( ((${KILI_TEST_BUDGET_SECONDS:-0} > 0)) && echo "budget ${KILI_TEST_BUDGET_SECONDS} s")"
    if command -v ccache >/dev/null; then
        if [[ -s "${CCACHE_STATSLOG:-}" ]]; then
            echo
            echo "== ccache, this run"
            ccache --show-log-stats
        fi
        echo
        echo "== ccache, the whole cache ($(ccache -k cache_dir))"
        ccache -s
    fi
    return "$status"
}

# What "the change" is compared with: KILI_TEST_BASE, else where HEAD left main, else the previous
# commit; nothing outside git.
kili_change_base() {
    git rev-parse --git-dir >/dev/null 2>&1 || return 0
    local base=${KILI_TEST_BASE:-}
    if [[ -z "$base" ]] && git rev-parse -q --verify main >/dev/null; then
        base=$(git merge-base HEAD main 2>/dev/null || true)
        [[ "$base" == "$(git rev-parse HEAD)" ]] && base=""
    fi
    if [[ -z "$base" ]] && git rev-parse -q --verify HEAD~1 >/dev/null; then
        base=$(git rev-parse HEAD~1)
    fi
    echo "$base"
}

# The files the change touches: committed since the base (argument), uncommitted, and new.
kili_changed_files() {
    git rev-parse --git-dir >/dev/null 2>&1 || return 0
    {
        [[ -z "${1:-}" ]] || git diff --name-only "$1" HEAD
        git diff --name-only HEAD
        git ls-files --others --exclude-standard
    } | sort -u
}

# Whether the packaging check has something to check: packaging or CMake files changed.
kili_touches_packaging() {
    local file
    for file in "$@"; do
        case "$file" in
            packaging/* | resources/kili-desk.desktop | resources/icons/* | scripts/package | \
                tests/packaging/* | CMakeLists.txt | */CMakeLists.txt | *.cmake | CMakePresets.json)
                return 0
                ;;
        esac
    done
    return 1
}

# The ctest labels (tests/CMakeLists.txt: one per library) of the suites that test what the
# changed files are part of.
kili_labels_of() {
    local file
    for file in "$@"; do
        case "$file" in
            core/domain/* | tests/domain/*) echo domain ;;
            core/graphql/* | tests/graphql/*) echo graphql ;;
            core/api/* | tests/api/*) echo api ;;
            cli/* | tests/cli/*) echo cli ;;
            core/predictions/* | tests/predictions/*) echo predictions ;;
            core/evaluation/* | tests/evaluation/* | tests/data/evaluation/*) echo evaluation ;;
            sandbox/* | tests/sandbox/*) echo sandbox ;;
            ui/import/* | tests/ui_import/*) echo ui_import ;;
            ui/* | tests/ui/*) echo ui ;;
            app/*) printf '%s\n' e2e faults security ;;
            tests/e2e/*) echo e2e ;;
            tests/faults/*) echo faults ;;
            tests/security/* | tests/data/bad/*) echo security ;;
        esac
    done | sort -u
}

# Seconds the tests of `label` took in the last run of this build folder (ctest keeps each test's
# average in CTestCostData.txt); empty when no test of it has run yet.
kili_label_seconds() {
    local preset=$1 label=$2 costs="build/$1/Testing/Temporary/CTestCostData.txt"
    [[ -f "$costs" ]] || return 0
    ctest --preset "$preset" -N -L "^${label}\$" 2>/dev/null |
        sed -n 's/^ *Test *#[0-9]*: \(.*\)$/\1/p' |
        awk -v costs="$costs" '
            BEGIN { while ((getline line < costs) > 0) { if (line == "---") break; split(line, f, " "); cost[f[1]] = f[3] } }
            ($0 in cost) { total += cost[$0]; known = 1 }
            END { if (known) printf "%d\n", total + 0.5 }'
}

# The sanitizer stage's tests: the whole suite when the budget holds it (or there is no budget);
# otherwise the touched libraries' suites first, then the others while they fit, saying which it
# left out. Exits non-zero when a test failed.
kili_sanitizer_suites() {
    local preset=$1 budget=$2
    shift 2
    local reserve=${KILI_FUZZ_RESERVE_SECONDS:-300}
    mapfile -t all_labels < <(ctest --preset "$preset" --print-labels | sed -n 's/^ \{1,\}\([A-Za-z0-9_]*\)$/\1/p')
    local whole=0 label seconds
    for label in "${all_labels[@]}"; do
        seconds=$(kili_label_seconds "$preset" "$label")
        whole=$((whole + ${seconds:-${KILI_SUITE_GUESS_SECONDS:-120}}))
    done
    if ((budget <= 0 || SECONDS - kili_started + whole + reserve <= budget)); then
        ctest --preset "$preset" --timeout 900 -j2
        return
    fi
    mapfile -t touched < <(kili_labels_of "$@")
    echo "== the whole suite (about $whole s) does not fit in the budget: first the suites of what" \
        "the change touched (${touched[*]:-none}), then the others while they fit"
    local ran=() left=() failed=()
    for label in "${touched[@]}"; do
        [[ " ${all_labels[*]} " == *" $label "* ]] || continue
        ran+=("$label")
        ctest --preset "$preset" --timeout 900 -j2 -L "^${label}\$" || failed+=("$label")
    done
    for label in "${all_labels[@]}"; do
        [[ " ${touched[*]} " == *" $label "* ]] && continue
        seconds=$(kili_label_seconds "$preset" "$label")
        local how="last run"
        [[ -n "$seconds" ]] || how="guessed: not run here yet"
        seconds=${seconds:-${KILI_SUITE_GUESS_SECONDS:-120}}
        if ((SECONDS - kili_started + seconds + reserve > budget)); then
            left+=("$label (~${seconds} s, $how)")
            continue
        fi
        ran+=("$label")
        ctest --preset "$preset" --timeout 900 -j2 -L "^${label}\$" || failed+=("$label")
    done
    echo "== sanitizer suites run: ${ran[*]:-none}"
    if ((${#left[@]} > 0)); then
        echo "== LEFT OUT of the sanitizer stage (the ${budget} s budget could not hold them): ${left[*]}"
        kili_stage_note "left out: ${left[*]}"
    fi
    if ((${#failed[@]} > 0)); then
        echo "== sanitizer suites with failures: ${failed[*]}" >&2
        return 1
    fi
}
