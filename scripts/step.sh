#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# usage: scripts/step.sh NAME command [args...]
# Run one step of a make target, saying which and how long it took.
name=$1
shift
start=$(date +%s)
printf '\033[1m==> %s\033[0m\n' "$name" >&2
"$@"
status=$?
secs=$(($(date +%s) - start))
if [ "$status" = 0 ]; then
	printf '<== %s: done in %dm%02ds\n' "$name" $((secs / 60)) $((secs % 60)) >&2
else
	printf '<== %s: FAILED (exit %d) after %dm%02ds\n' "$name" "$status" $((secs / 60)) $((secs % 60)) >&2
fi
exit "$status"
