/**
 * Which IP addresses Vikunja's outgoing-request guard refuses (`outgoingrequests.allownonroutableips` false, the
 * default): loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved ranges, IPv4 and
 * IPv6 (a v4-mapped v6 address counts as its v4 address). Pure: no lookup.
 */
import { BlockList, isIP } from 'node:net';

function createNonRoutableList(): BlockList {
  const list = new BlockList();
  const v4: ReadonlyArray<[string, number]> = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ];
  const v6: ReadonlyArray<[string, number]> = [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const nonRoutable = createNonRoutableList();

/** True when an IP address (v4, v6 or v4-mapped v6) is one Vikunja refuses to deliver webhooks to by default. */
export function isNonRoutableAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return nonRoutable.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return nonRoutable.check(address, 'ipv4');
  if (family === 6) return nonRoutable.check(address, 'ipv6');
  return false;
}
