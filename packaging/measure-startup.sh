#!/usr/bin/env bash
# Measures Confab's start-up from an installed or unpacked package, with and without the AOT cache.
#   packaging/measure-startup.sh /opt/confab/bin/Confab [runs] [-- extra Confab arguments]
# Prints the fastest and the median wall-clock time (min/median, ms) of each mode for `--version` and `--self-check` (and for the extra
# arguments, if given, e.g. a flag that opens the lobby headless and exits once it is shown).
set -euo pipefail
launcher="${1:?usage: measure-startup.sh LAUNCHER [runs] [-- args]}"; shift
runs="${1:-7}"; [ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
extra=("$@")
export CONFAB_HOME="${CONFAB_HOME:-$(mktemp -d)}"
export CONFAB_POLICY_FILE="${CONFAB_POLICY_FILE:-$CONFAB_HOME/no-policy.json}"

min_median_ms() { # runs "$@" $runs times, prints "min/median" in ms (min is the steadiest on a busy machine)
  local times=() i start end
  "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }   # warm the OS file cache first
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "$(echo "$sorted" | head -n1)/$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")"
}

# -Xshare:off cannot be combined with the launcher's -XX:AOTCache option, so "no sharing" is not offered.
modes=("AOT cache (as installed)|"
       "no AOT cache, JDK CDS only|-XX:AOTMode=off")
commands=("--version" "--self-check")
[ ${#extra[@]} -gt 0 ] && commands+=("${extra[*]}")
printf '%-30s' "mode"; for c in "${commands[@]}"; do printf '%18s' "$c"; done; echo
for mode in "${modes[@]}"; do
  name="${mode%%|*}"; opts="${mode#*|}"
  printf '%-30s' "$name"
  for c in "${commands[@]}"; do
    # shellcheck disable=SC2086 # word splitting of the command's arguments is intended
    ms=$(JAVA_TOOL_OPTIONS="$opts" min_median_ms "$launcher" $c)
    printf '%15s ms' "$ms"
  done
  echo
done
