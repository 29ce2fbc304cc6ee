# SPDX-License-Identifier: GPL-2.0
#
# The bench's options and cell selection, sourced by scripts/bench.sh on
# the host, which checks them before it boots anything, and by
# scripts/guest-bench.sh in the guest, which runs the cells.

# bench_options [quick] [perf] [cells=REGEX]: set $quick, $perf and $only;
# return 2 on an unknown option.
#   quick        only the cells marked "q" in the matrix
#   perf         profile every cell
#   cells=REGEX  only the cells whose whole names match the extended REGEX
bench_options() {
	local opt
	quick= perf= only=
	for opt; do
		case $opt in
		quick) quick=1 ;;
		perf) perf=1 ;;
		cells=*) only=${opt#cells=} ;;
		*) echo "bench: unknown option $opt" >&2; return 2 ;;
		esac
	done
}

# bench_cells MATRIX: print the matrix lines that the options select;
# return 2 if there are none.
bench_cells() {
	local cells
	cells=$(grep -v '^#' "$1" | awk -v q="$quick" -v re="$only" \
		'NF == 8 && (q == "" || $2 == "q") && (re == "" || $1 ~ "^(" re ")$")')
	[ -n "$cells" ] || { echo "bench: no cell matches" >&2; return 2; }
	echo "$cells"
}
