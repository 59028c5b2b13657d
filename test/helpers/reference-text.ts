/**
 * Plain readings of the text helpers in src/memory-bank/extractors/text.ts, without their shortcuts: the tests hold
 * each shortcut equal to its plain reading.
 */

/** `normaliseId` without its shortcut: brackets dropped at either end, trimmed, upper case. */
export function normaliseIdPlainly(id: string): string {
  return id.replace(/^\[|\]$/gu, '').trim().toUpperCase();
}
