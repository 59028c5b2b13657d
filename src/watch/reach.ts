/**
 * Can Vikunja deliver webhooks to a URL? Vikunja refuses targets that resolve to a loopback, private or link-local
 * address unless its `outgoingrequests.allownonroutableips` is true (API.md §17.8) — and answers the registration
 * with 201 all the same, so a watcher would never hear why. `membank doctor` and the watcher's start-up say so.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UsageError } from '../core/errors.js';
import { isNonRoutableAddress } from '../core/net-address.js';

/** What a webhook target resolves to and whether a default Vikunja delivers to it. */
export interface WebhookReach {
  targetUrl: string;
  addresses: string[];
  /** The first address Vikunja refuses by default, or null. */
  nonRoutable: string | null;
  /** One sentence for a person. */
  advice: string;
}

/** Resolves the target's host and tells whether a default Vikunja can deliver to it. */
export async function checkWebhookReach(targetUrl: string): Promise<WebhookReach> {
  let parsed: URL;
  try {
    parsed = new URL(targetUrl);
  } catch (error) {
    throw new UsageError(`--webhook-url ${JSON.stringify(targetUrl)} is not a URL; give e.g. http://127.0.0.1:8787/webhook or https://membank.example.org/webhook`, { cause: error });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--webhook-url ${JSON.stringify(targetUrl)} must be http:// or https:// (Vikunja refuses other targets)`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) === 0 ? (await lookup(host, { all: true })).map((found) => found.address) : [host];
  } catch (error) {
    return { targetUrl, addresses: [], nonRoutable: null, advice: `${host} does not resolve here (${(error as Error).message}); Vikunja must resolve it to deliver webhooks` };
  }
  const refused = addresses.find(isNonRoutableAddress) ?? null;
  const advice =
    refused === null
      ? `${targetUrl} resolves to ${addresses.join(', ')}, a routable address: Vikunja can deliver to it if the network lets it through`
      : `${targetUrl} resolves to ${refused}, a loopback/private address: Vikunja refuses to deliver there unless its config sets outgoingrequests.allownonroutableips: true (same host or LAN); else give sync --watch a routable --webhook-url behind a reverse proxy, or rely on polling (--interval)`;
  return { targetUrl, addresses, nonRoutable: refused, advice };
}
