#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under QEMU with the host's root file system mounted
# read-only over 9p, run one command inside, and return its exit status.
#
# usage: scripts/vm-run.sh [options] -- command [args...]
#   -k BZIMAGE   kernel to boot (default: build/obj-debug/arch/x86/boot/bzImage)
#   -o DIR       host directory shared read-write with the guest, mounted at
#                /tmp/out there; the console log, the command's output and its
#                exit status land here (default: build/vm)
#   -t SECONDS   kill the guest after this long (default: 1800)
#   -m SIZE      guest memory (default: 2G)
#   -c CPUS      guest CPUs (default: 2)
#   -d SIZE      add a scratch virtio disk of SIZE, a new sparse file in DIR;
#                repeatable; the guest sees /dev/vda, /dev/vdb, ... and
#                $WT_SCRATCH_DEVS lists them
#   -a ACCEL     kvm, tcg or auto (default: $VM_ACCEL or auto: KVM if it
#                boots a kernel within 30 s on this machine, else TCG)
#   -P           with TCG, run the guest's CPUs in parallel host threads
#                (multi-threaded TCG), which breaks kernel text patching:
#                only for guests that patch none, see the comment below
#   -q           do not copy the command's output to stdout
#
# The command runs in the current directory, as root, with the project's
# environment variables WT_* passed through.  The guest's console (every
# kernel message) goes to DIR/console.log, the command's output to
# DIR/output.log.  Exit status: the command's, or 124 on timeout, or 125
# when the guest died before the command finished (panic, oops).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$top/build/obj-debug/arch/x86/boot/bzImage
out=$top/build/vm
timeout=1800
mem=2G
cpus=2
accel=${VM_ACCEL:-auto}
quiet=0
mttcg=0
disks=()

while getopts "k:o:t:m:c:d:a:Pq" opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	o) out=$OPTARG ;;
	t) timeout=$OPTARG ;;
	m) mem=$OPTARG ;;
	c) cpus=$OPTARG ;;
	d) disks+=("$OPTARG") ;;
	a) accel=$OPTARG ;;
	P) mttcg=1 ;;
	q) quiet=1 ;;
	*) sed -n '5,30s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "vm-run: no command given" >&2; exit 2; }
[ -f "$kernel" ] || { echo "vm-run: no kernel at $kernel" >&2; exit 2; }

mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/rc "$out"/cmd "$out"/cwd "$out"/console.log "$out"/output.log "$out"/disk*.img

# The command line is handed over as a script in the shared directory,
# with the WT_* variables of the host but those the guest sets itself.
printf '%s' "$PWD" >"$out/cwd"
{
	printf 'cd %q || exit 126\n' "$PWD"
	while IFS= read -r -d '' var; do
		name=${var%%=*}
		case $name in
		WT_OUT | WT_SCRATCH_DEVS) ;;
		WT_*) printf 'export %s=%q\n' "$name" "${var#*=}" ;;
		esac
	done < <(env -0)
	printf '%q ' "$@"
	echo
} >"$out/cmd"

qemu=(qemu-system-x86_64 -nodefaults -no-user-config -nographic -no-reboot
	-machine q35 -cpu max -smp "$cpus" -m "$mem"
	-kernel "$kernel"
	-fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap
	-device virtio-9p-pci,fsdev=root,mount_tag=host0
	-fsdev local,id=out,path="$out",security_model=none
	-device virtio-9p-pci,fsdev=out,mount_tag=wtout
	-device virtio-serial-pci
	-chardev file,id=cmdout,path="$out/output.log"
	-device virtconsole,chardev=cmdout
	-serial file:"$out/console.log")

devs=""
i=0
for size in "${disks[@]}"; do
	img=$out/disk$i.img
	truncate -s "$size" "$img"
	qemu+=(-drive "file=$img,format=raw,if=virtio,cache=unsafe,discard=unmap")
	devs="$devs /dev/vd$(printf "\\x$(printf %x $((97 + i)))")"
	i=$((i + 1))
done

# no5lvl: with 5-level paging (QEMU's "-cpu max" offers it), the base
# kernel's identify_cpu() clears the boot CPU's capabilities, LA57 among
# them, with interrupts enabled; an interrupt in that window makes KASAN
# take the 5-level direct map for wild addresses and report a
# "wild-memory-access" in handle_edge_irq().  4-level paging avoids it.
append="console=ttyS0 no5lvl root=host0 rootfstype=9p ro"
append+=" rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose"
append+=" init=$top/scripts/vm-init.sh panic=-1 oops=panic"
devs=${devs# }; append+=" wt.devs=${devs// /,}"
append=${append% wt.devs=}

# KVM on some hosts hangs right after the firmware: boot it once with a
# short timeout and remember the answer for this machine.
probe_kvm() {
	local stamp=$top/build/accel.$(uname -n) dir
	if [ -f "$stamp" ]; then cat "$stamp"; return; fi
	[ -w /dev/kvm ] || { echo tcg | tee "$stamp"; return; }
	dir=$(mktemp -d)
	if "$0" -k "$kernel" -o "$dir" -t 30 -m 512M -a kvm -q -- true >/dev/null 2>&1; then
		echo kvm
	else
		echo "vm-run: KVM did not boot a kernel within 30 s here, using TCG" >&2
		echo tcg
	fi | tee "$stamp"
	rm -rf "$dir"
}

# TCG runs the guest's CPUs one at a time in one host thread unless -P.
# QEMU 7.2's multi-threaded TCG (Debian 12's) can run stale translated code
# after another CPU patched the kernel's text: a kernel that flips a static
# key or a static call, as enabling any trace event does, oopses with
# "Oops: int3" in its first seconds when the other CPU runs the patched
# code, the unpatched base kernel as well.  That failed CI once; with one
# thread it does not happen (tests/vm-runner.sh checks it).  The guest's
# CPUs still interleave, they just do not run at the same instant.
[ "$accel" = auto ] && accel=$(probe_kvm)
case $accel in
kvm) qemu+=(-accel kvm) ;;
tcg)
	if [ "$mttcg" = 1 ]; then
		qemu+=(-accel tcg,thread=multi)
	else
		qemu+=(-accel tcg,thread=single)
	fi
	;;
*) echo "vm-run: unknown accelerator $accel" >&2; exit 2 ;;
esac

: >"$out/output.log"
if [ "$quiet" = 0 ]; then
	tail -n +1 -F "$out/output.log" 2>/dev/null &
	tailpid=$!
	trap 'kill $tailpid 2>/dev/null || true' EXIT
fi

status=0
timeout -k 10 "$timeout" "${qemu[@]}" -append "$append" </dev/null || status=$?
[ "$quiet" = 0 ] && { sleep 0.5; kill $tailpid 2>/dev/null || true; }

if [ "$status" = 124 ] || [ "$status" = 137 ]; then
	echo "vm-run: guest timed out after ${timeout}s; last console lines:" >&2
	tail -n 30 "$out/console.log" >&2
	exit 124
fi
if [ ! -f "$out/rc" ]; then
	echo "vm-run: the guest died before the command finished (qemu exit $status); last console lines:" >&2
	tail -n 40 "$out/console.log" >&2
	exit 125
fi
exit "$(cat "$out/rc")"
