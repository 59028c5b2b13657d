/**
 * Plain readings of the text helpers in src/memory-bank/extractors/text.ts, without their shortcuts: the tests hold
 * each shortcut equal to its plain reading.
 */
import { isStatusValue, type InlineField, type InlineFields } from '../../src/memory-bank/extractors/text.js';
import type { Vocabulary } from '../../src/memory-bank/vocabulary.js';

/** `normaliseId` without its shortcut: brackets dropped at either end, trimmed, upper case, no dash after the letters. */
export function normaliseIdPlainly(id: string): string {
  return id.replace(/^\[|\]$/gu, '').trim().toUpperCase().replace(/^([A-Z]{2,12})[-_](?=\d)/u, '$1');
}

const inlineGroupPattern = /[(（]([^()（）]{1,160})[)）]\s*$/u;
const notedGroupPattern = /[(（]([^()（）]{1,160})[)）]((?:\s*[\p{Extended_Pictographic}\uFE0F\u200D])*(?:\s*[-–—:·|]?\s+[^()（）]{1,120})?)$/u;
const fieldPairPattern = /^([^:：,，;；]{1,30}?)\s*[:：]\s*(.+)$/u;

/** `readInlineFields` as it was before its shortcut for text without a parenthesis or a dash: every pattern tried. */
export function readInlineFieldsPlainly(text: string, vocabulary: Vocabulary, options: { bareStatus?: boolean } = {}): InlineFields {
  const bareStatus = options.bareStatus ?? true;
  let rest = text.trim();
  const fields: InlineField[] = [];
  let status: string | null = null;
  let note: string | null = null;
  // A keyed group followed by a remark (`(Status: completed) ✅`, `(Status: in progress) - waiting on x`).
  const noted = notedGroupPattern.exec(rest);
  if (noted?.[1] !== undefined && noted[2] !== undefined && inlineGroupPattern.exec(rest) === null) {
    const pairs = noted[1].split(/\s*[,，;；]\s*/u).map((part) => fieldPairPattern.exec(part.trim()));
    if (pairs.length > 0 && pairs.every((pair) => pair !== null && vocabulary.matchField(pair[1] ?? '') !== null)) {
      for (const pair of pairs) if (pair?.[1] !== undefined && pair[2] !== undefined) fields.push({ name: pair[1].trim(), value: pair[2].trim() });
      const tail = noted[2].replace(/^[\s\-–—:·|]+/u, '').trim();
      const emojiOnly = tail.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '').trim();
      if (emojiOnly === '' && tail !== '' && !fields.some((field) => vocabulary.matchField(field.name) === 'status')) status = tail;
      else if (emojiOnly !== '') note = tail;
      rest = rest.slice(0, noted.index).trim();
    }
  }
  for (let guard = 0; guard < 3; guard++) {
    const group = inlineGroupPattern.exec(rest);
    if (group === null || group[1] === undefined) break;
    const inner = group[1].trim();
    const pairs = inner.split(/\s*[,，;；]\s*/u).map((part) => fieldPairPattern.exec(part));
    if (pairs.length > 0 && pairs.every((pair) => pair !== null && vocabulary.matchField(pair[1] ?? '') !== null)) {
      for (const pair of pairs) if (pair?.[1] !== undefined && pair[2] !== undefined) fields.push({ name: pair[1].trim(), value: pair[2].trim() });
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    if (pairs.length > 0 && pairs.every((pair) => pair !== null && /^\s*\p{L}[\p{L}\d_-]{0,29}\s*$/u.test(pair[1] ?? '') && /^\s*(?:true|false|yes|no)\s*$/iu.test(pair[2] ?? ''))) {
      for (const pair of pairs) if (pair?.[1] !== undefined && pair[2] !== undefined) fields.push({ name: pair[1].trim(), value: pair[2].trim(), flag: true });
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    if (bareStatus && status === null && isStatusValue(inner, vocabulary)) {
      status = inner;
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    break;
  }
  if (bareStatus && status === null) {
    const suffix = /\s+[-–—]\s+([^-–—]{1,60})$/u.exec(rest);
    if (suffix?.[1] !== undefined && isStatusValue(suffix[1], vocabulary)) {
      status = suffix[1].trim();
      rest = rest.slice(0, suffix.index).trim();
    }
  }
  return { fields, status, rest, note };
}
