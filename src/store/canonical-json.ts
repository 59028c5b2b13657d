import { InternalError } from '../core/errors.js';

/**
 * Serialises a JSON value with object keys sorted at every level, so equal values always give equal text
 * (and equal hashes). Follows `JSON.stringify` for `toJSON` (dates), array holes and `undefined` or
 * function-valued properties, but throws `InternalError` for values JSON cannot carry faithfully (non-finite
 * numbers, bigint, Map, Set, cycles, a function or symbol outside an object, `undefined` at the top level).
 */
export function toCanonicalJson(value: unknown): string {
  const text = serialise(value, new Set<object>(), '$');
  if (text === undefined) throw new InternalError('canonical JSON: the value is undefined, which JSON cannot carry');
  return text;
}

function serialise(value: unknown, seen: Set<object>, path: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON('');
  }
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      if (typeof value === 'undefined') return undefined;
      throw new InternalError(`canonical JSON: ${typeof value} at ${path} cannot be stored as JSON`);
    case 'bigint':
      throw new InternalError(`canonical JSON: bigint at ${path} cannot be stored as JSON; convert it to a string`);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InternalError(`canonical JSON: ${String(value)} at ${path} is not a finite number`);
      }
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (object instanceof Map || object instanceof Set) {
    throw new InternalError(`canonical JSON: ${object.constructor.name} at ${path} would be stored as {}; convert it first`);
  }
  if (seen.has(object)) throw new InternalError(`canonical JSON: cycle at ${path}`);
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i += 1) {
        items.push(serialise(object[i] as unknown, seen, `${path}[${i}]`) ?? 'null');
      }
      return `[${items.join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (typeof item === 'function' || typeof item === 'symbol') continue;
      const text = serialise(item, seen, `${path}.${key}`);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}
