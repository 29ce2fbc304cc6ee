# SPDX-License-Identifier: GPL-2.0
#
# The bench's options and cell selection, sourced by scripts/bench.sh on
# the host, which checks them before it boots anything, and by
# scripts/guest-bench.sh in the guest, which runs the cells.

# bench_options [quick] [perf] [sweep] [cells=REGEX] [lat=NS] [flush=MS]:
# set $quick, $perf, $sweep, $only, $lat and $flush; return 2 on an unknown
# option or a value that is not a number.
#   quick        only the cells marked "q" in the matrix
#   perf         profile every cell
#   sweep        the device sweep (scripts/bench.sh): the headline cells of
#                the null_blk profiles at several device speeds
#   cells=REGEX  only the cells whose whole names match the extended REGEX
#   lat=NS       null_blk's completion latency, 20000 ns by default
#   flush=MS     how long dm-delay holds each cache flush of the ssd
#                profile, 2 ms by default
bench_options() {
	local opt
	quick= perf= sweep= only= lat=20000 flush=2
	for opt; do
		case $opt in
		quick) quick=1 ;;
		perf) perf=1 ;;
		sweep) sweep=1 ;;
		cells=*) only=${opt#cells=} ;;
		lat=*) lat=${opt#lat=} ;;
		flush=*) flush=${opt#flush=} ;;
		*) echo "bench: unknown option $opt" >&2; return 2 ;;
		esac
	done
	for opt in "$lat" "$flush"; do
		case $opt in
		*[!0-9]* | "")
			echo "bench: lat=NS and flush=MS take whole numbers" >&2
			return 2 ;;
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

# The cells the device sweep runs: those of the headline ratios and of CPU
# per write on the null_blk profile, whose speed the sweep sets.
sweep_cells='rand4k-qd32-j1-(buffered|dsync|wt|direct|direct_dsync)|rand4k-qd1-j8-(buffered|wt)|rand4k-qd1-j1-(wt_dsync|direct_dsync)'
