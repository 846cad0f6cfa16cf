#!/bin/sh
# busybox udhcpc's hook: apply the lease (address, prefix, router, MTU) to the interface.
case "$1" in
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/$mask" dev "$interface"
        [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
        for gw in $router; do ip route add default via "$gw" dev "$interface"; break; done
        echo "$ip/$mask" > /tmp/address
        ;;
esac
exit 0
