/**
 * Vikunja's webhook signature (API.md §17.8): `X-Vikunja-Signature` is hex(HMAC-SHA256(secret, raw body)).
 * Checked in constant time so a forger learns nothing from how long a refusal takes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature Vikunja sends for `body` with `secret`. */
export function signWebhookBody(secret: string, body: Uint8Array | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * True when `header` is the signature of `body` under `secret`. A missing header, a header of the wrong length
 * or one that is not hex is false; the comparison itself is `crypto.timingSafeEqual` over the raw digests.
 */
export function verifyWebhookSignature(secret: string, body: Uint8Array, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !/^[0-9a-fA-F]{64}$/.test(header.trim())) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(header.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
