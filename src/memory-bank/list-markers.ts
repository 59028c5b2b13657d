/**
 * List markers Markdown does not know, as text pasted from a word processor, a chat or a web page writes them: a bullet
 * character (`• [ ] Book the venue`, `◦ Sub-item`, `・検索機能の実装` as Japanese text writes a list, or a number, `①`, `１．`,
 * `1、`) or a no-break space after a marker (`-\u00a0[ ] Ship it`). Read as the list items their authors meant: the
 * bullet becomes `-`, the space a space — one UTF-16 unit for one, so every offset, column and line stays where it was,
 * but for a CJK bullet written without a space, which gains one (discovery and parse read the same text; write-back
 * reads the file as written and knows these markers too). A mark's text presentation selector (U+FE0E) is read as the
 * emoji one the same way. So is a box written with emphasis around it (`- **[ ]** Ship it`, `1. __[x]__ Fix the login`,
 * `- *[ ]* Write the guide`): the box alone, its emphasis marks become spaces after it (`- [ ]     Ship it`); emphasis
 * opening before the box and closing after the text is moved after the box (`- **[ ] Ship it**` is read `- [ ] **Ship
 * it**`). A box written full-width (`- ［x］ 配置持续集成`) is read as the box it stands for.
 */

import { markShortcodes, shortcodeNameSource } from './vocabulary-data.js';

/** Bullet characters that open a list item when a space follows them at the start of a line (`• Book the venue`, `· 로그인`). */
export const foreignBulletChars = '•◦▪‣⁃·';
/**
 * The middle dots Japanese and Chinese text bullets its lines with (`・検索機能の実装`, `･ 通知`, half-width): they open a list
 * item with or without a space after them, and a full-width space may follow.
 */
export const cjkBulletChars = '・･';
/**
 * The numbers Chinese, Japanese and Korean text enumerates its lines with: circled, parenthesised and stopped digits
 * (`①`, `⑴`, `⒈`, `❶`, `➀`), full-width digits with a stop or a bracket (`１．`, `２、`, `３）`, `（４）`), digits with an
 * ideographic comma or a full-width stop (`1、`, `2．`), and digits with a stop before CJK text with no space (`3.订单导出`).
 * Like a CJK bullet, one opens a list item with or without a space after it.
 */
const enumeratorSource = String.raw`[\u2460-\u249B\u2776-\u2793]|[0-9０-９]{1,3}[、．]|[０-９]{1,3}[.)）]|（[0-9０-９]{1,2}）|\([０-９]{1,2}\)|[0-9]{1,3}\.(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])`;

/**
 * What opens a list item at a line's start after its indent, as a file may write it: Markdown's marker (`-`, `*`, `+`,
 * `1.`, `1)`) or a foreign bullet with a space or no-break space after it, or a CJK bullet or number and any space. A
 * pattern's source, for the readers of a file as written (write-back's, and the rewrites below).
 */
export const itemMarkerSource = String.raw`(?:(?:[-*+${foreignBulletChars}]|\d{1,9}[.)])[ \t\u00a0]+|(?:[${cjkBulletChars}]|${enumeratorSource})[ \t\u00a0\u3000]*)`;

/**
 * A foreign list marker (group 2 a bullet and group 3 the space after it; group 4 a CJK bullet opening text, group 5
 * its space if any; group 6 Markdown's own before a no-break space, group 7; group 8 a CJK number opening text, group 9
 * the spaces after it).
 */
const marker = new RegExp(
  String.raw`^([ \t]*)(?:([${foreignBulletChars}])([ \t\u00a0])|([${cjkBulletChars}])([ \t\u00a0\u3000]?)(?=[ \t]*[^\s${cjkBulletChars}])|([-*+]|\d{1,9}[.)])(\u00a0)|(${enumeratorSource})([ \t\u00a0\u3000]*)(?=\S))`,
  'gmu',
);
/**
 * What a text with a CJK number holds: a circled or parenthesised digit, or CJK text (its stops, kana, ideographs,
 * Hangul, full-width forms) — one character class of single code units, a quick scan, before the rewrite's own
 * pattern (which decides).
 */
const enumeratorHint = /[\u1100-\u11FF\u2460-\u249B\u2776-\u2793\u3000-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uD840-\uD8BF\uF900-\uFAFF\uFF00-\uFFEF]/;

/**
 * The text with foreign list markers written as Markdown's (`• x` → `- x`, `-\u00a0x` → `- x`), and a mark's text
 * presentation selector (U+FE0E, `✅︎`, as some keyboards write it) as the emoji one every pattern knows (U+FE0F); the
 * same text when it has none.
 */
export function normaliseListMarkers(text: string): string {
  let read = readShortcodes(text.includes('\uFE0E') ? text.replace(/\uFE0E/gu, '\uFE0F') : text);
  if (hasEmphasisedBox(read)) {
    read = read.replace(emphasisedBox, (_match: string, lead: string, emphasis: string, mark: string, closed: string | undefined, space: string) =>
      closed === undefined ? `${lead}[${mark}]${space}${emphasis}` : `${lead}[${mark}]${' '.repeat(emphasis.length * 2)}${space}`,
    );
  }
  if (read.includes('［') || read.includes('[　]') || read.includes('[ｘ]') || read.includes('[Ｘ]')) read = read.replace(fullWidthBox, readFullWidthBox);
  if (!hasForeignMarker(read)) return read;
  // One UTF-16 unit for one, but a CJK bullet written without its space: `・検索` is read `- 検索`, one unit longer (the
  // parser's offsets are the normalised text's; write-back reads the file as written).
  return read.replace(
    marker,
    (_match: string, indent: string, bullet: string | undefined, space: string | undefined, cjk: string | undefined, cjkSpace: string | undefined, own: string | undefined, _nbsp: string | undefined, number: string | undefined, numberSpace: string | undefined) => {
      if (bullet !== undefined) return `${indent}-${space === '\t' ? '\t' : ' '}`;
      if (cjk !== undefined) return `${indent}-${cjkSpace === '\t' ? '\t' : ' '}`;
      // A number as a bullet, as long as it was written (`１．` → `- `, `（３）` → `-  `), at least a space after it (`①検索` → `- 検索`).
      if (number !== undefined) return `${indent}-${' '.repeat(Math.max(1, number.length + (numberSpace ?? '').length - 1))}`;
      return `${indent}${own ?? ''} `;
    },
  );
}

/**
 * A box with emphasis around it right after a list marker (`- **[ ]** `, `1. __[x]__ `, `- *[ ]* `, `- _[x]_ `), or
 * opening emphasis that closes after the item's text (`- **[ ] Ship it**`: read `- [ ] **Ship it**`), the marks a
 * checkbox uses; a space follows the box.
 */
const itemLead = String.raw`^([ \t]*(?:>[ \t]?)*${itemMarkerSource})(\*\*|__|\*|_)\[`;
const emphasisedBox = new RegExp(String.raw`${itemLead}([ xX/~>-])\](?:(\2)|(?=[ \t]+\S.*\S\2))([ \t])`, 'gmu');
const emphasisedLead = new RegExp(itemLead, 'mu');

function hasEmphasisedBox(text: string): boolean {
  return (text.includes('*[') || text.includes('_[')) && emphasisedLead.test(text);
}

/**
 * A box written with full-width brackets or marks after a list marker, as a Chinese or Japanese input method types it
 * (`- ［ ］ 编写文档`, `- ［x］ 配置持续集成`, `- [　] 设计数据库`, `- [ｘ] 部署`): group 2 the box, read as `[ ]`, `[x]`,
 * `[X]`, each character for one (offsets stay), before a space or the line's end.
 */
const fullWidthBox = new RegExp(String.raw`^([ \t]*(?:>[ \t]?)*${itemMarkerSource})([[［](?:[ 　xXｘＸ]|[^\]］\s])[\]］])(?=[ \t　]|$)`, 'gmu');
const fullWidth: Readonly<Record<string, string>> = { '［': '[', '］': ']', '　': ' ', 'ｘ': 'x', 'Ｘ': 'X' };

function readFullWidthBox(_match: string, lead: string, box: string): string {
  return lead + [...box].map((char) => fullWidth[char] ?? char).join('');
}

function hasForeignMarker(text: string): boolean {
  if (text.includes('\u00a0')) return true;
  for (const bullet of foreignBulletChars + cjkBulletChars) if (text.includes(bullet)) return true;
  return enumeratorHint.test(text);
}

/** A GitHub emoji shortcode (`:construction:`) standing alone: not inside a word, a time or another shortcode's colons. */
const shortcode = new RegExp(`(?<![\\p{L}\\p{N}_:]):(${shortcodeNameSource}):(?![\\p{L}\\p{N}_])`, 'gu');
const shortcodeHint = new RegExp(`:${shortcodeNameSource}:`, 'u');

/**
 * The text with the shortcodes of status and priority marks (`:white_check_mark:`, `:construction:`, `:x:`,
 * `:red_circle:`: `markShortcodes`) written as their marks, each padded with spaces to its own length so that every
 * offset and column stays where it was (`- :construction: Chapter markers` reads `- 🚧             Chapter markers`);
 * not in a code span (`` `:x:` ``), and not other shortcodes (`:rocket:`). Write-back reads the file so too and writes
 * a shortcode where it replaces one (writeback/plan.ts).
 */
export function readShortcodes(text: string): string {
  if (!shortcodeHint.test(text)) return text;
  return text.replace(shortcode, (match: string, name: string, offset: number) => {
    const mark = markShortcodes[name];
    if (mark === undefined || inCodeSpan(text, offset)) return match;
    return mark + ' '.repeat(match.length - mark.length);
  });
}

/** Whether an odd number of backticks stands between the start of its line and `offset`. */
function inCodeSpan(text: string, offset: number): boolean {
  let ticks = 0;
  for (let index = offset - 1; index >= 0; index--) {
    const char = text.charCodeAt(index);
    if (char === 10) break;
    if (char === 96) ticks++;
  }
  return ticks % 2 === 1;
}
