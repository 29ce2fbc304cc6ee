#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configure and build a guest kernel out of tree.
#
# usage: scripts/build-kernel.sh FLAVOUR SRC OBJ
#   FLAVOUR  "vm" (configs/vm.config), "debug" (vm.config + debug.config +
#            kasan.config: the selftest kernel) or "fstests" (vm.config +
#            debug.config + fstests.config)
#   SRC      kernel source tree (build/linux, or build/linux-base)
#   OBJ      object directory (build/obj-debug, ...)
#
# The config is tinyconfig + kvm_guest.config + the fragments, merged with
# the kernel's merge_config.sh; every option a fragment asks for must end up
# in the final .config, or the build stops.  ccache is used when present.
# The sanitised uapi headers are installed into OBJ/usr for the selftests.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:?flavour}
src=$(realpath "${2:?source tree}")
mkdir -p "${3:?object dir}"
obj=$(realpath "$3")

ours=("$top/configs/vm.config")
case $flavour in
vm) ;;
debug) ours+=("$top/configs/debug.config" "$top/configs/kasan.config") ;;
fstests) ours+=("$top/configs/debug.config" "$top/configs/fstests.config") ;;
*) echo "build-kernel: unknown flavour $flavour" >&2; exit 2 ;;
esac
frags=("$src/kernel/configs/kvm_guest.config" "${ours[@]}")

mk=(make -C "$src" O="$obj" ARCH=x86_64 -j"$(nproc)")
if command -v ccache >/dev/null; then
	mk+=(CC="ccache gcc")
	# Hash paths relative to the project, so that a fresh clone elsewhere
	# (CI) reuses what an earlier build of the same sources left.
	export CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=1
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-20G}
fi

# Only reconfigure when a fragment changed, so that rebuilds stay incremental.
sum=$(cat "${frags[@]}" | sha256sum | cut -c1-16)
if [ "$(cat "$obj/.fragments" 2>/dev/null)" != "$sum" ] || [ ! -f "$obj/.config" ]; then
	"${mk[@]}" -s tinyconfig >/dev/null
	(cd "$obj" && "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${frags[@]}" >/dev/null)
	"${mk[@]}" -s olddefconfig
	missing=0
	while IFS= read -r line; do
		case $line in
		CONFIG_*=n) want="# ${line%=n} is not set" ;;
		CONFIG_*) want=$line ;;
		*) continue ;;
		esac
		if ! grep -qxF -- "$want" "$obj/.config"; then
			echo "build-kernel: $line did not make it into the config" >&2
			missing=1
		fi
	done < <(cat "${ours[@]}")
	[ "$missing" = 0 ] || exit 1
	echo "$sum" >"$obj/.fragments"
fi

"${mk[@]}" -s bzImage
"${mk[@]}" -s headers_install INSTALL_HDR_PATH="$obj/usr" >/dev/null
echo "build-kernel: $obj/arch/x86/boot/bzImage ($("${mk[@]}" -s kernelrelease))"
