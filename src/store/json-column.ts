import { z } from 'zod';
import { InternalError } from '../core/errors.js';
import { toCanonicalJson } from './canonical-json.js';

/** A JSON object column (options, summary). */
export const jsonObjectSchema = z.record(z.string(), z.unknown());

/** Serialises a value for a JSON column: canonical text, or SQL NULL for `null`/`undefined`. */
export function writeJsonColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : toCanonicalJson(value);
}

/** Parses a JSON column read back from the database; `InternalError` names the column when it is corrupt. */
export function readJsonColumn(text: string | null, where: string): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InternalError(`the state store holds invalid JSON in ${where}`, { cause: error });
  }
}

/** Parses a JSON-object column and validates it with zod. */
export function readJsonObjectColumn(text: string | null, where: string): Record<string, unknown> | null {
  const value = readJsonColumn(text, where);
  if (value === null) return null;
  const parsed = jsonObjectSchema.safeParse(value);
  if (!parsed.success) throw new InternalError(`the state store holds a non-object in ${where}`);
  return parsed.data;
}

/** Validates a row read back from the database, naming the table when it does not have the expected shape. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown, where: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    throw new InternalError(`the state store holds an unexpected row in ${where}: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
