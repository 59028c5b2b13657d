/**
 * Typed reads from a decoded JSON body, mimicking Go's `encoding/json` binding: `null` and absent keys
 * leave the zero value, a wrong JSON type is a bind error (400 code 2004), unknown keys are ignored.
 */
import { ZERO_DATE, parseRfc3339 } from './dates.js';
import { HttpError, ApiCode } from './errors.js';

/** A decoded JSON object body. */
export type JsonObject = Record<string, unknown>;

/** A bind error naming the field (v1: 400 code 2004; v2: 422). */
export function fieldTypeError(field: string, detail: string): HttpError {
  return new HttpError(
    400,
    { code: ApiCode.invalidModel, message: `Invalid model provided: ${field}: ${detail}` },
    { fields: [`${field}: ${detail}`] },
  );
}

/** True when the key is present with a non-null value. */
export function has(body: JsonObject, key: string): boolean {
  return body[key] !== undefined && body[key] !== null;
}

/** True when the value is a plain JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; undefined when absent or null. */
export function readString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into a string`);
  return value;
}

/** An integer field (Go int64); undefined when absent or null. */
export function readInt(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into an integer`);
  }
  return value;
}

/** A float field; undefined when absent or null. */
export function readNumber(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into a number`);
  return value;
}

/** A boolean field; undefined when absent or null. */
export function readBool(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into a bool`);
  return value;
}

/**
 * A `time.Time` field: RFC 3339 only. Returns the canonical date (the zero date for
 * `0001-01-01T00:00:00Z`), or undefined when absent or null. `""` and `2026-01-01` are bind errors.
 */
export function readDate(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into a time`);
  const parsed = parseRfc3339(value);
  if (parsed === undefined) {
    throw fieldTypeError(key, `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  }
  return parsed === '0001-01-01T00:00:00Z' ? ZERO_DATE : parsed;
}

/** An array field; undefined when absent or null. */
export function readArray(body: JsonObject, key: string): unknown[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into an array`);
  return value;
}

/** An object field; undefined when absent or null. */
export function readObject(body: JsonObject, key: string): JsonObject | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw fieldTypeError(key, `cannot unmarshal ${jsonType(value)} into an object`);
  return value;
}

/** Elements of an array field that must be objects (e.g. `[{id:1}]`). */
export function readObjectArray(body: JsonObject, key: string): JsonObject[] | undefined {
  const items = readArray(body, key);
  if (items === undefined) return undefined;
  return items.map((item, i) => {
    if (item === null) return {};
    if (!isJsonObject(item)) throw fieldTypeError(`${key}[${i}]`, `cannot unmarshal ${jsonType(item)} into an object`);
    return item;
  });
}

/** Elements of an array field that must be integers (e.g. `task_ids`). */
export function readIntArray(body: JsonObject, key: string): number[] | undefined {
  const items = readArray(body, key);
  if (items === undefined) return undefined;
  return items.map((item, i) => {
    if (typeof item !== 'number' || !Number.isInteger(item)) {
      throw fieldTypeError(`${key}[${i}]`, `cannot unmarshal ${jsonType(item)} into an integer`);
    }
    return item;
  });
}

/** Go's name for a JSON value's type, for messages. */
function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value;
}
