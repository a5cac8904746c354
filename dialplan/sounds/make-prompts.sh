#!/bin/sh
# Regenerates the placeholder prompts listed in prompts.tsv as 8 kHz mono GSM files next to this script; with
# arguments, only those files (names as in prompts.tsv, e.g. aftercare/en/invalid-option).
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). The files are synthetic speech for testing
# with a softphone; record real prompts under the same names for production.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' prompts.tsv | while IFS="$(printf '\t')" read -r file voice text; do
    [ -n "$file" ] || continue
    if [ $# -gt 0 ]; then
        case " $* " in *" $file "*) ;; *) continue ;; esac
    fi
    mkdir -p "$(dirname "$file")"
    espeak-ng -v "$voice" -s 150 -w "$tmp/speech.wav" "$text"
    # telephone band, normalised to -3 dBFS, 8 kHz mono: what Asterisk plays without resampling
    sox "$tmp/speech.wav" -r 8000 -c 1 "$file.gsm" gain -6 highpass 300 lowpass 3400 gain -n -3
    echo "$file.gsm"
done
