# SPDX-License-Identifier: GPL-2.0
#
# Buffered write-through for iomap and XFS: the patch series and its harness.
#
#   make run     build the patched kernel, boot it with a scratch XFS and
#                show what write-through does
#   make check   build the patched debug kernel and the selftests, boot it,
#                run them, check every patch with checkpatch.pl
#   make bench   fio: write-through against every other write mode, on the
#                base and the patched kernel, O_DSYNC workloads, pgbench
#                (QUICK=1: the headline cells; CELLS=regex: those cells;
#                PERF=1: with a profile of each; SWEEP=1: the headline
#                cells at four device speeds, up to the calibrated one)
#   make fstests fstests on XFS: fstests/list as is and with every buffered
#                write forced through write-through, fsx and fsstress with
#                write-through writes, compared with the base kernel
#
# Working on the series:
#   make tree    build/linux: the pinned base (tag "base") + patches/ as commits
#   make export  write build/linux's base..HEAD back to patches/
#   make build-each  build every commit of the series on its own
#
# See README.md for the rest.

include BASE

S := scripts/step.sh
TREE := build/linux
BASETREE := build/linux-base
KERNEL_DEBUG := build/obj-debug/arch/x86/boot/bzImage
KERNEL_VM := build/obj-vm/arch/x86/boot/bzImage
KERNEL_BASE := build/obj-base/arch/x86/boot/bzImage
KERNEL_FSTESTS := build/obj-fstests/arch/x86/boot/bzImage
KERNEL_FSTESTS_BASE := build/obj-fstests-base/arch/x86/boot/bzImage
BENCH_OUT ?= build/bench

# Kernel and selftest builds are driven by make inside the kernel tree,
# which knows what is out of date: always call into it.
.PHONY: all run check bench tree export deps kernel kernel-vm kernel-base \
	selftests checkpatch build-each clean distclean help fstests \
	kernel-fstests kernel-fstests-base

all: help

help:
	@sed -n '3,16s/^# \{0,1\}//p' Makefile

deps:
	@$(S) "install build dependencies" scripts/deps.sh

$(TREE)/.git:
	@$(S) "create $(TREE) from $(BASE_PACKAGE) $(BASE_VERSION) + patches/" scripts/mktree.sh

tree:
	@$(S) "create $(TREE) from $(BASE_PACKAGE) $(BASE_VERSION) + patches/" scripts/mktree.sh

export:
	@scripts/export.sh

kernel: $(TREE)/.git
	@$(S) "build the debug kernel (lockdep, KASAN, KFENCE, XFS_DEBUG)" \
		scripts/build-kernel.sh debug $(TREE) build/obj-debug

kernel-vm: $(TREE)/.git
	@$(S) "build the kernel" scripts/build-kernel.sh vm $(TREE) build/obj-vm

# The unpatched base, for side-by-side measurements.
kernel-base: $(TREE)/.git
	@test -d $(BASETREE) || git -C $(TREE) worktree add -f --detach ../linux-base base
	@$(S) "build the base kernel" scripts/build-kernel.sh vm $(BASETREE) build/obj-base

# fstests' kernel: debugging without KASAN, and the base with the same config
kernel-fstests: $(TREE)/.git
	@$(S) "build the fstests kernel (lockdep, XFS_DEBUG)" \
		scripts/build-kernel.sh fstests $(TREE) build/obj-fstests

kernel-fstests-base: $(TREE)/.git
	@test -d $(BASETREE) || git -C $(TREE) worktree add -f --detach ../linux-base base
	@$(S) "build the base fstests kernel" \
		scripts/build-kernel.sh fstests $(BASETREE) build/obj-fstests-base

selftests: kernel
	@$(S) "build the selftests" scripts/build-selftests.sh $(TREE) build/obj-debug build/kselftest

checkpatch: $(TREE)/.git
	@$(S) "checkpatch.pl --strict on every patch" scripts/checkpatch.sh $(TREE)

# Every patch must build on its own: each commit, incrementally, with the
# vm config, in a worktree of its own (build/obj-each/linux).
build-each: $(TREE)/.git
	@$(S) "build every commit of the series" scripts/build-each.sh $(TREE) build/obj-each

# check.sh runs checkpatch itself, so that its findings are counted with
# the tests instead of stopping make before them.
check: deps
	@$(MAKE) -s --no-print-directory selftests
	@$(S) "boot the debug kernel and run the selftests" \
		scripts/check.sh $(KERNEL_DEBUG) build/kselftest build/check

run: deps
	@$(MAKE) -s --no-print-directory kernel-vm
	@$(S) "boot the kernel and show write-through" scripts/demo.sh $(KERNEL_VM) build/run

BENCH_OPTS = $(if $(QUICK),quick) $(if $(PERF),perf) $(if $(SWEEP),sweep) \
	$(if $(CELLS),'cells=$(CELLS)')
bench:
	@$(S) "install build dependencies" scripts/deps.sh kernel bench
	@scripts/bench.sh -n $(KERNEL_VM) $(KERNEL_BASE) $(BENCH_OUT) $(BENCH_OPTS) >/dev/null
	@$(MAKE) -s --no-print-directory kernel-vm kernel-base
	@scripts/build-fio.sh
	@$(S) "benchmark the base and the patched kernel" \
		scripts/bench.sh $(KERNEL_VM) $(KERNEL_BASE) $(BENCH_OUT) $(BENCH_OPTS)

fstests:
	@$(S) "install fstests' dependencies" scripts/deps.sh kernel fstests
	@$(MAKE) -s --no-print-directory kernel-fstests
	@$(S) "build xfs_io with pwrite -T" scripts/build-xfsprogs.sh
	@$(S) "build fstests with fstests/patches" scripts/build-fstests.sh
	@$(S) "run fstests: as is, write-through forced, soak" \
		scripts/fstests.sh $(KERNEL_FSTESTS) $(KERNEL_FSTESTS_BASE) build/fstests-run

clean:
	rm -rf build/obj-* build/kselftest build/check build/run build/vm build/bench \
		build/fstests-run

distclean:
	rm -rf build
