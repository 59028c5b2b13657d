import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Shape of a run id: letters, digits and `._:-`, at most 100 characters. */
export const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * Creates a run id that sorts by start time and reads well in a terminal: `2026-11-21T13-40-00Z-k3x9q2`
 * (UTC to the second, then six random base-36 characters).
 */
export function createRunId(now: Date, random: (size: number) => Uint8Array = randomBytes): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
  const suffix = Array.from(random(6), (byte) => alphabet[byte % alphabet.length]).join('');
  return `${stamp}-${suffix}`;
}
