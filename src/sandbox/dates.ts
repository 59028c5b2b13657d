/**
 * Date handling as Vikunja does it: RFC 3339 in, UTC `Z` out, second precision, and the Go zero time
 * `0001-01-01T00:00:00Z` for "unset".
 */

/** Go's zero time, rendered: Vikunja's "unset" date. */
export const ZERO_DATE = '0001-01-01T00:00:00Z';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Renders epoch milliseconds as Vikunja does: UTC, whole seconds, `Z`. */
export function formatDate(ms: number): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  return new Date(seconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** True for the zero ("unset") date. */
export function isZeroDate(value: string): boolean {
  return value === ZERO_DATE;
}

/**
 * Parses an RFC 3339 timestamp the way Go's `time.Time` JSON binding does; returns the canonical
 * rendering (second precision, UTC) or undefined when the text is not RFC 3339.
 */
export function parseRfc3339(text: string): string | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [month, day, hour, minute, second] = [match[2], match[3], match[4], match[5], match[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.parse(text.toUpperCase());
  if (Number.isNaN(ms)) return undefined;
  return formatDate(ms);
}

/** Epoch milliseconds of a canonical date string. */
export function dateMs(value: string): number {
  return Date.parse(value);
}

/** Adds seconds to a canonical date, returning a canonical date. */
export function addSeconds(value: string, seconds: number): string {
  return formatDate(dateMs(value) + seconds * 1000);
}

/** Adds one calendar month (Go's `AddDate(0, 1, 0)` normalisation: Jan 31 + 1 month = Mar 3). */
export function addOneMonth(value: string): string {
  const d = new Date(dateMs(value));
  return formatDate(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
  );
}

/** Offset in milliseconds of `timeZone` from UTC at the given instant; throws RangeError for unknown zones. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** True when `timeZone` is an IANA zone the runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    zoneOffsetMs(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Epoch ms of a wall-clock time in `timeZone`. */
function wallClockToMs(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses a filter date value: RFC 3339, `2006-01-02`, `2006-01-02 15:04[:05]` (wall clock in `timeZone`),
 * or date math (`now`, `now-7d`, `now+1h/d`). Returns epoch ms at second precision, or undefined.
 */
export function parseFilterDate(text: string, nowMs: number, timeZone: string): number | undefined {
  const value = text.trim();
  const rfc = parseRfc3339(value);
  if (rfc !== undefined) return dateMs(rfc);
  const plain = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (plain !== null) {
    const n = plain.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
    return wallClockToMs(n[0] ?? 0, n[1] ?? 1, n[2] ?? 1, n[3] ?? 0, n[4] ?? 0, n[5] ?? 0, timeZone);
  }
  const math = /^now((?:\s*[+-]\s*\d+\s*[smhdwMy])*)\s*(?:\/\s*([dwMy]))?$/.exec(value);
  if (math === null) return undefined;
  let ms = Math.floor(nowMs / 1000) * 1000;
  for (const step of (math[1] ?? '').matchAll(/([+-])\s*(\d+)\s*([smhdwMy])/g)) {
    const sign = step[1] === '-' ? -1 : 1;
    const amount = Number(step[2]) * sign;
    const unit = step[3] ?? 's';
    if (unit === 'M' || unit === 'y') {
      const d = new Date(ms);
      const months = unit === 'M' ? amount : amount * 12;
      ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
    } else {
      ms += amount * (UNIT_SECONDS[unit] ?? 1) * 1000;
    }
  }
  const round = math[2];
  if (round !== undefined) {
    const local = ms + zoneOffsetMs(ms, timeZone);
    const d = new Date(local);
    let start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    if (round === 'w') start -= ((d.getUTCDay() + 6) % 7) * 86400000;
    if (round === 'M') start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (round === 'y') start = Date.UTC(d.getUTCFullYear(), 0, 1);
    ms = start - zoneOffsetMs(start, timeZone);
  }
  return ms;
}
