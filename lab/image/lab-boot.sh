#!/bin/sh
# Per-VM identity from the kernel command line, so every VM boots the same read-only base image:
#   lab.hostname=NAME  lab.key=BASE64(authorized_keys line)  lab.host=NAME,IP (repeatable)
#   lab.nic=NAME,MAC[,CIDR[,GATEWAY]] (repeatable; a NIC without CIDR stays unaddressed)
set -eu
hosts="127.0.0.1 localhost"
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    lab.hostname=*)
      name=${arg#lab.hostname=}
      echo "$name" > /etc/hostname
      hostname "$name"
      hosts="$hosts
127.0.1.1 $name"
      ;;
    lab.key=*)
      install -d -m 0700 /root/.ssh
      echo "${arg#lab.key=}" | base64 -d > /root/.ssh/authorized_keys
      chmod 0600 /root/.ssh/authorized_keys
      ;;
    lab.host=*)
      entry=${arg#lab.host=}
      hosts="$hosts
${entry#*,} ${entry%%,*}"
      ;;
    lab.nic=*)
      IFS=, read -r nic mac cidr gw <<SPEC
${arg#lab.nic=}
SPEC
      for dev in /sys/class/net/*; do
        if [ "$(cat "$dev/address")" = "$mac" ]; then
          ip link set dev "${dev##*/}" down
          ip link set dev "${dev##*/}" name "$nic"
        fi
      done
      ip link set dev "$nic" up
      [ -z "$cidr" ] || ip addr replace "$cidr" dev "$nic"
      [ -z "$gw" ] || ip route replace default via "$gw" dev "$nic"
      ;;
  esac
done
printf '%s\n' "$hosts" > /etc/hosts
# Only ed25519: an RSA host key takes tens of seconds to generate under TCG.
[ -f /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
