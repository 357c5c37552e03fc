# shellcheck shell=bash
# Shared helpers for fwprobe's scripts: cache location, logging and the
# private apt configuration used for everything that is not a host package.

FWPROBE_CACHE=${FWPROBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fwprobe}
FWPROBE_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=kernels
source "$FWPROBE_TOP/scripts/lib/kernels"
# "6.1|6.12|latest", for usage lines.
KERNEL_CHOICES=${KERNELS// /|}

# FWPROBE_STEP ("[2/8] "): where a long set-up is.
say() { printf '%s: %s%s\n' "${0##*/}" "${FWPROBE_STEP:-}" "$*" >&2; }
die() { say "$*"; exit 2; }

# Host packages (amd64) come from the machine's own bookworm sources only.
# mtools and fdisk (sfdisk) build the Debian guest's UEFI boot disk in a file,
# with no loop device or mount (vmtest's build_boot_disk).
HOST_PACKAGES="qemu-system-arm cpio mmdebstrap gcc-aarch64-linux-gnu
libc6-dev-arm64-cross dwarves patchelf libsysfs-dev libjansson-dev pkg-config
xz-utils zstd rsync bc flex bison libelf-dev libssl-dev clang python3 mtools fdisk
debhelper dh-dkms lintian python3-jsonschema"

ensure_host_packages() {
	local missing=() p installed
	# One query for all of them: vmtest asks on every run, 15 ms a package.
	# dpkg-query fails when a package was never installed, as on a fresh
	# machine: under pipefail and set -e that ended setup without a word.
	# shellcheck disable=SC2086 # a word list
	installed=$({ dpkg-query -W -f='${db:Status-Status} ${Package}\n' $HOST_PACKAGES 2>/dev/null || true; } |
		awk '$1 == "installed" { print $2 }')
	for p in $HOST_PACKAGES; do
		grep -qxF "${p%:*}" <<<"$installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing host packages: ${missing[*]}"
	[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
	apt-get update -qq >&2 || die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 ||
		die "apt-get install ${missing[*]} failed"
}

# The mirror URIs are taken from the machine's own configuration so that the
# private apt tree reaches exactly what the host reaches.
_mirror_uri() { # $1 = suite to look for (bookworm | bookworm-security)
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v want="$1" '
			/^URIs:/ { uri = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) { print uri; exit } }
			/^$/ { uri = "" }' "$f"
	done | head -n 1
	grep -hE "^deb [^ ]+ $1 " /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n 1
	return 0
}

# Private apt tree: its own sources, state and cache under $FWPROBE_CACHE/apt.
# bookworm-backports and sid are only ever used from here, never by the host.
APT_DIR=$FWPROBE_CACHE/apt
export APT_CONFIG=$APT_DIR/apt.conf

setup_private_apt() {
	local main sec
	if [ -f "$APT_DIR/.updated" ] && [ -n "$(find "$APT_DIR/.updated" -mmin -1440)" ]; then
		return 0
	fi
	main=$(_mirror_uri bookworm | head -n 1)
	sec=$(_mirror_uri bookworm-security | head -n 1)
	[ -n "$main" ] || die "no Debian bookworm mirror found in /etc/apt"
	[ -n "$sec" ] || sec=${main%/debian}/debian-security
	mkdir -p "$APT_DIR"/{etc/apt.conf.d,etc/preferences.d,etc/sources.list.d,state/lists/partial,cache/archives/partial}
	cat >"$APT_DIR/apt.conf" <<-CONF
	Dir::Etc "$APT_DIR/etc";
	Dir::Etc::SourceList "$APT_DIR/etc/sources.list";
	Dir::Etc::SourceParts "$APT_DIR/etc/sources.list.d";
	Dir::Etc::Parts "$APT_DIR/etc/apt.conf.d";
	Dir::Etc::PreferencesParts "$APT_DIR/etc/preferences.d";
	Dir::State "$APT_DIR/state";
	Dir::State::status "$APT_DIR/state/status";
	Dir::Cache "$APT_DIR/cache";
	APT::Architecture "amd64";
	APT::Architectures { "amd64"; "arm64"; };
	Acquire::Languages "none";
	Debug::NoLocking "true";
	APT::Sandbox::User "root";
	Acquire::Check-Valid-Until "false";
	CONF
	cat >"$APT_DIR/etc/sources.list" <<-SRC
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $main bookworm main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $main bookworm-backports main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $sec bookworm-security main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $main sid main
	SRC
	# bookworm is the default candidate; backports and sid only when named.
	cat >"$APT_DIR/etc/preferences.d/suites" <<-PREF
	Package: *
	Pin: release n=bookworm-backports
	Pin-Priority: 100

	Package: *
	Pin: release n=sid
	Pin-Priority: 50
	PREF
	touch "$APT_DIR/state/status"
	say "refreshing private apt lists (bookworm, -security, -backports, sid)"
	apt-get update -qq >&2 || die "private apt-get update failed"
	touch "$APT_DIR/.updated"
}

# Download one package (name[:arch][=version]) into the cache and print its path.
fetch_deb() {
	local spec=$1 dir=$FWPROBE_CACHE/debs name ver arch file size
	mkdir -p "$dir"
	name=${spec%%=*}
	ver=$(apt-cache policy "$name" 2>/dev/null | awk '/Candidate:/ {print $2}')
	case $spec in *=*) ver=${spec#*=} ;; esac
	[ -n "$ver" ] && [ "$ver" != "(none)" ] || die "package $name not found in the private apt tree"
	arch=${name#*:}; [ "$arch" = "$name" ] && arch=amd64
	file=$(ls "$dir/${name%%:*}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n 1)
	if [ -z "$file" ]; then
		size=$(apt-cache show "$name=$ver" 2>/dev/null | awk '/^Size:/ {print $2; exit}')
		size=${size:-0}
		if [ "$size" -ge $((1 << 20)) ]; then size="$((size >> 20)) MiB"; else size="$((size >> 10)) KiB"; fi
		say "fetching $name $ver ($size)"
		# apt's status lines (dlstatus:N:PERCENT:...) become a line per quarter.
		(cd "$dir" && apt-get download -qq -o APT::Status-Fd=3 "$name=$ver" 3>&1 >&2 |
			awk -F: -v what="${0##*/}: ${FWPROBE_STEP:-}$name" '$1 == "dlstatus" && $3 >= shown + 25 && $3 < 100 {
				shown = int($3 / 25) * 25; printf "%s: %d%%\n", what, $3 > "/dev/stderr" }'
		) || die "download of $name=$ver failed"
		file=$(ls "$dir/${name%%:*}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n 1)
		[ -n "$file" ] || die "download of $name=$ver failed"
	fi
	printf '%s\n' "$file"
}
