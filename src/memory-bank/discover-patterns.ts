/**
 * The line patterns discovery reads a Markdown file with, and its small frontmatter reader: shared by
 * `discover-signals.ts`' scanner and the plain reading the tests hold it equal to
 * (test/helpers/reference-signals.ts), so the two differ only in which lines they try each pattern on.
 */
import { findFrontmatterBlock, readInvalidBlock, readYamlBlock, type FrontmatterValue } from './frontmatter.js';
import { readKeyRole } from './key-roles.js';
import { arrowChars, boldTermSource, checkboxLikeMarks, closingDashSource, colonSource, crossMarkChars, fieldNames, fieldSeparatorSource, shareSource, statusLeadSource } from './vocabulary-data.js';

export const headingPattern = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
/** Roo hybrid (#24): `[2025-05-03 16:47:47] - ## Task: …` — the heading does not start at column 0. */
export const rooHeadingPattern = /^\s*\[\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?\]\s*-\s*(#{1,6})\s+(.*)$/;
export const fencePattern = /^ {0,3}(`{3,}|~{3,})/;
/** The language a fenced block of YAML names (```` ```yaml ````, `~~~yml`), as a pattern's source. */
export const yamlLanguageSource = 'ya?ml';
/** A fence opening a block of YAML. */
export const yamlFencePattern = new RegExp(String.raw`^ {0,3}(?:\x60{3,}|~{3,})[ \t]*${yamlLanguageSource}(?![\w-])`, 'iu');
/** The language a fenced block of JSON names (```` ```json ````, `jsonc`, `json5`), as a pattern's source. */
export const jsonLanguageSource = 'json(?:c|5)?';
/** A fence opening a block of JSON. */
export const jsonFencePattern = new RegExp(String.raw`^ {0,3}(?:\x60{3,}|~{3,})[ \t]*${jsonLanguageSource}(?![\w-])`, 'iu');
/** A status key of a JSON item in such a block (`"status": "done"`, anywhere on its line): group 1 its value. */
export const jsonStatusPattern = /"(?:status|state)"\s*:\s*"([^"\n]*)"/iu;
/** The names a field naming a task is written with (`Task:`, `Title:`, `Aufgabe:`, `任务:`): a regex source. */
const taskNameWordsSource = String.raw`task|title|item|feature|story|work item|aufgabe|t[âa]che|tarea|tarefa|attivit[àa]|taak|zadanie|задача|任务|任務|タスク|작업`;
/**
 * A field naming the task a block of fields describes (`**Task:** Rotate the keys`, `Title: …`, `Aufgabe: …`), at the
 * margin: group 1 its name, group 2 its value.
 */
export const taskNameField = new RegExp(String.raw`^(?:\*\*|__)?(${taskNameWordsSource})(?:\s*[:：](?:\*\*|__)|(?:\*\*|__)\s*[:：]|\s*[:：])\s*(\S.*?)\s*$`, 'iu');
/**
 * A task's name in bold after another bold field on its line (`**Ticket ID:** SEC-001 **Title:** Fix the salt`, `__Ticket
 * ID:__ UI-2 __Title:__ …`), which a block of field lines is named by as by a line of its own.
 */
const acrossNameField = new RegExp(String.raw`^(?:\*\*|__)[^*_]{1,30}?(?:[:：](?:\*\*|__)|(?:\*\*|__)[:：])\s*\S.*?\s(?:\*\*|__)(?:${taskNameWordsSource})(?:[:：](?:\*\*|__)|(?:\*\*|__)[:：])\s*\S`, 'iu');

/** A field's name that names the task (`Title`, `Task`, `Aufgabe`), as `taskNameField` reads it. */
const taskNameWord = new RegExp(String.raw`^(?:${taskNameWordsSource})$`, 'iu');

/** Whether a field's name names the task its block of fields describes (`Title`, `Aufgabe`). */
export function isTaskNameField(name: string): boolean {
  return taskNameWord.test(name.trim());
}

/** Whether a line names a task as a block of field lines does (`taskNameField`), first on it or after another bold field. */
export function namesTaskOnLine(line: string): boolean {
  return taskNameField.test(line) || acrossNameField.test(line);
}
/** What opens a key of a YAML item's line, at its start or after the item's dash (`status:`, `- status:`), as a pattern's source. */
export const yamlItemKeySource = String.raw`^[ \t]*(?:-[ \t]+)?`;
/** A status key of a YAML item in such a block (`status: done`, `- state: "in progress"`): group 1 its value. */
export const fencedStatusPattern = new RegExp(String.raw`${yamlItemKeySource}(?:status|state)[ \t]*:[ \t]*['"]?([^'"#\n]*?)['"]?[ \t]*(?:#.*)?$`, 'iu');
/** A setext heading's underline: `===` (level 1) or `---` (level 2) alone on its line, up to three spaces in. */
const setextUnderlinePattern = /^ {0,3}(=+|-+)[ \t]*$/;
/** What a line at the margin cannot start with and still be a paragraph a setext underline makes a heading. */
const notParagraphStart = /^(?:[\s#>|<`~=*+-]|\d+[.)](?:\s|$)|\[[ xX]\])/u;

/**
 * The setext heading the underline at `index` makes of the line above it (`Completed` over `---------`), as
 * CommonMark reads one: that line a paragraph's first (at the margin, after a blank line, an ATX heading, a `===`
 * underline or the file's start at `from`), no list item, quote, table row, HTML, fence or thematic break. Null when
 * the line is none: a `---` under a list item or a table is a thematic break, one under the second line of a
 * paragraph is left unread.
 */
export function readSetextHeading(lines: readonly string[], index: number, from: number): { level: number; text: string } | null {
  const underline = setextUnderlinePattern.exec(lines[index] ?? '');
  if (underline === null || index - 1 < from) return null;
  const text = lines[index - 1] ?? '';
  // A box at the margin (`[] Send the invites` over `---`) is a checklist over a rule, as the parser reads it
  // (markdown.ts `splitChecklistUnderlines`).
  if (text.trim() === '' || notParagraphStart.test(text) || marginCheckboxPattern.test(text) || text.includes('|')) return null;
  const before = index - 2 < from ? '' : (lines[index - 2] ?? '');
  // After a `===` underline, not a `---` (which may open a frontmatter block after the title).
  if (before.trim() !== '' && !headingPattern.test(before) && !/^ {0,3}=+[ \t]*$/u.test(before)) return null;
  return { level: underline[1]?.startsWith('=') === true ? 1 : 2, text: text.trim() };
}
export const tableSeparatorPattern = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
/** A checkbox opening a list item (`- [ ] …`, `- [x] …`, and `- [] …` typed without the space): group 1 its mark. */
export const checkboxPattern = /^\s*(?:[-*+]|\d+[.)])\s+\[( |x|X|х|Х|✅|√|-|~| [xX] |(?=\][ \t]))\]/u;
/** Whether a checkbox's mark leaves it open: a space, or nothing (`[]`, typed without the space GFM wants). */
export function isOpenBoxMark(mark: string | undefined): boolean {
  return mark === ' ' || mark === '';
}
/**
 * A checkbox at the margin with text after it, a checklist line written without a bullet (`[x] Send the invites`); up to
 * three spaces before it, as a paragraph's lines under a label may have (`Website:` over `  [ ] Renew the domain`).
 */
export const marginCheckboxPattern = /^ {0,3}\[( |x|X|х|Х|✅|√|-|~|)\][ \t]+\S/u;
export const definitionItemPattern = /^\s*[-*+]\s+(?:\*\*|__)([^*_\n]{1,30}?)\s*(?:[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*(?:[:：]|\s[-–—]\s))\s*\S/u;
export const listItemPattern = /^\s*(?:[-*+]|\d+[.)])\s+\S/u;

/**
 * The indentation opening a line, its spaces and tabs, a tab counting `tab` columns: with 1 (the default) the number of
 * characters to slice off, with 4 the width lines nest by (`[] Map the schemas` over `\t[] Add the config`).
 */
export function readIndent(line: string, tab = 1): number {
  let width = 0;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 32) width++;
    else if (code === 9) width += tab;
    else break;
  }
  return width;
}

/** Whether a list item's line is a numbered item at the margin (`1. Import report`, `12) Docs`). */
export function opensNumberedItem(line: string): boolean {
  const first = line.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+[.)]\s/u.test(line);
}
/**
 * A bold term's status opening with a mark, on a list item or a line of its own (`- **Search**: 🔄 In progress`,
 * `**Search**: 🔄 In progress`): group 1 the term, group 2 the mark.
 */
const termMarkPattern = new RegExp(
  `^(?:\\s*[-*+]\\s+| {0,3})${boldTermSource}\\s*(?:\\*\\*|__)?(${checkboxLikeMarks.join('|')})`,
  'u',
);
/** The built-in names of fields, lower case: a bold term naming one (`- **Status**: ✅ Done`) is that field, not an item. */
const fieldNameSet: ReadonlySet<string> = new Set(Object.values(fieldNames).flat().map((name) => name.toLowerCase()));

/**
 * The mark a bold term's status opens with (`- **Search**: 🔄 In progress` → `🔄`, a line of a paragraph too), an item
 * marked with its status as the parser reads one; undefined when the line is none or the term names a field.
 */
export function readTermMark(line: string): string | undefined {
  if (!line.includes('**') && !line.includes('__')) return undefined;
  const match = termMarkPattern.exec(line);
  return match?.[1] === undefined || fieldNameSet.has(match[1].trim().toLowerCase()) ? undefined : match[2];
}
/**
 * Words or a mark closing a list item in parentheses or brackets, or after a spaced dash or arrow (`(done)`, `[WIP]`,
 * `[✅]`, `— in progress`, `→ done`): group 1, 3 or 2.
 */
const statusTailPattern = new RegExp(String.raw`(?:\(([^()]{1,40})\)|\s${closingDashSource}\s+([^-–—()${arrowChars}]{1,30}?)|\s\[([^[\]]{1,40})\])\s*$`, 'u');
/**
 * A list item without a box closing with its status after a colon (`- Initial setup: Complete`): group 2 the words
 * after the colon, group 1 the title before it. Not a bold term (`- **Build:** Passed`, which defines) nor code.
 */
const colonTailSource = String.raw`(?!\*\*|__|\[|\x60)([^:：\n]*?\p{L}[^:：\n]*?)\s*${colonSource}([^:：\n]{1,30}?)\s*$`;
const colonTailPattern = new RegExp(String.raw`^\s*(?:[-*+]|\d+[.)])\s+${colonTailSource}`, 'u');
/** A line of a paragraph so (`Initial setup: Complete`), up to three spaces in. */
const lineColonTailPattern = new RegExp(`^ {0,3}${colonTailSource}`, 'u');
/** The names of a status field a line may open with (`Status:`, `Statut :`, `状态：`), as a pattern's source. */
export const statusLabelSource = '(?:status|state|statut|estado|stato|stand|статус|状态|ステータス)';
/** A status field's name, which makes `- Status: Done` the field of the task it sits in, not an item closing with one. */
const statusFieldName = new RegExp(`^${statusLabelSource}$`, 'iu');

/**
 * The status an item without a box closes with, as written: in parentheses, after a spaced dash or after a colon; with
 * `paragraphLine`, the status a line of a paragraph closes with so (`Login page — done`, `Offline mode: done`).
 */
export function readStatusTailTerm(text: string, paragraphLine = false): string | undefined {
  const end = text.trimEnd();
  const tail = statusTailPattern.exec(end);
  const term = tail?.[1] ?? tail?.[2] ?? tail?.[3];
  if (term !== undefined) return term.trim();
  const colon = end.includes(':') || end.includes('：') ? (paragraphLine ? lineColonTailPattern : colonTailPattern).exec(end) : null;
  return colon?.[2] === undefined || statusFieldName.test((colon[1] ?? '').trim()) ? undefined : colon[2].trim();
}

/**
 * A list item led by its status instead of a checkbox: a status word in brackets or capitals (groups 1 and 2, see
 * `statusLeadSource`: `- [WIP] Plan it`, `- DONE: Ship it`, `- **DONE** Ship it`) or a checkbox-like mark (group 4: `- ⏳ Ship it`).
 */
export const statusLeadItemPattern = new RegExp(
  `^\\s*(?:[-*+]|\\d+[.)])\\s+(?:${statusLeadSource}|(${checkboxLikeMarks.join('|')})\\uFE0F?\\s+)`,
  'u',
);
/**
 * A list item led by up to three words, the first capitalised, or a word of a script without capitals, and a colon (`-
 * Done: Set up CI`, `- In progress: …`, `- 完成：登录页面`): group 1.
 */
export const wordLeadItemPattern = new RegExp(
  String.raw`^\s*(?:[-*+]|\d+[.)])\s+(\p{Lu}\p{Ll}+(?:[ -]\p{Ll}+){0,2}|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]{1,8})\s*${colonSource}\S`,
  'u',
);
/**
 * A line outside any list led by a checkbox-like mark, at the margin or up to three spaces in (`✅ Auth flow`, `  ⏳ Dark
 * mode`): group 1 the mark, group 2 the text. Lines like these written one under another are a checklist without bullets.
 */
export const markLinePattern = new RegExp(`^ {0,3}(${checkboxLikeMarks.join('|')})\\uFE0F?\\s+(\\S.*?)\\s*$`, 'u');
/** The opening line of an Obsidian callout that holds tasks: `> [!todo]`, `> [!tasks]`, `> [!checklist]` (folded or not). */
export const taskCalloutStart = /^>[ \t]*\[!(?:todo|tasks?|checklist)\][+-]?(?:[ \t]|$)/iu;
/** The opening line of an Obsidian callout of quoted material (`> [!quote]`, `> [!cite]`, `> [!example]`): its boxes are not the bank's. */
export const quotationCalloutStart = /^>[ \t]*\[!(?:quote|cite|example)\][+-]?(?:[ \t]|$)/iu;
/** The block-quote markers opening a line inside a callout (`> `, `>> `). */
export const quotePrefix = /^(?:>[ \t]?)+/u;
/** A checkbox-like mark closing a list item, a share done after it or not (`- Read the export ✅`, `- Alerts 🔄 60%`): group 1. */
export const closingMarkPattern = new RegExp(`\\s(${checkboxLikeMarks.join('|')})\\uFE0F?(?:\\s+${shareSource})?\\s*$`, 'u');
export const kiroItemPattern = /^\s*[-*+]\s+\[[ xX~-]\]\*?\s+\d+(?:\.\d+)*\.?\s+\S/;
export const requirementsPattern = /_Requirements?:/;
/**
 * A bold field (`**Status:** Done`, `__Status:__ Done`): name (group 1 between asterisks, 2 between underscores), value
 * (group 3) up to a pipe, the line's end, or a separator before the next bold field (` · **Priority:** High`).
 */
export const boldFieldPattern = new RegExp(
  String.raw`(?:\*\*([^*\n]{1,40}?)\s*(?::\*\*|\*\*\s*:)|__([^_\n]{1,40}?)\s*(?::__|__\s*:))\s*([^|]*?)(?=${fieldSeparatorSource}(?:\*\*|__)|\s*\||\s*$)`,
  'g',
);
export const tableBoldFieldPattern = /^\s*\|\s*\*\*([^*|]{1,40}?)\*\*\s*\|\s*([^|]*)\|/;
export const rooStampPattern = /^\s*(?:[-*+]\s+)?\[\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?\]\s*-/;
export const rooPreamblePattern = /Log of updates made/i;
export const taskRefPattern = /^\s*[-*+]\s+(?:\[[A-Z][A-Z0-9]*(?:[-_][A-Z][A-Z0-9]*)*[-_]?\d+[A-Za-z]?(?:(?:-|\.\.)[A-Z]*\d+)?\]|`[A-Z][A-Z0-9]*(?:[-_][A-Z][A-Z0-9]*)*[-_]?\d+[A-Za-z]?`)/;
export const taskIdHeadingPattern = /^#\s+\[?TASK[-_]?\d+[A-Za-z]?\]?\s*(?:[-–—:]|$)/;
export const taskmasterHeadingPattern = /^#\s+Task ID:\s*\d+/;
export const isoDatePattern = /\b\d{4}-\d{2}-\d{2}\b/g;
export const mdLinkPattern = /\]\([^)\s]+\.md(?:#[^)]*)?\)/gi;

/** Holds on every line a placeholder pattern other than the list-item one can match (one test instead of seven). */
export const placeholderHint = /[[@{]|XX|YYYY-MM-DD|Brief |Not Started \| /;
/** `placeholderHint` without `[`: a file that never matches it hints a placeholder on exactly its lines holding `[`. */
export const placeholderHintBeyondBracket = /[@{]|XX|YYYY-MM-DD|Brief |Not Started \| /;
/** The texts `placeholderHintBeyondBracket` matches, one by one. */
export const placeholderHintBeyondBracketTexts: readonly string[] = ['@', '{', 'XX', 'YYYY-MM-DD', 'Brief ', 'Not Started | '];
/** Every ISO date holds `9-99-9`; `YYYY-MM-DD` is cut from the line before counting, which can join a date. */
export const isoDateHint = /\d-\d\d-\d|YYYY-MM-DD/;
/** The list-item placeholder pattern at the start of the line only: what its `^` can match on a line without breaks. */
export const descriptionItemStart = /^\s*[-*+]\s+(?:\[[ xX]\]\s+)?(?:\*\*)?(?:Goal|Objective|Deliverable|Criterion|Dependency|Metric|Task) \d/;

/** Marks a placeholder pattern that can only match a list item. */
export const listItemNeed = '\u0000list item';

/**
 * Placeholder patterns that mark template text. Each entry: the kind reported in reasons, its pattern, and a text
 * every match contains (or `listItemNeed`), checked first so the pattern runs only on lines that can match.
 * Bracket placeholders must not be links (`[Name](…)`) or checkboxes.
 */
export const placeholderPatterns: readonly (readonly [string, RegExp, string])[] = [
  ['YYYY-MM-DD', /YYYY-MM-DD/g, 'YYYY-MM-DD'],
  ['[Name]', /\[(?:Name|Title|Description|Date|Owner|Project Name|Feature Name|Task Name|Milestone Name|Your Name|Team|Link|URL|Placeholder|Insert [^\]]{1,30}|Issue-\d+)\](?!\()/g, '['],
  ['@username', /@username\b/g, '@username'],
  ['{{…}}', /\{\{\s*[A-Za-z_][\w .-]*\}\}/g, '{{'],
  ['TASK-XXX', /\bTASK-?X{2,}\b/g, 'XX'],
  ['Brief description', /\bBrief (?:description|statement)\b/g, 'Brief '],
  ['Description: …', /^\s*[-*+]\s+(?:\[[ xX]\]\s+)?(?:\*\*)?(?:Goal|Objective|Deliverable|Criterion|Dependency|Metric|Task) \d+(?:\*\*)?(?::\s*(?:Description|Target)\b|\s*$)/gm, listItemNeed],
  ['status legend', /Not Started \| In Progress \| (?:Blocked|Done|Complete)/g, 'Not Started | In Progress | '],
];
/** `placeholderPatterns` by column: the per-line loop reads them by index (no tuple destructuring per line). */
export const placeholderKindList = placeholderPatterns.map((entry) => entry[0]);
export const placeholderRegexList = placeholderPatterns.map((entry) => entry[1]);
export const placeholderNeedList = placeholderPatterns.map((entry) => entry[2]);

/** Whether a line is blank as `line.trim() === ''` reads it, without copying the line for the common ASCII case. */
export function isBlankLine(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const char = line.charCodeAt(index);
    if (char === 32 || char === 9) continue;
    if (char > 32 && char < 127) return false;
    return line.trim() === '';
  }
  return true;
}

/** How many times a global `pattern` matches in `line`. */
export function countMatches(line: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(line) !== null) n++;
  return n;
}

/**
 * The frontmatter as classification reads it: the block the parser reads (`findFrontmatterBlock`, read by the same
 * `readYamlBlock`), its top-level keys in lower case with their scalar values (a list or a map: ''; no value: ''). A
 * key naming a status or a priority in other words (`état`, `Current Status`, `ステータス`) is also given under
 * `status` or `priority`, which the rules read; `data` is the block as read (lists and maps too). A block that is not
 * valid YAML is read line by line (`readInvalidBlock`), as the parser reads it, which reports the error. `endLine` is the 1-based line closing
 * a block at the top of the file (0 for none or one after the H1: the scan reads the H1).
 */
export function readFrontmatter(lines: readonly string[]): { frontmatter: Record<string, string> | null; data: Record<string, FrontmatterValue> | null; endLine: number } {
  const block = findFrontmatterBlock(lines);
  if (block === null) return { frontmatter: null, data: null, endLine: 0 };
  const read = readYamlBlock(lines, block.open + 1, block.close);
  const data: Record<string, FrontmatterValue> = (read.error === null ? read.data : readInvalidBlock(lines, block.open + 1, block.close).data) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    const text = typeof value === 'string' ? value.trim() : '';
    out[key.toLowerCase()] ??= text;
    const role = readKeyRole(key);
    if ((role === 'status' || role === 'priority') && data[role] === undefined) out[role] ??= text;
  }
  return { frontmatter: out, data, endLine: block.placement === 'top' ? block.close + 1 : 0 };
}

/**
 * Whether text's last character other than ASCII spaces is beyond ASCII, where a closing mark can be (`- Ship it ✅`):
 * most lines end with a letter or a digit. Discovery's scanner and the outline walker both ask it before the pattern.
 */
export function endsBeyondAscii(text: string): boolean {
  let index = text.length - 1;
  while (index >= 0) {
    const char = text.charCodeAt(index);
    if (!(char === 32 || (char >= 9 && char <= 13))) return char > 127;
    index--;
  }
  return false;
}

/** A bold label and its colon, inside or after the bold (`**Completed:**`, `**Next Steps**:`), up to `max` characters. */
function boldLabelSource(max: number): string {
  return String.raw`(?:\*\*|__)[^*_\n]{1,${max}}?(?:[:：](?:\*\*|__)|(?:\*\*|__)[:：])\s*$`;
}

/** A bold label alone on its line (`**Completed:**`, `**Next Steps**:`): over a list, a heading in all but name. */
export const boldLabelLine = new RegExp(`^${boldLabelSource(60)}`, 'u');

/**
 * A bold label alone on an item's line grouping the items under it in a status section, as `boldLabelLine` but up to
 * 200 characters: it may hold a note in parentheses (`- **Finished recurring transactions (Recurring) in core:**`).
 */
export const groupLabelLine = new RegExp(`^${boldLabelSource(200)}`, 'u');

/**
 * A list item holding only a bold label (`- **Completed:**`, `*   **To-Do:**`): over a list of its own, a heading in
 * all but name too. Group 1 its indentation.
 */
export const boldLabelItemLine = new RegExp(String.raw`^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+${boldLabelSource(60)}`, 'u');

/**
 * A list item holding only a few plain words, a colon after them or not (`1. Done`, `- In progress:`, `1. 高优先级`):
 * over a list indented under it, a label as a bold one is. Group 1 its indentation, group 2 the words.
 */
export const plainLabelItemLine = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(\p{L}[\p{L}\p{M}\p{N}'’ /&-]{0,39}?)\s*[:：]?\s*$/u;

/**
 * A few words alone on a line of their own, at the margin, with at most a colon after them (`What's left`, `Next
 * steps:`, `À faire :`): over a list, and naming a status section, a heading written without its marks. Group 1 the
 * words.
 */
export const plainLabelLine = /^(\p{L}[\p{L}\p{M}\p{N}'’ /&-]{0,47}?)\s*[:：]?\s*$/u;

/**
 * A heading opening with a short item number and a separator (`B1. Retry deliveries`, `M7: Cluster tuning`, `F2 —
 * Exports`): under a ranked or status section, one item (the section reader reads it so; discovery counts it).
 */
export const numberedItemHeading = /^[A-Z]{1,3}\d{1,3}[a-z]?(?:[.:)]|\s[-–—])\s+\S/u;

/** A cross leading a list item (`- ❌ Record the demo`), the crosses the parser reads (`crossMarkChars`): group 1. */
export const crossItemPattern = new RegExp(`^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+([${crossMarkChars}])`, 'u');

/**
 * Whether a heading names a span of the schedule (`### This Week`, `## Today`, `## Current Sprint`, `### Next week`,
 * `## Diese Woche`, `## 本周`): what it lists is work planned for then, its crosses work not done, no don'ts. The
 * heading's words alone, without emphasis or marks around them.
 */
export function namesSchedule(heading: string | undefined): boolean {
  return heading !== undefined && scheduleHeading.test(heading.replace(scheduleEdges, ''));
}
const scheduleEdges = /^[\s*_`#\p{Extended_Pictographic}\uFE0F]+|[\s*_`:：\p{Extended_Pictographic}\uFE0F]+$/gu;
const scheduleHeading =
  /^(?:(?:this|next|last|current|upcoming|coming) (?:week|sprint|iteration|cycle|month)|today|tomorrow|this weekend|(?:diese|nächste|kommende) woche|heute|morgen|(?:aktueller|nächster) sprint|cette semaine|la semaine prochaine|aujourd'hui|demain|sprint (?:actuel|en cours)|esta semana|la próxima semana|hoy|mañana|sprint actual|(?:nesta|esta|próxima) semana|hoje|amanhã|на этой неделе|эта неделя|на следующей неделе|сегодня|завтра|текущий спринт|本周|下周|今天|明天|本次迭代|当前冲刺|今週|来週|今日|明日|이번 주|다음 주|오늘|내일|tuần này|tuần sau|hôm nay)$/iu;
