/**
 * Text helpers shared by the extractors: leading source ids, inline `(Status: …)` fields, status suffixes
 * (`Title - Not Started`), placeholders and title clean-up.
 */
import { collapseWhitespace, dropTrailingNote, findPercent, hasCjk, normaliseDate, readsAsStatus, stripInlineMarkdown, type Vocabulary } from '../vocabulary.js';
import { workStageWords, arrowChars, boldTermSource, fieldNames, checkboxLikeMarks, closingDashSource, colonSource, crossMarkChars, shareSource, doneMarkChars, dueWithoutColonSource, figureDateSource, writtenDateSource, dueWord, plannedForWordSource, headingStatusEmoji, shortcodeNameSource, stageWords, statusEmoji, statusLeadSource, summaryWords, testOutcomes, decisionStates, type KnownStatus } from '../vocabulary-data.js';
import type { TaskStatusValue } from '../../core/task-status.js';
import { openingMark } from '../mark-meanings.js';

/** Longest title kept; longer text is cut (the full text goes to the body). */
export const maxTitleLength = 200;

const codeId = String.raw`(?:[A-Z]{2,}[A-Z0-9]*-?\d+[A-Za-z]?|[A-Z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*[-_]\d+[A-Za-z]?)(?:[.-][0-9A-Za-z]+)*(?:\.\.[A-Z]*\d+)?`;
const wordId = String.raw`(?:(?:Task|ID|Subtask|Sub-task|Milestone|Story|Issue|Bug|Epic|Feature|Ticket|Aufgabe|Teilaufgabe|Tâche|Tarea|Задача|Подзадача)\s+#?\d+(?:\.\d+)*[a-z]?|(?:任务|任務|子任务|子任務|タスク|サブタスク|작업|과제)\s*#?\d+(?:\.\d+)*)`;
const bracketedIdPattern = new RegExp(String.raw`^\[(${codeId}|\d+(?:\.\d+)+)\]\s*(?:[-–—:·|]\s*)?`, 'u');
// A `#` before it is an issue's sign (`#BUG-032: Header times out`, `#TASK-005: …`), not part of the id.
const strictIdPattern = new RegExp(String.raw`^#?(${codeId})(?:\s*[:：|·–—]\s*|\s+[-–—]\s+|\s*$)`, 'u');
const looseIdPattern = new RegExp(String.raw`^#?(${codeId})(?:\s*[:：|·–—-]\s*|\s+|$)`, 'u');
// A full stop after it is a separator, not one before another level's number (`Task 1.1.2`).
const wordIdPattern = new RegExp(String.raw`^(${wordId})(?:\s*[:：)|·–—-]\s*|\s*\.(?!\d)\s*|\s*$)`, 'iu');
/**
 * A word naming the kind of work before a code id (`Ticket UI-001: Test the endpoints`, `Bug BUG-7 — Safari export`,
 * `Task TASK-003: …`): the id is the code, the word says what `Task 1` does by its number alone.
 */
const labelledIdWords = ['Task', 'Subtask', 'Story', 'Issue', 'Bug', 'Epic', 'Feature', 'Ticket', 'Aufgabe', 'Tâche', 'Tarea', 'Задача'].flatMap((word) => [word, word.toLowerCase(), word.toUpperCase()]);
const labelledCodeIdPattern = new RegExp(String.raw`^(?:${labelledIdWords.join('|')})\s+(${codeId})(?:\s*[:：|·–—]\s*|\s+[-–—]\s+|\s*$)`, 'u');
/** Spec Kit's task ids (`- [ ] T001 Create the project structure`): `T` and three or four digits, then a space. */
const specKitId = String.raw`T\d{3,4}`;
const specKitIdPattern = new RegExp(String.raw`^(${specKitId})\s+(?=\S)`, 'u');
const wholeSpecKitId = new RegExp(String.raw`^${specKitId}$`, 'u');
const templateIdPattern = /^(?:TASK|ID|PM|T)[-_]?X{2,}$/iu;
const anyDigit = /[0-9]/u;
/**
 * A standard's or a specification's number (`ERC-4626 Vault`, `RFC 7231 caching`, `ISO-8601 dates`, `PEP 8 cleanup`,
 * `CVE-2024-1234 patch`): the work it names, not a task's id.
 */
const standardName = /^(?:ERC|EIP|BIP|RFC|ISO|IEC|IEEE|PEP|CVE|CWE|WCAG|ECMA|FIPS|NIST|SHA|UTF)[-\s]?\d/u;
/**
 * An issue number or the task file's name opening an item, then a separator (`#1235 - Password hashing`, `001.md -
 * Session store`, as CCPM's epic lists its tasks): the number, with its `#`.
 */
const issueNumberPattern = /^(#\d+|\d+(?=\.md\b))(?:\.md)?(?:\s*[:：|·–—]\s*|\s+[-–—]\s+)(?=\S)/u;
/** The id patterns `splitLeadingId` tries, in order, per mode. */
const strictPatterns = [bracketedIdPattern, wordIdPattern, labelledCodeIdPattern, strictIdPattern, specKitIdPattern, issueNumberPattern] as const;
const loosePatterns = [bracketedIdPattern, wordIdPattern, labelledCodeIdPattern, looseIdPattern, specKitIdPattern, issueNumberPattern] as const;

/** Spec Kit's markers after a task id: `[P]` (can run in parallel) and the user story (`[US1]`). */
const specKitMarker = /^\[(P|US\d+)\]\s*/u;

/**
 * The labels Spec Kit writes after a task id (`T005 [P] [US1] Contract test for POST /albums`): `parallel` for `[P]`
 * and the story (`US1`), taken out of the title. Null when the text opens with neither.
 */
export function readSpecKitMarkers(text: string): { rest: string; labels: string[] } | null {
  if (text.charCodeAt(0) !== 0x5b) return null;
  const labels: string[] = [];
  let rest = text;
  for (let match = specKitMarker.exec(rest); match !== null && match[1] !== undefined; match = specKitMarker.exec(rest)) {
    labels.push(match[1] === 'P' ? 'parallel' : match[1]);
    rest = rest.slice(match[0].length);
  }
  return labels.length === 0 || rest === '' ? null : { rest, labels };
}

/** Whether an id is a Spec Kit task id (`T001`). */
export function isSpecKitId(id: string): boolean {
  return wholeSpecKitId.test(id);
}
const wholeCodeId = new RegExp(String.raw`^${codeId}$`, 'u');
const wholeWordId = new RegExp(String.raw`^${wordId}$`, 'iu');

/** A leading id and the rest of the text. */
export interface LeadingId {
  id: string | null;
  rest: string;
}


/**
 * Splits a source id off the start of a title: `[TASK004] - Title`, `PM-003: Title`, `TASK-003 — Title`,
 * `Task 36: Title`, `#1235 - Title`. `loose` also accepts an id followed only by a space (index lines, headings, id cells).
 */
export function splitLeadingId(text: string, mode: 'strict' | 'loose' = 'strict'): LeadingId {
  const trimmed = text.trim();
  // Every id pattern holds a digit: most titles have none and are ruled out with one scan.
  if (!anyDigit.test(trimmed)) return { id: null, rest: trimmed };
  for (const pattern of mode === 'loose' ? loosePatterns : strictPatterns) {
    const match = pattern.exec(trimmed);
    if (match !== null && match[1] !== undefined) {
      const id = match[1].replace(/\s+/gu, ' ');
      if (templateIdPattern.test(id) || standardName.test(id)) return { id: null, rest: trimmed };
      return { id, rest: trimmed.slice(match[0].length).trim() };
    }
  }
  // A note in parentheses between the id and its separator (`FIX-006 (14:51-14:57) - Rotate the gizmo`, a time logged):
  // the id's, the note kept after the title.
  const noted = idNoteBeforeSeparator.exec(trimmed);
  if (noted?.[1] !== undefined && noted[2] !== undefined) {
    const split = splitLeadingId(`${noted[1]} ${trimmed.slice(noted[0].length)}`, mode);
    if (split.id === noted[1] && split.rest !== '') return { id: split.id, rest: `${split.rest} ${noted[2]}` };
  }
  return { id: null, rest: trimmed };
}
/** An id-like word, then a note in parentheses, then a dash or a colon: groups 1 and 2. */
const idNoteBeforeSeparator = new RegExp(String.raw`^(${wordId}|[A-Za-z][\w.-]{0,30}\d)\s*([(（][^()（）]{1,40}[)）])\s*(?=[-–—:：]\s)`, 'iu');

/** A task id closing a title (letters, then digits): `TASK002`, `TASK-002`, `ALB-204`, `PROJ-API-12`. */
const closingIdSource = String.raw`([A-Z][A-Z0-9]*(?:-[A-Z]+)*-?\d{2,}[A-Za-z]?)`;
const pointerArrow = String.raw`(?:→|->|=>|⇒|➡\uFE0F?)`;
/** An id in brackets closing a title, as trackers append an issue key (`Offline album cache [ALB-204]`). */
const closingKeyPattern = new RegExp(String.raw`\s*\[${closingIdSource}\]\s*$`, 'u');
/** An id in parentheses or after an arrow closing a title (`(TASK002)`, `(see TASK002)`, `→ TASK-002`). */
const closingMentionPattern = new RegExp(
  String.raw`\s*(?:[(（]\s*(?:(?:[Ss]ee|[Cc]f\.?|${pointerArrow})\s*)?\[?${closingIdSource}\]?\s*[)）]|${pointerArrow}\s*(?:[Ss]ee\s+)?\[?${closingIdSource}\]?)\s*$`,
  'u',
);
const mayCloseWithKey = /\]\s*$/u;
const mayCloseWithMention = /[)）]\s*$|→|->|=>|⇒|➡/u;

/**
 * Whether a line opening with an id maps it to another id by an arrow (`TASK020 → TASK007 (Store the theme settings)`,
 * `TASK030 ⇒ TASK009`): a renumbering's note, not work.
 */
export function mapsIdToId(text: string): boolean {
  if (!idArrowChar.test(text)) return false;
  const id = splitLeadingId(text, 'loose').id;
  if (id === null) return false;
  const at = text.indexOf(id);
  if (at < 0 || at > 3) return false;
  const rest = text.slice(at + id.length);
  const arrow = idArrow.exec(rest);
  return arrow !== null && splitLeadingId(rest.slice(arrow[0].length), 'loose').id !== null;
}
/** An arrow pointing at another id, looked for first: most items have none. */
const idArrowChar = new RegExp(pointerArrow, 'u');
/** The arrow after an id, with the marks closing the id and opening the next (`` `TASK030` ⇒ `TASK009` ``). */
const idArrow = new RegExp(String.raw`^[\]\x60*_]*\s*${pointerArrow}\s*[[\x60*_]*`, 'u');

/** A title's closing id and the title before it. */
export interface ClosingId {
  id: string;
  rest: string;
}

/**
 * Splits an id in brackets off the end of a title (`Offline album cache [ALB-204]`): the item's own id, as a tracker's
 * issue key appended to it. Null when the title closes with none, or is no more than one.
 */
export function splitClosingKey(text: string): ClosingId | null {
  return mayCloseWithKey.test(text) ? readClosingId(closingKeyPattern, text) : null;
}

/**
 * The id a title closes with in parentheses or after an arrow (`Finish the offline mode (TASK002)`, `(see INC-031)`,
 * `Cache grows → TASK-002`), and the title before it. Such an id names a task as often as a document the work refers
 * to: merging decides which (the item is the named task when that task's title shares a word with it).
 */
export function readClosingMention(text: string): ClosingId | null {
  return mayCloseWithMention.test(text) ? readClosingId(closingMentionPattern, text) : null;
}

function readClosingId(pattern: RegExp, text: string): ClosingId | null {
  const match = pattern.exec(text);
  const id = match?.[1] ?? match?.[2];
  if (match === null || id === undefined || match.index === 0 || !isBankWideId(id)) return null;
  return { id, rest: text.slice(0, match.index).trim() };
}

/** A Markdown link to a Markdown file (`[Offline mode](tasks/offline-mode.md)`): group 1 its text, 2 its target. */
const fileLink = /\[([^\[\]]+)\]\((?!\w+:)<?([^()<>\s]+?\.(?:md|markdown|mdx))(?:#[^()\s]*)?>?(?:\s+"[^"]*")?\)/iu;

/**
 * The Markdown file a title links to (`[Offline mode](tasks/offline-mode.md) — catalogue cached`, `✅ [Push
 * notifications](./push.md)`): the link's target, when the title (`title`, as read) opens with the link's text; null
 * for a link inside the words (`Read [the notes](notes.md) first`) or to a web page.
 */
export function readLinkedFile(markdown: string, title: string): string | null {
  if (!markdown.includes('](')) return null;
  const link = fileLink.exec(markdown);
  const text = link?.[1] === undefined ? '' : stripInlineMarkdown(link[1]).trim();
  if (link?.[2] === undefined || text === '' || !title.startsWith(text)) return null;
  return link[2];
}

/** True when a whole cell or value is a source id (`PM-003`, `SESS-14b`, `1.2`, `3.3a`, `RESET`). */
export function readIdCell(text: string): string | null {
  const plain = dropIdBrackets(stripInlineMarkdown(text)).trim();
  if (plain === '' || plain.length > 40) return null;
  if (/^\d+(?:\.\d+)*[a-z]?\.?$/u.test(plain)) return plain.replace(/\.$/u, '');
  if (wholeCodeId.test(plain)) return plain;
  if (wholeWordId.test(plain)) return plain;
  if (/^[A-Z][A-Z0-9_-]{2,}$/u.test(plain)) return plain;
  return null;
}

/** True when an id names a task across the whole bank (letters and digits, no spaces: `TASK004`, `PM-003`). */
export function isBankWideId(id: string): boolean {
  return /[A-Za-z]/u.test(id) && /\d/u.test(id) && !/\s/u.test(id);
}

/** Canonical form of an id for comparisons (`[task004]`, `TASK004` and `TASK-004` match; `TASK-004.1` is `TASK004.1`). */
export function normaliseId(id: string): string {
  const upper = dropIdBrackets(id).trim().toUpperCase();
  return upper.includes('-') || upper.includes('_') ? upper.replace(/^([A-Z]{2,12})[-_](?=\d)/u, '$1') : upper;
}

/**
 * An id without one opening `[` and one closing `]` (as `id.replace(/^\[|\]$/gu, '')`), read from its first and last
 * characters: most ids have neither and come back as they are.
 */
export function dropIdBrackets(id: string): string {
  const start = id.charCodeAt(0) === 0x5b ? 1 : 0;
  const end = id.charCodeAt(id.length - 1) === 0x5d ? id.length - 1 : id.length;
  return start === 0 && end === id.length ? id : id.slice(start, end);
}

/** The arrows a title may open with: those setting off a status (`arrowChars`) and the one emoji writes (`➡️`). */
const leadingArrowChars = `${arrowChars}➡`;
/**
 * Separators opening a title, but not a dash run before a word (`--json output`, `-v alias`, as code spans write
 * flags), and arrows set before an item (`➡️ Steps for the user: …`).
 */
const leadingJunk = new RegExp(`^(?:[\\s–—:·|*]|-+(?![-\\p{L}\\p{N}])|[${leadingArrowChars}]\\uFE0F?)+`, 'u');
/** Separators a title may be left ending with: dashes, colons, bars, dots, and the arrows that set off a status (`→`, `->`). */
const trailingJunk = new RegExp(`(?:[\\s\\-–—:·|${arrowChars}]|[-=]>)+$`, 'u');
/** A GitHub shortcode opening or closing a title (`:rocket: Launch`, `Ship it :tada:`): its colons are its own. */
const leadingShortcode = new RegExp(`^:${shortcodeNameSource}:(?![\\p{L}\\p{N}_])`, 'u');
const trailingShortcode = new RegExp(`(?<![\\p{L}\\p{N}_:]):${shortcodeNameSource}:$`, 'u');

/** Collapses whitespace, drops dangling separators and emphasis leftovers; cuts very long titles. */
export function cleanTitle(text: string): string {
  return cleanStrippedTitle(stripInlineMarkdown(text));
}

/** `cleanTitle` of text whose inline Markdown is already stripped (`stripInlineMarkdown`). */
export function cleanStrippedTitle(stripped: string): string {
  return cleanCollapsedTitle(collapseWhitespace(stripped));
}

/** A character `leadingJunk` (`star`) or `trailingJunk` removes, other than whitespace. */
function isJunkChar(code: number, star: boolean): boolean {
  // - : | * · – —, and opening a title (`star`) the arrows of `leadingArrowChars`
  return (
    code === 0x2d || code === 0x3a || code === 0x7c || (star && code === 0x2a) || code === 0xb7 || code === 0x2013 || code === 0x2014 ||
    (star && code > 0x2000 && leadingArrowChars.includes(String.fromCharCode(code)))
  );
}

/** A character an arrow `trailingJunk` removes ends with: `>` (of `->`, `=>`) or one of `arrowChars`. */
function isArrowEnd(code: number): boolean {
  return code === 0x3e || (code > 0x2000 && arrowChars.includes(String.fromCharCode(code)));
}

/**
 * `cleanStrippedTitle` of text whose whitespace is already collapsed and trimmed (`collapseWhitespace`). Such text
 * has no whitespace at either end, so the junk patterns can only match when its first or last character is a
 * separator: most titles (a word at both ends) come back as they are without running either pattern.
 */
export function cleanCollapsedTitle(collapsed: string): string {
  const length = collapsed.length;
  const last = collapsed.charCodeAt(length - 1);
  if (length > 0 && length <= maxTitleLength && !isJunkChar(collapsed.charCodeAt(0), true) && !isJunkChar(last, false) && !isArrowEnd(last)) {
    return collapsed;
  }
  return cleanCollapsedTitlePlainly(collapsed);
}

/** `cleanCollapsedTitle` without its shortcut (the tests hold the shortcut to it). */
export function cleanCollapsedTitlePlainly(collapsed: string): string {
  // Each pass only when it has something to do.
  let title = collapsed;
  if (leadingJunk.test(title) && !leadingShortcode.test(title)) title = title.replace(leadingJunk, '');
  if (trailingJunk.test(title) && !trailingShortcode.test(title)) title = title.replace(trailingJunk, '');
  title = title.trim();
  if (title.length > maxTitleLength) title = `${title.slice(0, maxTitleLength - 1).trimEnd()}…`;
  return title;
}

/** A `key: value` pair found inline. */
export interface InlineField {
  name: string;
  value: string;
  /** A flag the vocabulary does not know (`(parallel: true)`): kept in `extra`, not the title. */
  flag?: true;
}

/** Inline fields and status found in a text, and the text without them. */
export interface InlineFields {
  fields: readonly InlineField[];
  /** A bare status written in parentheses or after a dash (`(ABGESCHLOSSEN)`, `- Not Started`, `(未开始)`). */
  status: string | null;
  rest: string;
  /** Text written after the inline fields (`(Status: done) ✅ released on Friday` → `released on Friday`), else null. */
  note: string | null;
}

/**
 * A share done closing a title (`Reports: 40% done`, `Export [30% complete]`; `bare`: also `Billing (75%)`, `Search —
 * 60%`): the share (0..1) and the title without it; null when none closes it. A percentage inside the words (`Raise
 * coverage to 80%`) is the title's, and so is a bare one where it may be a metric (`RAG API memory (94%)`).
 */
export function readClosingShare(text: string, bare: boolean): { share: number; rest: string } | null {
  const bar = readClosingBar(text);
  if (bar !== null) return bar;
  const match = closingShare.exec(text);
  const written = match?.[1] ?? match?.[2];
  if (match === null || written === undefined || match.index === 0) return null;
  if (!bare && !shareWord.test(match[0])) return null;
  const share = findPercent(written);
  return share === null ? null : { share, rest: text.slice(0, match.index).trim() };
}

/**
 * A progress bar closing a title (`Dark mode ▓▓▓░░ 60%`, `Search [████░░░░░░]`, `Sync engine [######----]`): the share
 * the percentage after it says, else its filled cells over all of them, and the title without it. Four cells at least,
 * filled and empty both drawn unless a percentage follows (a glyph named in the words, `Document the █ glyph`, is none);
 * `#`, `=` and `-` cells only in brackets.
 */
function readClosingBar(text: string): { share: number; rest: string } | null {
  const match = closingBar.exec(text);
  const cells = match?.[1] ?? match?.[2];
  if (match === null || cells === undefined || match.index === 0) return null;
  const filled = [...cells].filter((cell) => barFilled.includes(cell)).length;
  const total = [...cells].length;
  if (total < 4 || (match[3] === undefined && (filled === 0 || filled === total))) return null;
  const share = match[3] === undefined ? filled / total : findPercent(match[3]);
  const rest = text.slice(0, match.index).replace(/[\s\-–—:|]+$/u, '').trim();
  return share === null || rest === '' ? null : { share, rest };
}
const barFilled = '█▓▒■▰▮◼⣿#=';
const closingBar = new RegExp(
  `(?:^|\\s)\`?(?:\\[([#=\\-. _█▓▒░■□▰▱▮▯◼◻⣿⣀]{4,40})\\]|([█▓▒░■□▰▱▮▯◼◻⣿⣀]{4,40}))\`?(?:\\s*[(（]?\\s*(\\d{1,3}(?:[.,]\\d+)?\\s*%)\\s*[)）]?)?\\s*$`,
  'u',
);

const shareWords = '(?:done|complete|completed|finished|fertig|erledigt|abgeschlossen|terminé|fait|hecho|completado|完成|完了)';
const shareWord = new RegExp(shareWords, 'iu');
const closingShare = new RegExp(
  `(?:\\s*[(（\\[]\\s*(\\d{1,3}(?:[.,]\\d+)?\\s*%)(?:\\s*${shareWords})?\\s*[)）\\]]|\\s*(?:\\s[-–—|]|[:：])\\s*(\\d{1,3}(?:[.,]\\d+)?\\s*%)(?:\\s+${shareWords})?)\\s*$`,
  'iu',
);

const titleMarkClass = headingStatusEmoji.join('');
/** A status mark closing a title (a heading's, a table's title cell), with up to 24 characters of status words after it. */
export const closingTitleMark = new RegExp(`\\s*([${titleMarkClass}])\\uFE0F?\\s*([^${titleMarkClass}]{0,24})$`, 'u');
/** Markdown struck through whole (`~~Set up CI~~`: an item's, a heading's or a table cell's). */
export const struckThrough = /^~~(?!~)[^]*[^~]~~$/u;
/** A struck-through span (`~~Pending~~`), not across another's tildes. */
const struckSpan = /~~(?!~)[^~]+?~~/gu;

/**
 * A value corrected by striking the old one out (`~~Pending~~ Done`, `~~In progress~~ ✅ Complete`): the words not
 * struck, which are the value now (a status read, or a sample of the file's words for write-back). A value struck
 * whole (`~~In progress~~`, a row crossed off) stays as written.
 */
export function dropStruckWords(value: string): string {
  if (!value.includes('~~')) return value;
  const kept = value.replace(struckSpan, ' ').replace(/\s+/gu, ' ').trim();
  return kept === '' ? value : kept;
}

/** A status mark opening a title (`✅ User login`). */
export const openingTitleMark = new RegExp(`^([${titleMarkClass}])\\uFE0F?\\s*`, 'u');

/** A status mark written on a title: the mark, the status it states (with the status words after it), the title without it. */
export interface TitleMark {
  mark: string;
  status: string;
  rest: string;
  /**
   * A date alone after a mark closing the title (`M1 — Ingest ✅ (2026-06-02)`, `✅（2026-06-02）`, `🚧 — 2026-07-01`),
   * as written: no title, but when the work was done (`applyClosingDate`). Undefined without one.
   */
  date?: string;
}

/**
 * The status mark opening a title (`✅ User login`) or closing it, alone or before status words (`Upload 🚧`, `Sharing ⏳
 * Not started`); null when it carries none (or the mark is all there is).
 */
export function readTitleMark(text: string, vocabulary: Vocabulary): TitleMark | null {
  const lead = openingTitleMark.exec(text);
  if (lead?.[1] !== undefined) {
    const rest = text.slice(lead[0].length).trim();
    return rest === '' ? null : { mark: lead[1], status: lead[1], rest };
  }
  return readClosingTitleMark(text, vocabulary);
}

/** A short note in parentheses, alone (`(当前)`, `(Sprint 3)`), after a status mark closing a title. */
export const markNote = /^[(（][^()（）]{1,20}[)）]$/u;
/** A date alone after a status mark closing a title: bare, in brackets or after a dash (group 1 or 2, as written). */
export const markDate = new RegExp(String.raw`^(?:[(（\[]\s*(${writtenDateSource})\.?\s*[)）\]]|(?:[-–—]\s+)?(${writtenDateSource})\.?)$`, 'iu');

/** Status words and a short note in parentheses after them (`DONE (reflected)`): group 1 the words. */
const wordsWithNote = /^(\S[^()（）]*?)\s*[(（][^()（）]{1,20}[)）]$/u;

/** Text and the note after its closing mark, as written: a full-width bracket (`体验（当前）`) needs no space before it. */
function joinNote(text: string, note: string): string {
  return note.startsWith('（') ? `${text}${note}` : `${text} ${note}`;
}

/** The status mark closing a title, alone or before status words (`Upload 🚧`, `Sharing ⏳ Not started`), else null. */
export function readClosingTitleMark(text: string, vocabulary: Vocabulary): TitleMark | null {
  const trail = closingTitleMark.exec(text);
  if (trail === null) return readWordedTitleMark(text, vocabulary);
  if (trail[1] === undefined || trail.index === 0) return null;
  const words = (trail[2] ?? '').trim();
  const rest = text.slice(0, trail.index).trim();
  if (words !== '' && !isStatusValue(words, vocabulary)) {
    // A date after the mark (`## M1 — Ingest ✅ (2026-06-02)`, `✅（2026-06-02）`, `🚧 2026-07-01`): when the work was
    // done, or a day it was given; no title, so that ticking it keeps its key.
    const dated = markDate.exec(words);
    const date = dated?.[1] ?? dated?.[2];
    if (date !== undefined) return { mark: trail[1], status: trail[1], rest, date };
    // A note in parentheses after the mark (`### v0.2.0 ✅ (当前)`, `### Search ✅ (Sprint 3)`): the mark is the
    // status, the note stays in the title. After its status words (`### Subtask 2.9 – Build the service ✅ DONE
    // (reflected)`), the note is the status's, as one a status value holds is (`🚧 IN PROGRESS (Sprint 9)`).
    if (markNote.test(words)) return { mark: trail[1], status: trail[1], rest: joinNote(rest, words) };
    const noted = wordsWithNote.exec(words);
    return noted?.[1] !== undefined && isStatusValue(noted[1], vocabulary) ? { mark: trail[1], status: `${trail[1]} ${words}`, rest } : null;
  }
  return { mark: trail[1], status: words === '' ? trail[1] : `${trail[1]} ${words}`, rest };
}

/**
 * Another pictograph closing a title before a status in capitals (`### Phase 4: Mining 📋 PLANNED`, `📅 SCHEDULED`):
 * group 1 the pictograph, 2 the words.
 */
const closingWordedMark = /\s*(\p{Extended_Pictographic})\uFE0F?\s+(\p{Lu}[\p{Lu}\p{M}]*(?:[ _-]\p{Lu}[\p{Lu}\p{M}]*){0,2})$/u;

/**
 * A pictograph no mark of a status (`📋`, `📅`) closing a title before a status in capitals, which says it (`Phase 4:
 * Mining 📋 PLANNED`): the status, the title before it. Not a stage of the work (`🔬 REVIEW`), nor other words (`🔥 HOT`).
 */
function readWordedTitleMark(text: string, vocabulary: Vocabulary): TitleMark | null {
  const trail = /\p{Lu}$/u.test(text) ? closingWordedMark.exec(text) : null;
  const words = trail?.[2];
  if (trail?.[1] === undefined || words === undefined || trail.index === 0 || !isWhollyStatus(words, vocabulary) || isStageWord(words)) return null;
  return { mark: trail[1], status: `${trail[1]} ${words}`, rest: text.slice(0, trail.index).trim() };
}

/**
 * True when a short value is entirely a status (`Not Started`, `ABGESCHLOSSEN ✓`, `Completed on 2025-01-23`):
 * a status phrase covering at least half of its words, or only a status emoji.
 */
export function isStatusValue(value: string, vocabulary: Vocabulary): boolean {
  const plain = stripInlineMarkdown(value).trim();
  if (plain === '' || plain.length > 60 || /^[\d\s.,%/]+$/u.test(plain)) return false;
  const match = vocabulary.matchStatus(plain);
  return readsAsStatus(match);
}

/**
 * Whether a short value is a status and nothing more (`done`, `not started`, `*blocked*`): no number, and the
 * vocabulary's phrase covering it (`Merged, waiting for release` is not; `Done` is).
 */
export function isWhollyStatus(value: string, vocabulary: Vocabulary): boolean {
  return !/\d/u.test(value) && isStatusValue(value, vocabulary) && vocabulary.matchStatus(stripInlineMarkdown(value)).coverage >= 0.9;
}

/** A status phrase, then a note after a comma, a semicolon, a colon, a spaced dash or in parentheses: group 1 the phrase, 2 the note. */
const notedStatusPattern = /^([^,;，；:：()（）]{1,30}?)\s*(?:[,;，；:：]\s*|\s[-–—]\s+|(?=[(（]))(\S.*)$/u;

/**
 * A status closing an item followed by a note on it (`Merged, waiting for release`, `Done; verified on staging`,
 * `blocked (waiting on the sandbox)`, `in progress — Android first`, `blocked: waiting on IT`): the status and the note. Null when the phrase
 * before the note is not wholly a status (`isWhollyStatus`), or when the note holds no letter (a date: a dated status is
 * read as one).
 */
export function readNotedStatus(value: string, vocabulary: Vocabulary): { status: string; note: string } | null {
  const match = notedStatusPattern.exec(value.trim());
  const head = match?.[1]?.trim();
  const note = match?.[2]?.trim();
  if (head === undefined || note === undefined || head === '' || !/\p{L}/u.test(note) || !isWhollyStatus(head, vocabulary)) return null;
  // A list whose first word is a status word (`fixed, recursive, semantic`: the kinds of chunking) notes nothing.
  if (enumeration.test(value.trim())) return null;
  return { status: head, note: note.replace(/^[(（]([^()（）]*)[)）]$/u, '$1').trim() };
}

/** An id of capitals and words joined by dashes, no figure needed (`HOTFIX-CART`, `TASK-SMART-FORCE`), as a pattern's source. */
export const wordIdSource = String.raw`[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+`;
/** A short id of capitals and figures (`M15`, `FE3a` aside: `M7`, `BUG12`), as a pattern's source. */
export const shortIdSource = String.raw`[A-Z]{1,6}\d+[A-Z]?`;

/** An arrow closing a text, pointing at a status that followed it (`Create the controller ← ✅ Done`). */
export const arrowClosing = /\s*[←→⇐⇒⟵⟶]\s*$/u;

/** Three or more short items, a word or two each, set apart by commas (`fixed, recursive, semantic`). */
const enumeration = /^[^\s,，]+(?:\s[^\s,，]+)?(?:\s*[,，]\s*[^\s,，]+(?:\s[^\s,，]+)?){2,}$/u;

/** A title and the status closing it after a colon (`Rate limiting: not started`): group 1 the title, 2 the status. */
const colonSuffix = new RegExp(String.raw`^([^:：|]*?[\p{L}\p{N})\]])\s*${colonSource}([^:：|]{1,40})$`, 'u');

/**
 * The status a bullet states after a colon (`Rate limiting: not started`) and the title before it, or null: the part
 * after the colon must be a status phrase and nothing more (a note in parentheses aside), and the part before it must not be a
 * field's name (`Status: Done`) or a status word itself (`Done: the sowing calendar`).
 */
export function readColonStatus(text: string, vocabulary: Vocabulary): { status: string; rest: string; note: string | null } | null {
  if (!text.includes(':') && !text.includes('：')) return null;
  const match = colonSuffix.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  if (vocabulary.matchField(match[1]) !== null || readsAsStatus(vocabulary.matchStatus(match[1]))) return null;
  // A note in parentheses after the status (`blocked (waiting on the provider)`) goes to the body. The rest is a status
  // phrase and nothing more: not a share (`55% active`), not words around one (`Task completion logs`).
  const value = match[2].trim();
  const status = dropTrailingNote(value);
  // A mark and a word then a note after a comma (`✅ OK, CSS compiled`) reads as wholly a status by its mark: the note
  // is split off first, and kept.
  const split = /[,;，；]/u.test(status) ? readNotedStatus(value, vocabulary) : null;
  if (split !== null) return { status: split.status, rest: dropStatusKey(match[1], vocabulary), note: split.note };
  if (!isWhollyStatus(status, vocabulary)) {
    // A status with a note after a comma or a semicolon (`Receipt emails: done, verified on staging`).
    const noted = readNotedStatus(value, vocabulary);
    return noted === null ? null : { status: noted.status, rest: dropStatusKey(match[1], vocabulary), note: noted.note };
  }
  return { status, rest: dropStatusKey(match[1], vocabulary), note: status === value ? null : value.slice(status.length).trim() };
}

/**
 * A status closing a box's item (`inline.status`, as `readInlineFields` read it), weighed against the box (`boxStatus`,
 * what its mark says): one agreeing with the box leaves the title (`- [x] Ship it (done)`), one the box cannot say
 * refines it (`- [ ] Ship the docs — blocked`), unless a refining status was read before it (`refines`); one that
 * disagrees stays title (`- [x] Planning complete (PLAN)`: `reread`, the item's fields read without a bare status).
 */
export function weighBoxStatus(inline: InlineFields, boxStatus: TaskStatusValue | null, refines: string | null, vocabulary: Vocabulary, reread: () => InlineFields): { inline: InlineFields; refines: string | null } {
  if (inline.status === null) return { inline, refines };
  const refining = refines === null && refinesBoxWholly(inline.status, boxStatus, vocabulary);
  const agrees = vocabulary.matchStatus(inline.status).canonical === boxStatus;
  return { inline: agrees || refining ? { ...inline, status: null } : reread(), refines: refining ? inline.status : refines };
}

/**
 * A status closing a box's item after a colon (`- [ ] Invoice PDFs: blocked`, `- [x] Guest checkout: done`), weighed as
 * `weighBoxStatus` weighs one after a dash: the reading with it off the title and its note in `note`, and the status
 * when it refines the open box; null when there is none or it disagrees with the box (`- [x] Delivery slots: pending`).
 */
export function weighBoxColonStatus(inline: InlineFields, boxStatus: TaskStatusValue | null, vocabulary: Vocabulary): { inline: InlineFields; refines: string | null } | null {
  const colon = readColonStatus(inline.rest, vocabulary);
  if (colon === null) return null;
  const refining = refinesBoxWholly(colon.status, boxStatus, vocabulary);
  if (!refining && vocabulary.matchStatus(colon.status).canonical !== boxStatus) return null;
  return { inline: { ...inline, rest: colon.rest, note: colon.note ?? inline.note }, refines: refining ? colon.status : null };
}

/**
 * A status closing an item a status mark opens or closes (`- ❌ Bitcoin payments (dropped)`, `- ⏳ Receipt OCR —
 * blocked`), weighed against the mark's status as `weighBoxStatus` weighs one against a box's: one the mark cannot say
 * (cancelled beside any mark; in progress, blocked, planned or deferred beside an open one) refines it, off the title.
 * Any other stays the item's second status, reported if it disagrees.
 */
export function weighMarkStatus(inline: InlineFields, markStatus: TaskStatusValue | null, vocabulary: Vocabulary): { inline: InlineFields; refines: string | null } {
  if (inline.status === null || !refinesBoxWholly(inline.status, markStatus, vocabulary)) return { inline, refines: null };
  return { inline: { ...inline, status: null }, refines: inline.status };
}

/** `refinesBox` of a word holding no number: a share done (`75% done`) is the item's progress, the box its status. */
function refinesBoxWholly(word: string, boxStatus: TaskStatusValue | null, vocabulary: Vocabulary): boolean {
  return refinesBox(word, boxStatus, vocabulary) && !/\d/u.test(word);
}

/** A capitalised status field's name closing a title before its colon (`Set up monitoring. Status`): the title alone. */
const closingKey = /^(.*?\p{L}.*?)[\s.,;–—-]+(\p{Lu}\p{L}*(?: \p{L}+)?)$/u;

function dropStatusKey(title: string, vocabulary: Vocabulary): string {
  const named = closingKey.exec(title.trim());
  if (named?.[1] === undefined || named[2] === undefined || vocabulary.matchField(named[2]) !== 'status') return title.trim();
  return named[1].replace(/[\s.,;–—-]+$/u, '').trim();
}

/** A status mark opening an item (`- ✅ Set up CI`, `- 🚧 Import history`): group 1. */
export const openingItemMark = new RegExp(`^(${[...new Set([...Object.keys(statusEmoji), ...checkboxLikeMarks])].join('|')})\\uFE0F?\\s+`, 'u');
/** A checkbox-like mark closing an item (`- Implement the login ✅`, `- [ ] Add the tests ⏳`): group 1. */
export const closingItemMark = new RegExp(`\\s+(${checkboxLikeMarks.join('|')})\\uFE0F?$`, 'u');
/**
 * A cross closing an item (`- Tax reports ❌`), a mark as one leading it is in a list that tracks open work, or a group
 * after a note (`(Sprint 6 ❌)`): group 1.
 */
export const closingCross = new RegExp(`\\s+([${crossMarkChars}])\\uFE0F?$`, 'u');
/** A checkbox-like mark in brackets closing an item (`- Search API [🔄]`), read as a bracketed status is: group 1. */
export const bracketedItemMark = new RegExp(`\\s\\[(${checkboxLikeMarks.join('|')})\\uFE0F?\\]$`, 'u');
/** A share done after a checkbox-like mark or a cross closing an item (`… 🔄 60%`): group 1 the share; the match starts after the mark. */
const closingMarkShare = new RegExp(`(?<=\\s(?:${checkboxLikeMarks.join('|')}|[${crossMarkChars}])\\uFE0F?)\\s+(${shareSource})$`, 'u');

/**
 * A share done after a mark closing an item (`Alerts 🔄 60%`): the text without it (`Alerts 🔄`) and the share (null
 * above 100%); null when the text closes with none.
 */
export function readMarkedShare(text: string): { rest: string; share: number | null } | null {
  const match = text.endsWith('%') ? closingMarkShare.exec(text) : null;
  return match?.[1] === undefined ? null : { rest: text.slice(0, match.index), share: findPercent(match[1]) };
}

/** The text without a share done after a closing mark (`Alerts 🔄 60%` → `Alerts 🔄`). */
export function dropMarkedShare(text: string): string {
  return readMarkedShare(text)?.rest ?? text;
}

/** A status word leading an item or a line (`[WIP] …`, `DONE: …`, Logseq's `LATER …`): group 1 bracketed, group 2 in capitals. */
export const statusLead = new RegExp(`^${statusLeadSource}`, 'u');

/**
 * A status word in brackets or capitals opening a text (`[WIP] …`, `DONE: …`, `IN PROGRESS - …`): the word,
 * the text after it. A word that reads as no status (`NOTE: …`, `[API] …`) opens none.
 */
export function readStatusLead(text: string, vocabulary: Vocabulary): { word: string; rest: string } | null {
  const lead = statusLead.exec(text);
  const word = lead?.[1] ?? lead?.[2];
  if (lead === null || word === undefined || !isStatusValue(word, vocabulary)) return null;
  return { word: word.trim(), rest: text.slice(lead[0].length) };
}

/** A status word in parentheses or brackets opening a title, after its numbering or not, bold or not: groups 1 and 2. */
const parenthesisedLead = /^((?:\d+(?:\.\d+)*\.?\s+)?)(?:\*\*|__)?[(（[【]([^()（）[\]【】]{1,30})[)）\]】](?:\*\*|__)?\s+(?=\S)/u;

/**
 * A status word in parentheses opening a title, after its numbering (`3.3. (Completed) Create the tests`, `2. **(Hecho)**
 * Crear …`, `3.4. [Done] …`) or not (`(Completed) Create the tests`): the word, where it starts, and the title without
 * it (the numbering kept). Null when the words in them are no status (`(Optional) Dark mode`).
 */
export function readParenthesisedLead(text: string, vocabulary: Vocabulary): { word: string; offset: number; rest: string } | null {
  const found = parenthesisedLead.exec(text);
  const numbering = found?.[1];
  const word = found?.[2]?.trim();
  if (found === null || numbering === undefined || word === undefined || word === '' || !isStatusValue(word, vocabulary)) return null;
  return { word, offset: text.indexOf(word, numbering.length), rest: numbering + text.slice(found[0].length) };
}

/** Up to three words opening a title, then a colon or a spaced dash (`Completed: `, `In progress - `). */
const leadingWords = /^(\p{L}[\p{L}\p{M}\u200C\u200D'’]*(?:[ -]\p{L}[\p{L}\p{M}\u200C\u200D'’]*){0,2})\s*(?:[:：]|\s[-–—])\s*(?=\S)/u;

/** A status word opening a text before a colon or a spaced dash (`Completed: …`): the word, what it reads as, its length with the separator. */
export function readLeadingStatusWord(text: string, vocabulary: Vocabulary): { word: string; canonical: string; length: number } | null {
  const lead = leadingWords.exec(text);
  // Wholly a status: a stage of the work named with its kind is a label (`Stress Testing: broaden coverage`).
  if (lead?.[1] === undefined || !isWhollyStatus(lead[1], vocabulary)) return null;
  return { word: lead[1], canonical: vocabulary.matchStatus(lead[1]).canonical, length: lead[0].length };
}

/**
 * A status word restating, before the title, the status the item's box or mark already gives (`- [x] Done: Upload
 * resume`, `- ✅ Completed: CSV reader`, `- 🚧 In progress - Import history`): the word and the title after it. A word
 * that disagrees (`- [x] Planning: Upload resume`, `- [x] Pending: …`) is the author's remark, and stays (null).
 * Write-back changes the word with the box or mark (writeback/plan.ts), so the title stays.
 */
export function readRestatedStatus(text: string, status: string, vocabulary: Vocabulary): { word: string; rest: string } | null {
  const lead = readLeadingStatusWord(text, vocabulary);
  if (lead !== null) return lead.canonical === status ? { word: lead.word, rest: text.slice(lead.length) } : null;
  // In capitals it needs no colon (`- ✅ COMPLETED Infrastructure layer`, `✅ HOÀN THÀNH …`): up to three words.
  const capitals = capitalWordsOpening.exec(text);
  if (capitals?.[1] === undefined) return null;
  const words = capitals[1].split(/\s+/u);
  // The fewest words that are wholly the status (`HOÀN THÀNH`, not `HOÀN THÀNH DTO`).
  for (let take = 1; take <= words.length; take++) {
    const word = words.slice(0, take).join(' ');
    if (isWhollyStatus(word, vocabulary) && vocabulary.matchStatus(word).canonical === status) {
      const after = text.slice(text.indexOf(word) + word.length);
      // Not before a label of its own (`CURRENT PRIORITY: …`) or a note in parentheses (`RESOLVED (June 9): …`).
      if (/^\s*(?:\p{Lu}[\p{Lu}\p{M}]*[:：]|[(（])/u.test(after)) return null;
      return { word, rest: after.replace(/^\s*(?:[:：]|[-–—](?=\s))?\s*/u, '') };
    }
  }
  return null;
}
/** Up to three words in capitals opening a text, more text after them: group 1. */
const capitalWordsOpening = /^(\p{Lu}[\p{Lu}\p{M}]+(?:\s+\p{Lu}[\p{Lu}\p{M}]+){0,2})(?=\s+\S)/u;

/** What an item states about its status before its title (see `readOpeningStatus`). */
export interface OpeningStatus {
  /** The status mark opening it (`✅`), when it has no checkbox. */
  mark: string | null;
  /** The status value written with the mark: the mark and the word restating it (`⏳ Pending`), else the mark. */
  markValue: string | null;
  /** A status word in brackets or capitals opening it (`[WIP]`, `DONE:`), when it has neither checkbox nor mark. */
  lead: string | null;
  /**
   * A status refining an open box, as written (`🔄`, `WIP`, `In progress`): its canonical status is one the box cannot
   * say (in progress, blocked, planned, deferred). Null otherwise.
   */
  refines: string | null;
  /** The text after them. */
  rest: string;
}

/** Statuses a word or mark after an open box says more precisely than the box (`- [ ] 🔄 …`, `- [ ] [WIP] …`). */
export const refiningStatuses: ReadonlySet<string> = new Set(['in_progress', 'blocked', 'planned', 'deferred']);

/**
 * Whether a word or mark says a status the open box cannot (`🔄`, `WIP`, `Blocked`), and not the kind of work a stage
 * word names (`Design`, `QA`, `review`).
 */
export function refinesOpenBox(word: string, vocabulary: Vocabulary): boolean {
  return refiningStatuses.has(vocabulary.matchStatus(word).canonical) && !isStageWord(word);
}

/**
 * Whether a status beside a box whose mark says `boxStatus` is the item's own: one the open box cannot say, or cancelled
 * beside a box of any mark (`- [ ] Publish the installer — cancelled`, `- [x] Support IE 11 (cancelled)`, `- [x]
 * CANCELLED: Print the flyers`, `- [-] ~~Excel 97 files~~ (dropped)`): neither box says the work was dropped, and
 * people tick such items as often as they leave them open.
 */
export function refinesBox(word: string, boxStatus: TaskStatusValue | null, vocabulary: Vocabulary): boolean {
  const canonical = vocabulary.matchStatus(word).canonical;
  return boxCannotSay(canonical, boxStatus) && (canonical === 'cancelled' || !isStageWord(word));
}

/** Whether a box whose mark says `boxStatus` cannot say `canonical`, which a word beside it then says for the item. */
export function boxCannotSay(canonical: TaskStatusValue, boxStatus: TaskStatusValue | null): boolean {
  if (boxStatus === null || boxStatus === 'cancelled' || boxStatus === 'unknown') return false;
  return (boxStatus === 'todo' && refiningStatuses.has(canonical)) || canonical === 'cancelled';
}

/**
 * What an item states about its status before its title, in the order it is written: a status mark (`- ✅ Set up CI`),
 * else a status word in brackets or capitals (`- DONE: Set up CI`, `- [WIP] …`); then a word restating its box or mark
 * (`- [x] Done: …`, `- ✅ Completed: …`, see `readRestatedStatus`). `checkbox`: the item's box mark, null without one;
 * `meaningOf`: what the file says an indicator mark means (`ExtractorContext.markMeanings`), asked only of one opening
 * the item or following its open box.
 */
export function readOpeningStatus(text: string, checkbox: string | null, vocabulary: Vocabulary, meaningOf?: (mark: string) => KnownStatus | undefined): OpeningStatus {
  let rest = text;
  let own = checkbox === null ? openingItemMark.exec(rest) : null;
  // An indicator mark the file explains (`- 🟡 Move the cron jobs` beside a legend `🟡 in progress`), or any mark its
  // legend explains (`- ⚠️ Migrate the list` beside `- ⚠️ In Progress` under `## Status Legend`), opens it as a status
  // mark does; one it does not explain says nothing the parser can read, and stays in the title.
  const indicator = checkbox === null && own === null && meaningOf !== undefined ? openingMark.exec(rest) : null;
  const meant = indicator?.[1] === undefined ? undefined : meaningOf?.(indicator[1]);
  if (meant !== undefined) own = indicator;
  if (own !== null) rest = rest.slice(own[0].length);
  const statusWord = checkbox === null && own === null ? readStatusLead(rest, vocabulary) : null;
  const lead = statusWord?.word ?? null;
  if (statusWord !== null) rest = statusWord.rest;
  const stated = checkbox !== null ? vocabulary.matchCheckbox(checkbox) : own?.[1] === undefined ? null : (meant ?? meaningOf?.(own[1]) ?? vocabulary.matchStatus(own[1]).canonical);
  const restated = stated === null ? null : readRestatedStatus(rest, stated, vocabulary);
  if (restated !== null) rest = restated.rest;
  // A status word in brackets restating the box (`- [x] [DONE] Ship it`, `- [ ] 【待办】文档翻译`): not title either.
  const boxed = checkbox !== null && stated !== null && restated === null ? readStatusLead(rest, vocabulary) : null;
  const boxedStatus = boxed === null ? null : vocabulary.matchStatus(boxed.word).canonical;
  if (boxed !== null && boxedStatus === stated) rest = boxed.rest;
  // In parentheses, after the title's numbering or not (`- [x] 3.3. (Completed) Create the tests`): not title either.
  const parenthesised = checkbox !== null && stated !== null && restated === null && boxed === null ? readParenthesisedLead(rest, vocabulary) : null;
  if (parenthesised !== null && vocabulary.matchStatus(parenthesised.word).canonical === stated) rest = parenthesised.rest;
  // So is a status mark restating it (`- [x] ✅ Fixed the schema mismatch`, `- [ ] ⏳ Write the docs`).
  const again = checkbox !== null && stated !== null && restated === null && boxedStatus !== stated ? openingItemMark.exec(rest) : null;
  if (again?.[1] !== undefined && rest.length > again[0].length && vocabulary.matchStatus(again[1]).canonical === stated) rest = rest.slice(again[0].length);
  // A status the open box cannot say, written after it (`- [ ] 🔄 Build the exporter`, `- [ ] [WIP] Tag the release`,
  // `- [ ] Blocked: Renew the certificate`, `- [ ] 【进行中】权限管理`): the item's status, not title. Write-back
  // changes or drops it with the box (writeback/plan.ts). So does cancelled, after a box of any mark (`- [x] CANCELLED:
  // Print the flyers`). One saying done disagrees with the open box, anything else with a ticked one: title.
  // A stage word names the kind of work (`- [ ] Design: Draw the mockups`, `- [ ] QA - Check the forms`): title.
  let refines: string | null = null;
  if (stated !== null && checkbox !== null && restated === null && boxedStatus !== stated) {
    const mark = openingItemMark.exec(rest);
    const word = mark === null && boxed === null ? readLeadingStatusWord(rest, vocabulary) : null;
    if (mark?.[1] !== undefined && refinesBox(mark[1], stated, vocabulary)) {
      refines = mark[1];
      rest = rest.slice(mark[0].length);
    } else if (boxed !== null && refinesBox(boxed.word, stated, vocabulary)) {
      refines = boxed.word;
      rest = boxed.rest;
    } else if (word !== null && refinesBox(word.word, stated, vocabulary)) {
      refines = word.word;
      rest = rest.slice(word.length);
    } else if (mark === null && meaningOf !== undefined) {
      // An indicator mark the file explains as such a status (`- [ ] 🟨 Review the wording` beside `🟨 in progress`), or
      // a mark its legend explains so (`- [ ] ⚠️ Migrate the list` beside `- ⚠️ In Progress`).
      const found = openingMark.exec(rest);
      const meaning = found?.[1] === undefined ? undefined : meaningOf(found[1]);
      if (found?.[1] !== undefined && meaning !== undefined && boxCannotSay(meaning, stated)) {
        refines = found[1];
        rest = rest.slice(found[0].length);
      }
    }
  }
  const mark = own?.[1] ?? null;
  return { mark, markValue: own === null ? null : restated === null ? mark : own[0] + restated.word, lead, refines, rest };
}

/** One character of a group's inside, or a call's brackets in it (`resetModel()` of `（resetModel()として実装）`). */
export const groupInsideSource = String.raw`(?:[^()（）]|\([^()（）]{0,60}\))`;
/** A group closing a text, which may hold a call's brackets (`（resetModel()として実装）`): group 1 its inside. */
const inlineGroupPattern = new RegExp(String.raw`[(（](${groupInsideSource}{1,160})[)）]\s*$`, 'u');
/** Words ending as a sentence does, with a full stop (two words at least; not an ellipsis): a group after it is a remark. */
const sentenceEnded = /\S\s+\S[^]*[^.\s]\.\s*$/u;
const notedGroupPattern = /[(（]([^()（）]{1,160})[)）]((?:\s*[\p{Extended_Pictographic}\uFE0F\u200D])*(?:\s*[-–—:·|]?\s+[^()（）]{1,120})?)$/u;
const fieldPairPattern = /^([^:：,，;；]{1,30}?)\s*[:：]\s*(.+)$/u;
/** The name a mention writes after its `@` (`dana`, `ola.b`). */
const mentionNameSource = String.raw`[\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_.-]*`;
/** A mention of someone, as owners are written (`@dana`). */
const mentionSource = `@${mentionNameSource}`;
/** Mentions written together (`@luis, @mira and @sam`, `@ola & @ines`). */
const mentionRunSource = String.raw`${mentionSource}(?:\s*(?:[,&]|\band\b)\s*${mentionSource})*`;
/** A mention standing alone in a group of fields (`(@mira, due 2025-05-01)`): its `@`, read as `owner: `. */
const groupMention = new RegExp(`^@(?=${mentionNameSource}$)`, 'u');
/** A date field written without its colon inside a group of fields (`(owner: Bo, due 2025-06-03)`). */
const datePairPattern = /^(due|deadline|start|started|created|updated|completed|done)\s+(\d{4}-\d{2}-\d{2})$/iu;
/** A keyed field closing a line after a dash or a bar (` — due: 2025-06-01`, ` | priority: high`): name, value. */
const trailingKeyedField = /\s+[-–—|]\s+([\p{L}][\p{L}\p{M}\u200C\u200D ]{0,28}?)\s*[:：]\s*([^|–—:：]{1,60}?)\s*\|?$/u;

/** A flag of a group: one word (`parallel`, `depends_on`) and a yes or no. */
const flagName = /^\s*\p{L}[\p{L}\p{M}\u200C\u200D\d_-]{0,29}\s*$/u;
const flagValue = /^\s*(?:true|false|yes|no)\s*$/iu;

/** A field pair of a group: `name: value`, or a date field without its colon. */
function readFieldPair(part: string): RegExpExecArray | null {
  return fieldPairPattern.exec(part) ?? datePairPattern.exec(part);
}

/** Fields whose value is a list, which a group may write after the colon with its commas (`Requirements: 1.2, 3.1`). */
const listFields: ReadonlySet<string> = new Set(['requirements', 'criteria', 'dependencies', 'tags']);

/**
 * The pairs of a group (`owner: Bo, due 2025-06-03` → two), a null for a part that is none; one pair when a list
 * field's value runs on after its colon (`Requirements: 1.2, 3.1`, BMAD's `AC: 1, 3`).
 */
function readGroupPairs(inner: string, vocabulary: Vocabulary): (RegExpExecArray | null)[] {
  // A mention among the fields is the owner (`(@mira, due 2025-05-01)`); a comma before a year is a date's (`(due:
  // September 24, 2025)`).
  const pairs = inner.split(/\s*[,，;；](?!\s*\d{4}\b)\s*/u).map((part) => readFieldPair(part.trim().replace(groupMention, 'owner: ')));
  const first = pairs[0];
  if (pairs.length < 2 || first === null || first === undefined || pairs.some((pair, index) => index > 0 && pair !== null)) return pairs;
  if (!listFields.has(vocabulary.matchField(first[1] ?? '') ?? '')) return pairs;
  return [fieldPairPattern.exec(inner.trim())];
}

/**
 * Reads trailing inline metadata: `(Status: in-progress)`, `(负责人: 张三, 完成日期: 2023-10-15)`, `(未开始)`,
 * `(ABGESCHLOSSEN)`, and a trailing ` - Not Started` / ` — COMPLÈTE ✅` status. Unknown keys stay in the text.
 */
export function readInlineFields(text: string, vocabulary: Vocabulary, options?: { bareStatus?: boolean }): InlineFields {
  const bareStatus = options?.bareStatus ?? true;
  const trimmed = text.trim();
  // Most titles have no parenthesis and no dash: nothing to read, and nothing made but the answer.
  const group = trimmed.includes('(') || trimmed.includes('（');
  // A keyed field closing the line follows a dash or a bar (` — due: …`, ` | priority: …`): looked for only then.
  const keyed = (trimmed.includes(':') || trimmed.includes('：')) && (hasDash(trimmed) || trimmed.includes('|'));
  if (!group && !keyed && !(bareStatus && (hasDash(trimmed) || hasDoneMark(trimmed) || trimmed.endsWith(']')))) return { fields: noFields, status: null, rest: trimmed, note: null };
  const read = group ? readGroupFields(trimmed, vocabulary, bareStatus) : readStatusSuffix(trimmed, noFields, null, vocabulary, bareStatus);
  return keyed ? readTrailingKeyedFields(read, vocabulary) : read;
}

/**
 * Keyed fields closing a line after a dash or a bar (`Fix the upload test — due: 2025-06-01`, `Ship v2 | priority:
 * high | due: 2025-07-01`), read off the end while each names a field the vocabulary knows; a status field only when
 * its value reads as one. Taken out of the title, as fields in parentheses are.
 */
function readTrailingKeyedFields(read: InlineFields, vocabulary: Vocabulary): InlineFields {
  let { rest, status } = read;
  const fields: InlineField[] = [];
  for (let guard = 0; guard < 4; guard++) {
    const match = trailingKeyedField.exec(rest);
    if (match === null || match.index === 0 || match[1] === undefined || match[2] === undefined) break;
    const kind = vocabulary.matchField(match[1]);
    if (kind === null) break;
    if (kind === 'status') {
      if (status !== null || !isStatusValue(match[2], vocabulary)) break;
      status = match[2].trim();
    } else fields.unshift({ name: match[1].trim(), value: match[2].trim() });
    rest = rest.slice(0, match.index).trim();
  }
  return rest === read.rest ? read : { ...read, fields: [...read.fields, ...fields], status, rest };
}

/** A key written in bold with its colon (`**Status:**`, `__Owner__:`): group 2 the key. */
const boldKey = /(\*\*|__)([\p{L}][\p{L}\p{M}\u200C\u200D ]{0,28}?)\s*(?:[:：]\s*\1|\1\s*[:：])/gu;

/**
 * Keyed fields closing an item after its title, their keys in bold and nothing else setting them off (`Implement the
 * auth flow **Status:** Done`, `Tune the cache **Priority:** High **Status:** Blocked`, `Book the room. **Owner:**
 * Dana`): the title (the plain text before the first key, a closing `.`, `,`, `;` or dash dropped) and the fields, each
 * value running to the next key. Every key must name a field the vocabulary knows, a status field's value must read as
 * a status, and a title must come first (`**Build:** Passed.` opening an item defines); else null. `text` is the item's
 * plain text, `markdown` the same as written.
 */
export function readBoldKeyedFields(text: string, markdown: string, vocabulary: Vocabulary): { fields: InlineField[]; rest: string } | null {
  if (!(markdown.includes('**') || markdown.includes('__')) || !(text.includes(':') || text.includes('：'))) return null;
  const keys: string[] = [];
  for (const match of markdown.matchAll(boldKey)) {
    const key = match[2]?.trim() ?? '';
    if (match.index === 0 || markdown.slice(0, match.index).trim() === '' || vocabulary.matchField(key) === null) return null;
    keys.push(key);
  }
  if (keys.length === 0) return null;
  // A key is letters and spaces (`boldKey`): written into the pattern as it is.
  const values = keys.map((key, index) => `${index === 0 ? '' : '\\s+'}${key}\\s*[:：]\\s*(.+?)`).join('');
  const split = new RegExp(`^(.*\\S)\\s+${values}\\s*$`, 'u').exec(text);
  if (split === null) return null;
  const rest = (split[1] ?? '').replace(/[\s.,;，；|–—-]+$/u, '').trim();
  if (rest === '') return null;
  const fields: InlineField[] = [];
  for (const [index, key] of keys.entries()) {
    const value = (split[index + 2] ?? '').trim();
    if (value === '' || value.length > 60) return null;
    if (vocabulary.matchField(key) === 'status' && !isStatusValue(value, vocabulary)) return null;
    fields.push({ name: key, value });
  }
  return { fields, rest };
}

/**
 * Fields written as code spans closing an item (`- [ ] **#101: Add CSV export** \`Priority: High\` \`Status: Backlog\`
 * \`Type: Feature\``): each span a field, the item's as a bold key's is, out of the title; `text` the item's text (its
 * code marks gone), `markdown` as written. Null unless every span closing it is one `name: value` and one name at least
 * is a field the vocabulary knows (`Priority`, `Status`); a status field must hold a status. Others (`Type`) go to `extra`.
 */
export function readCodeKeyedFields(text: string, markdown: string, vocabulary: Vocabulary): { fields: InlineField[]; rest: string } | null {
  // Most items close with neither a code span nor a bracket, or hold no colon: no pattern to run.
  const end = markdown.trimEnd();
  const last = end.charCodeAt(end.length - 1);
  const tail = (last === 0x60 || last === 0x29) && end.includes('`') && (end.includes(':') || end.includes('：')) ? closingCodeFields.exec(end) : null;
  if (tail?.[1] === undefined) return null;
  const fields: InlineField[] = [];
  let known = false;
  for (const span of tail[1].matchAll(codeField)) {
    const name = (span[1] ?? '').trim();
    const value = (span[2] ?? '').trim();
    if (name === '' || value === '') return null;
    const kind = vocabulary.matchField(name);
    if (kind === 'status' && !isStatusValue(value, vocabulary)) return null;
    known ||= kind !== null;
    fields.push({ name, value });
  }
  if (!known) return null;
  // The spans as the item's text holds them, their code marks gone, and a note in parentheses after them (`(2025-06-24)`),
  // which stays the item's text to be read as such a note is.
  const plain = tail[1].replace(/`/gu, '').trim();
  const after = tail[2]?.trim() ?? '';
  const closing = after === '' ? plain : `${plain} ${after}`;
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith(closing)) return null;
  const rest = trimmed.slice(0, -closing.length).replace(/[\s.,;，；|–—-]+$/u, '').trim();
  return rest === '' ? null : { fields, rest: after === '' ? rest : `${rest} ${after}` };
}
/** One code span holding a field (`\`Priority: High\``): groups 1 and 2. */
const codeField = /`([\p{L}][\p{L} _-]{0,29}?)\s*[:：]\s*([^`]{1,60})`/gu;
/** Code spans of fields closing an item, spaces between them (group 1), and a note in parentheses after them (group 2). */
const closingCodeFields = /((?:\s*`[\p{L}][\p{L} _-]{0,29}?\s*[:：]\s*[^`]{1,60}`)+)(\s+\([^()`]{1,40}\))?$/u;

/** An empty field list shared by the answers that found none (never written to). */
const noFields: readonly InlineField[] = Object.freeze([]);

/** Whether text holds a done mark a completion suffix (` ✅ Completed`) is written after. */
function hasDoneMark(text: string): boolean {
  return doneMark.test(text);
}

/** Whether text holds a dash a status suffix (` - Not Started`) is written after. */
function hasDash(text: string): boolean {
  return text.includes('-') || text.includes('–') || text.includes('—') || hasArrow(text);
}

/** Whether text holds an arrow that may set off a closing status as a dash does (`closingDashSource`). */
function hasArrow(text: string): boolean {
  return text.includes('>') || arrowChar.test(text);
}

const arrowChar = new RegExp(`[${arrowChars}]`, 'u');

/** `readInlineFields` of trimmed text with a parenthesis in it. */
/** Pictographs opening a text, with their variation selectors and the space after them, before what follows. */
export const leadingPictographs = /^(?:\p{Extended_Pictographic}\uFE0F?\s*)+(?=\S)/u;

/** A dash with a space on each side (` - `, ` — `), as a note and a status are set apart in a group. */
const spacedDash = /\s[-–—]\s/u;
/** A note of one to three words before a mark closing a group (`Previous`, `Sprint 2`, `v1`): letters in it, no other mark. */
const markNotePattern = /^(?=[^\s]*\p{L})[\p{L}\p{N}][\p{L}\p{N}.'’-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}.'’-]*){0,2}$/u;

function readGroupFields(trimmed: string, vocabulary: Vocabulary, bareStatus: boolean): InlineFields {
  let rest = trimmed;
  const fields: InlineField[] = [];
  let status: string | null = null;
  let note: string | null = null;
  // A keyed group followed by a remark (`(Status: completed) ✅`, `(Status: in progress) - waiting on x`).
  const noted = notedGroupPattern.exec(rest);
  if (noted?.[1] !== undefined && noted[2] !== undefined && inlineGroupPattern.exec(rest) === null) {
    const pairs = readGroupPairs(noted[1], vocabulary);
    if (pairs.length > 0 && pairs.every((pair) => pair !== null && vocabulary.matchField(pair[1] ?? '') !== null)) {
      for (const pair of pairs) if (pair?.[1] !== undefined && pair[2] !== undefined) fields.push({ name: pair[1].trim(), value: pair[2].trim() });
      const tail = noted[2].replace(/^[\s\-–—:·|]+/u, '').trim();
      const emojiOnly = tail.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '').trim();
      // A status after the group (`(owner: Dana) — in progress`, `(due 2025-06-01) - blocked`) is the item's; other words
      // are a remark.
      const statusField = fields.some((field) => vocabulary.matchField(field.name) === 'status');
      if (tail !== '' && !statusField && (emojiOnly === '' || (bareStatus && isStatusValue(tail, vocabulary)))) status = tail;
      else if (emojiOnly !== '') note = tail;
      rest = rest.slice(0, noted.index).trim();
    }
  }
  for (let guard = 0; guard < 3; guard++) {
    const group = inlineGroupPattern.exec(rest);
    if (group === null || group[1] === undefined) break;
    const inner = group[1].trim();
    const pairs = readGroupPairs(inner, vocabulary);
    if (pairs.length > 0 && pairs.every((pair) => pair !== null && vocabulary.matchField(pair[1] ?? '') !== null)) {
      for (const pair of pairs) if (pair?.[1] !== undefined && pair[2] !== undefined) fields.push({ name: pair[1].trim(), value: pair[2].trim() });
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // Flags closing an item (`(parallel: true)`, `(blocking: no, optional: yes)`): a yes or no is never title text.
    if (pairs.length > 0 && pairs.every((pair) => pair !== null && flagName.test(pair[1] ?? '') && flagValue.test(pair[2] ?? ''))) {
      for (const pair of pairs) if (pair?.[1] !== undefined && pair[2] !== undefined) fields.push({ name: pair[1].trim(), value: pair[2].trim(), flag: true });
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A dated status (`(completed 2025-03-01)`): the status, and the date it was reached.
    const dated = bareStatus && status === null ? readDatedStatus(inner, vocabulary) : null;
    if (dated !== null) {
      status = dated.status;
      fields.push(dated.field);
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A status after a spaced dash with a note in parentheses after it (`Zebra printing — blocked (driver missing)`):
    // the status the dash gives, the group its note.
    const dashed = bareStatus && status === null && note === null ? readDashedStatus(rest.slice(0, group.index), vocabulary) : null;
    if (dashed !== null) {
      return { fields, status: dashed.status, rest: dashed.rest, note: dashed.note === '' ? inner : `${dashed.note} (${inner})` };
    }
    // So does a status after a done mark (`Auth tests ✅ COMPLETED (manual testing)`): the status, the group its note.
    const marked = bareStatus && status === null && note === null && fields.length === 0 ? readCompletionSuffix(rest.slice(0, group.index), vocabulary) : null;
    if (marked !== null && marked.field === null && marked.index > 0 && /\p{L}/u.test(marked.status) && /\p{L}/u.test(inner) && readNotedStatus(inner, vocabulary) === null) {
      // An arrow pointing at it (`Add the reset method ← ✅ 完了（…）`) sets it off, as a dash does.
      return { fields, status: marked.status, rest: rest.slice(0, marked.index).replace(arrowClosing, '').trim(), note: inner };
    }
    // A status and the share done after it (`(in progress - 45%)`, `(In Progress, 60%)`, `（进行中 - 45%）`): the status, the
    // share its progress, as a share closing the item is.
    const shared = bareStatus && status === null && note === null ? readSharedStatus(inner, vocabulary) : null;
    if (shared !== null) {
      status = shared.status;
      fields.push({ name: 'progress', value: shared.share });
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A status with a note in the group (`(blocked — waiting on IT)`, `(done, behind a flag)`): read before the whole
    // group, whose words together may say another status (`waiting`).
    const noted = bareStatus && status === null && note === null ? readNotedStatus(inner, vocabulary) : null;
    if (noted !== null) {
      status = noted.status;
      note = noted.note;
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A note, then its status after a spaced dash (`(per contest - DONE)`, `(por concurso - BACKEND COMPLETADO
    // 2026-05-25)`): the status and its date, the words before the dash its note.
    // Not a stage word after words that are a status (`(100% Complete - NEW)`), nor a change (`(0% → 90%+)`).
    const trailing = bareStatus && status === null && note === null && spacedDash.test(inner) ? readStatusSuffix(inner, noFields, null, vocabulary, true) : null;
    // A share done before it is its note (`(40% complete - deferred)`), as words are.
    if (trailing !== null && trailing.status !== null && trailing.rest !== '' && trailing.note === null && !isStageWord(trailing.status) && (!isStatusValue(trailing.rest, vocabulary) || leadingShare.test(trailing.rest))) {
      status = trailing.status;
      note = trailing.rest;
      fields.push(...trailing.fields);
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A note of a few words, then a mark closing the group (`(Previous ✅)`, `(Anterior ✅)`, `(backend 🔄)`): the mark
    // its status, the words its note. Words that are a status themselves (`(Completado ✅)`) are read with the mark, below.
    // A cross so (`(Sprint 6 ❌)`) is one too, as a cross closing a heading is.
    const notedMark = bareStatus && status === null && note === null ? (closingItemMark.exec(inner) ?? closingCross.exec(inner)) : null;
    const markNoteWords = notedMark === null ? '' : inner.slice(0, notedMark.index).trim();
    if (notedMark?.[1] !== undefined && markNotePattern.test(markNoteWords) && !isStatusValue(markNoteWords, vocabulary)) {
      status = notedMark[1];
      note = markNoteWords;
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A stage of the work among other words (`(API Design)`, `(QA testing)`, as a gloss in another language or a note on
    // the kind of work writes it) names the work, not its state: title.
    if (bareStatus && status === null && isStatusValue(inner, vocabulary) && !namesStageAmongWords(inner, vocabulary)) {
      status = inner;
      rest = rest.slice(0, group.index).trim();
      continue;
    }
    // A remark after the item's sentence has ended (`Implement the mailbox list. (Implemented in index.ts)`, `Write the
    // docs. (see the API notes)`): a note on it, not title.
    if (note === null && sentenceEnded.test(rest.slice(0, group.index))) {
      note = `(${inner})`;
      rest = rest.slice(0, group.index).trim();
    }
    break;
  }
  return readStatusSuffix(rest, fields, status, vocabulary, bareStatus, note);
}

/** A status phrase, then a share done after a comma, a spaced dash or a space (`in progress - 45%`): group 1 the phrase, 2 the share. */
const sharedStatusPattern = /^([^,;，；:：()（）\d]{1,30}?)\s*(?:[,，]\s*|\s[-–—]\s*|\s+)(\d{1,3}(?:[.,]\d+)?\s*%)$/u;

/**
 * A group's status and the share done after it (`in progress - 45%`, `In Progress, 60%`, `进行中 - 45%`): the status as
 * written and the share, else null (the words before the share must be wholly a status).
 */
export function readSharedStatus(inner: string, vocabulary: Vocabulary): { status: string; share: string } | null {
  const shared = sharedStatusPattern.exec(inner.trim());
  if (shared?.[1] === undefined || shared[2] === undefined || !isWhollyStatus(shared[1], vocabulary)) return null;
  return { status: shared[1].trim(), share: shared[2].replace(/\s+/gu, '') };
}

/**
 * Whether a text names a stage of the work among other words and no other status (`API Design`, `UI review`), not
 * wholly a status; not one holding a status besides (`PLAN Complete`, `100% Complete - NEW`, `Completed in PLAN`).
 */
function namesStageAmongWords(text: string, vocabulary: Vocabulary): boolean {
  if (isWhollyStatus(text, vocabulary)) return false;
  const words = text.split(/[\s,;–—-]+/u).filter((word) => word !== '');
  return words.some((word) => isStageWord(word)) && !words.some((word) => !isStageWord(word) && isStatusValue(word, vocabulary));
}

/** The last step of `readInlineFields`: a trailing ` - Not Started` status, when no status was found before it. */
function readStatusSuffix(
  text: string,
  fields: readonly InlineField[],
  found: string | null,
  vocabulary: Vocabulary,
  bareStatus: boolean,
  note: string | null = null,
): InlineFields {
  let rest = text;
  let status = found;
  let dateFields = fields;
  if (bareStatus && status === null) {
    // A status written when the work was finished, with its date: ` — completed on 2025-03-01`, ` ✅ DONE (2025-03-01)`,
    // ` ✅ Completed`, `, done 2025-03-06`, ` ✔ 2025-03-12`. Read as status and date, so finishing a task does not change
    // its title (and key).
    const completion = readCompletionSuffix(rest, vocabulary);
    if (completion !== null) {
      if (completion.field !== null) dateFields = [...fields, completion.field];
      // An arrow pointing at it (`Create the controller ← ✅ Done`) goes with it, as a dash would.
      return { fields: dateFields, status: completion.status, rest: rest.slice(0, completion.index).replace(arrowClosing, '').trim(), note };
    }
    // One with its date, then where to read more (`— Completed on 2024-07-31, see the archive entry`): the pointer is
    // its note.
    const pointed = note === null ? readPointedCompletion(rest, vocabulary) : null;
    if (pointed !== null) return { fields: [...fields, pointed.field], status: pointed.status, rest: pointed.rest, note: pointed.note };
    // A bracketed status at the end (`Implement the login [DONE]`, `[in progress]`), as a parenthesised one.
    const bracketed = rest.endsWith(']') ? trailingBracket.exec(rest) : null;
    const bracketedDated = bracketed?.[1] === undefined ? null : readDatedStatus(bracketed[1], vocabulary, true);
    if (bracketed !== null && bracketedDated !== null && bracketed.index > 0) {
      return {
        fields: bracketedDated.field.value === '' ? fields : [...fields, bracketedDated.field],
        status: bracketedDated.status,
        rest: rest.slice(0, bracketed.index).trim(),
        note,
      };
    }
    // A status with a note after it (` — Merged, waiting for release`, ` — Done; verified on staging`): the note to the
    // body. Read before the whole tail, whose words together may say another status (`Done, waiting on IT`).
    // Not one inside parentheses the title opened (`Theme migration (40% complete - deferred)`): the group's.
    const dashed = note === null ? readDashedStatus(rest, vocabulary) : null;
    const noted = dashed !== null && opensGroup(dashed.rest) ? null : dashed;
    if (noted !== null && noted.note !== '') return { fields, status: noted.status, rest: noted.rest, note: noted.note };
    const suffix = closingDashSuffix.exec(rest);
    if (suffix?.[1] !== undefined && !endsChain(rest, suffix.index, suffix[1]) && !opensGroup(rest.slice(0, suffix.index))) {
      // A keyed suffix (` — Status: Done`) gives its value; a bare one (` - Not Started`) is the status itself.
      const keyed = fieldPairPattern.exec(suffix[1].trim());
      const value = keyed?.[1] !== undefined && keyed[2] !== undefined && vocabulary.matchField(keyed[1]) === 'status' ? keyed[2] : suffix[1];
      if (isStatusValue(value, vocabulary)) {
        status = value.trim();
        rest = rest.slice(0, suffix.index).trim();
        return { fields, status, rest, note };
      }
    }
    // One after a dash with hyphens in its words (` — in-progress`).
    if (noted !== null) return { fields, status: noted.status, rest: noted.rest, note: null };
  }
  return { fields, status, rest, note };
}

/**
 * Whether the words after a title's last arrow (`tail`, the arrow at `index`) are the last step of a chain of them
 * rather than a status the arrow points at: an arrow before it (`Workflow: Backlog → Doing → Testing → Done`, `Status
 * messages: Loading → Scraping → Complete`), or a bracket the words close that opened before it (`pipeline (database →
 * analysis → formatting) operational`).
 */
export function endsChain(text: string, index: number, tail: string): boolean {
  const before = text.slice(0, index);
  if (!hasArrow(text.slice(index, text.length - tail.length))) return false;
  return hasArrow(before) || (/[)）]/u.test(tail) && before.lastIndexOf('(') > before.lastIndexOf(')'));
}

/** A share done opening a note (`40% complete`, `75 %`). */
const leadingShare = /^\d{1,2}(?:[.,]\d+)?\s*%/u;

/** Whether text leaves a parenthesis open (`Theme migration (40% complete`): what follows it is inside the group. */
function opensGroup(text: string): boolean {
  const open = Math.max(text.lastIndexOf('('), text.lastIndexOf('（'));
  return open >= 0 && open > Math.max(text.lastIndexOf(')'), text.lastIndexOf('）'));
}

/** What follows a title's last spaced dash or arrow (`— in progress`, `→ blocked`): group 1. */
const closingDashSuffix = new RegExp(String.raw`\s+${closingDashSource}\s+([^-–—${arrowChars}]{1,60})$`, 'u');

/**
 * What follows a title's last spaced dash or arrow, hyphens inside words allowed (`— blocked, waiting on
 * sandbox-access`, `→ blocked (waiting on the provider)`): group 1.
 */
const dashedTail = new RegExp(String.raw`\s+${closingDashSource}\s+((?:[^-–—()（）${arrowChars}]|(?<=\S)-(?=\S)){1,100})$`, 'u');

/**
 * A status after a title's last spaced dash, alone or with a note after it (`Apple Pay button — Merged, waiting for
 * release`, `Zebra printing — blocked`): the status, the note (empty when none) and the title before the dash.
 */
function readDashedStatus(text: string, vocabulary: Vocabulary): { status: string; note: string; rest: string } | null {
  if (!hasDash(text)) return null;
  const tail = dashedTail.exec(text);
  if (tail?.[1] === undefined || tail.index === 0 || endsChain(text, tail.index, tail[1])) return null;
  const value = tail[1].trim();
  const noted = isWhollyStatus(value, vocabulary) ? { status: value, note: '' } : readNotedStatus(value, vocabulary);
  return noted === null ? null : { ...noted, rest: text.slice(0, tail.index).trim() };
}

/** A pointer closing a title after a comma or semicolon (`, see [the archive](…)`, `; siehe Archiv`): group 1 it. */
const closingPointer = /[,;，；]\s*((?:see|cf\.?|siehe|vgl\.|voir|ver|véase|vedi|zie|см\.?|смотри|参见|详见|参照)\s+\S.{0,100})$/iu;

/**
 * A status with its date written when the work was finished, then a pointer to where to read more (`Flask setup -
 * Completed on 2024-07-31, see archive entry`): the status, its date, the title before it and the pointer; else null.
 */
export function readPointedCompletion(text: string, vocabulary: Vocabulary): { status: string; field: InlineField; rest: string; note: string; index: number } | null {
  const pointer = closingPointer.exec(text);
  if (pointer?.[1] === undefined) return null;
  const completion = readCompletionSuffix(text.slice(0, pointer.index), vocabulary);
  if (completion === null || completion.field === null) return null;
  return { status: completion.status, field: completion.field, rest: text.slice(0, completion.index).replace(arrowClosing, '').trim(), note: pointer[1].trim(), index: completion.index };
}

/** Marks a finished item's title may end with, before its status words (` ✅ Completed`). */
const doneMarks = `${doneMarkChars}🎉`;
const doneMark = new RegExp(`[${doneMarks}]`, 'u');
/**
 * A status suffix after a dash or a done mark, possibly dated, the date before or after the words (group 1: the words,
 * date included: ` — completed 2025-03-01`, ` — 2025-03-01 done`).
 */
const completionSuffix = new RegExp(
  `(?:\\s+[-–—]\\s+|\\s*[${doneMarks}]\\uFE0F?\\s+)((?:[([]?\\d{4}-\\d{2}-\\d{2}[)\\]]?\\s*)?(?:[^-–—()[\\]${doneMarks}]{1,40}?)(?:\\s*[([]?\\d{4}-\\d{2}-\\d{2}[)\\]]?)?)$`,
  'u',
);
const trailingBracket = /\s+\[([^[\]]{1,40})\]$/u;
/** A finished item's dated status after a comma (`SSO login, done 2025-03-06`, `, 2025-03-06 done`): group 1 the words and the date. */
const commaCompletion = /,\s+(\d{4}-\d{2}-\d{2}\s+[^,:：()（）[\]]{1,40}?|[^,:：()（）[\]]{1,40}?\s+\d{4}-\d{2}-\d{2})$/u;
/** A done mark and a date alone closing a title (`Two-factor auth ✔ 2025-03-12`): group 1 the mark, 2 the date. */
const markedDate = new RegExp(`\\s*([${doneMarkChars}])\\uFE0F?\\s*[([]?(\\d{4}-\\d{2}-\\d{2})[)\\]]?$`, 'u');

/**
 * A status written on a title when the work was finished, where it starts and the date it gives: after a dash or a done
 * mark (` — completed on 2025-03-01`, ` ✅ DONE (2025-03-01)`, ` ✅ Completed`; undated after a dash, the plain suffix
 * reads it), after a comma with its date (`, done 2025-03-06`), or a done mark with a date alone (` ✔ 2025-03-12`).
 * Null when the title closes with none. Write-back drops it when it reopens the item.
 */
export function readCompletionSuffix(text: string, vocabulary: Vocabulary): { index: number; status: string; field: InlineField | null } | null {
  const completion = completionSuffix.exec(text);
  const dated = completion?.[1] === undefined ? null : readDatedStatus(completion[1], vocabulary, true);
  if (completion !== null && dated !== null && (dated.field.value !== '' || !/^\s+[-–—]/u.test(completion[0]))) {
    return { index: completion.index, status: dated.status, field: dated.field.value === '' ? null : dated.field };
  }
  const comma = text.includes(',') ? commaCompletion.exec(text) : null;
  const commaDated = comma?.[1] === undefined ? null : readDatedStatus(comma[1], vocabulary);
  if (comma !== null && commaDated !== null && comma.index > 0) return { index: comma.index, status: commaDated.status, field: commaDated.field };
  const marked = markedDate.exec(text);
  if (marked?.[1] !== undefined && marked[2] !== undefined && marked.index > 0) return { index: marked.index, status: marked[1], field: { name: 'completed', value: marked[2] } };
  return null;
}
/**
 * A date closing a status (`completed 2025-03-01`, `erledigt am 01.02.2025`, `terminé le 01/02/2025`, `完成于
 * 2025年2月1日`): ISO, or as other languages write a day (read as the file writes its dates), after a word for "on".
 */
const trailingDate = new RegExp(String.raw`\s*(?:\b(?:on|at|am|le|el|op|il|em|since|seit|depuis|desde)\s*|[于に에]\s*)?[([]?(${writtenDateSource})[)\]]?$`, 'iu');

/** A date opening a status (`2025-03-01 done`, `(2025-03-01) done`), not the start of a longer number: group 1. */
const leadingDate = new RegExp(String.raw`^[([]?(${figureDateSource})[)\]]?(?![\d/.-])[\s,:：]*`, 'u');

/** A planned status naming the day it is planned for (`planned for`, `scheduled for`, `prévu pour`, `geplant für`). */
const plannedFor = new RegExp(`\\s${plannedForWordSource}$`, 'iu');

/**
 * A status with an optional trailing date (`completed 2025-03-01`, `DONE (2025-03-01)`, `Completed`): the status,
 * and the date as a field — when it was done for a done status, else when it was last updated. Without a date, only
 * when `dateless` (a completion suffix); null when the words are not a status.
 */
function readDatedStatus(text: string, vocabulary: Vocabulary, dateless = false): { status: string; field: InlineField } | null {
  const date = trailingDate.exec(text);
  // Or the day first, as a log of work writes it (`2025-03-01 done`, `2025/03/05 完了`, `2025-03-06完了`).
  const lead = date === null ? leadingDate.exec(text) : null;
  if (date === null && lead === null && !dateless) return null;
  const words = (date !== null ? text.slice(0, date.index) : lead !== null ? text.slice(lead[0].length) : text).trim();
  if (!isStatusValue(words, vocabulary)) return null;
  const value = date?.[1] ?? lead?.[1] ?? '';
  const canonical = vocabulary.matchStatus(stripInlineMarkdown(words)).canonical;
  // Planned or scheduled for a day (`(planned for 2025-09-06)`): the day the work is due, not when the line was written.
  const name = canonical === 'done' ? 'completed' : canonical === 'planned' && plannedFor.test(words) ? 'due' : 'updated';
  return { status: words, field: { name, value } };
}

/** A done mark and a day alone (`✅ 2025-03-08`, `✔ (2025-03-08)`): group 1 the day. */
const markedDay = new RegExp(String.raw`^\s*[${doneMarkChars}]\uFE0F?\s*[([]?(${figureDateSource})[)\]]?\s*$`, 'u');

/**
 * The day a status value says it was reached (`Done 2025-03-06`, `2025-03-07 done`, `Completed (2025-03-09)`,
 * `Completed on 2025-03-10`, `✅ 2025-03-08`, `In progress since 2025-03-11`), as a field: when the work was done for a
 * done status, else when it was last updated (due for `planned for …`); null when it names no day.
 */
export function readStatusDay(text: string, vocabulary: Vocabulary): InlineField | null {
  if (!/\d/u.test(text)) return null;
  const dated = readDatedStatus(text, vocabulary);
  if (dated !== null) return dated.field.value === '' ? null : dated.field;
  const marked = markedDay.exec(text)?.[1];
  return marked === undefined ? null : { name: 'completed', value: marked };
}

/** The status words of a dated status (`completed 2025-03-01`, `erledigt am 03.02.2025`, `完成于 2025年2月1日`), else null. */
export function readDatedStatusWords(text: string, vocabulary: Vocabulary): string | null {
  return readDatedStatus(text, vocabulary)?.status ?? null;
}

/** A bold term opening a line, and the rest of the line after its colon (group 2). */
const leadingBoldField = new RegExp(String.raw`^\s*${boldTermSource}\s*([\s\S]*)$`, 'u');

/** Reads a `**Key:** value`-style head of a list item (`- **Priority**: High`), else null. */
export function readLeadingBoldField(markdown: string): InlineField | null {
  const match = leadingBoldField.exec(markdown);
  if (match === null || match[1] === undefined) return null;
  return { name: match[1].trim(), value: (match[2] ?? '').trim() };
}

const stageWordSet: ReadonlySet<string> = new Set(stageWords);

/** Whether a bullet's inline status is only a stage word (`design`, `review`, `live`): not enough to make it a task. */
export function isStageWord(status: string): boolean {
  return stageWordSet.has(status.replace(/[*_`]/gu, '').trim().toLowerCase());
}

const workStageSet: ReadonlySet<string> = new Set(workStageWords);

/** Whether a title names a stage of work to do alone, a step (`Review`, `Code-Review`, `QA`; not a state, `Open`, `New`). */
export function isWorkStage(title: string): boolean {
  return workStageSet.has(title.replace(/[*_`]/gu, '').replace(/[-‐]/gu, ' ').trim().toLowerCase());
}

const summaryWordSet: ReadonlySet<string> = new Set(summaryWords);

/** Whether a word names the whole rather than a part of the work (`Overall`, `Total`, `Summary`, `Gesamt`). */
export function isSummaryWord(word: string): boolean {
  return summaryWordSet.has(word.toLowerCase());
}

/**
 * Whether a status value is one only a test's outcome or a decision says, opening it after any marks (`✅ Pass`,
 * `Failed`, `Not run yet`, `Accepted`): how a check or a choice went, not progress on work. A task table holding them
 * is a test run or a decision log (write-back never copies one into a table); a heading or an item closing with one
 * (`### Signup flow ✅ Passed`, `- Search flow: Failed`) reports a result, and is no task.
 */
export function saysOutcomeOnly(value: string): boolean {
  const text = stripInlineMarkdown(value).trim().toLowerCase().replace(/^[^\p{L}]+/u, '');
  return outcomeOnlyWords.some((word) => text.startsWith(word) && !/\p{L}/u.test(text.charAt(word.length)));
}
const outcomeOnlyWords: readonly string[] = [...testOutcomes.only, ...decisionStates.only];

/**
 * The names of a status field that are the word status itself, in each language membank reads (`Status`, `Statut`,
 * `Статус`, `状态`, `ステータス`): not `state`, `stage`, `outcome` or `result`, which name other things as often.
 */
const statusReportNames: readonly string[] = fieldNames.status.map((name) => name.toLowerCase()).filter((name) => !['state', 'stage', 'outcome', 'result'].includes(name));
const statusReportNameSet: ReadonlySet<string> = new Set(statusReportNames);

/**
 * The words of a heading's label besides the status name it is built on, when it is built on one: the name alone
 * (`Status` → ''), closing it (`Build status` → `build`, `Projektstatus`, `当前项目状态` → `当前项目`), or, in languages
 * that put it first, opening it (`Статус сборки` → `сборки`, `État du projet`; not English `Status page`, which names
 * a page). Null when the label is built on none.
 */
function splitStatusReportName(label: string): string | null {
  const text = stripInlineMarkdown(label)
    .replace(/\p{Extended_Pictographic}|\uFE0F/gu, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, '')
    .toLowerCase();
  if (statusReportNameSet.has(text)) return '';
  for (const name of statusReportNames) {
    if (text.endsWith(` ${name}`)) return text.slice(0, -name.length - 1).trim();
    if (text.length > name.length && text.endsWith(name) && (hasCjk(name) || (name === 'status' && /\p{L}status$/u.test(text) && !/\s/u.test(text)))) {
      return text.slice(0, -name.length);
    }
    if (name !== 'status' && text.startsWith(`${name} `)) return text.slice(name.length + 1).trim();
  }
  return null;
}

/**
 * Whether a heading reports the state of things rather than naming work: its words before a colon are a status field's
 * name or are built on one (`Build Status: ✅ COMPLETED`, `Project Status: 🟡 In progress`, `当前项目状态：首页完成 ✅`,
 * `Статус сборки: ✅ Завершено`), or its title is such a name beside words naming no work (`✅ Current Status`,
 * `Overall status ✅`). `Order status ✅` and `Status page: ✅ Done` name work.
 */
export function isStatusReportHeading(heading: string, title: string, vocabulary: Vocabulary): boolean {
  const plain = stripInlineMarkdown(heading);
  const colon = /[:：]/u.exec(plain);
  if (colon !== null && /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(plain.slice(colon.index + 1))) {
    if (splitStatusReportName(plain.slice(0, colon.index)) !== null) return true;
  }
  const rest = splitStatusReportName(title);
  return rest !== null && !namesWork(rest, vocabulary);
}

/**
 * Whether a heading names outcomes rather than work: results (`## Test results (2025-03-10)`, `## Benchmark results`,
 * `### 技術検証結果 ✅`), metrics (`## Quality metrics`), problems met and how they were solved (`### Problems and
 * solutions`, `### Karşılaşılan Sorunlar ve Çözümler`, `### Lessons learned`), coverage and benchmarks (`### Test
 * coverage`, `### Testabdeckung`) or what is supported (`## Browser support`, `## Supported platforms`,
 * `## Compatibility`). Marks and statuses on bullets under it (`- ❌ IE 11`, `- ⏳ Load test`, `- Unit tests
 * (412 passing)`) say how each thing fared, even an open one: no tasks (a checkbox still is one); and a mark on the
 * heading says how the whole fared: no task either, unless an id makes it one.
 */
export function namesOutcomes(title: string | undefined): boolean {
  return title !== undefined && outcomesHeading.test(title.replace(headingEdges, ''));
}
/**
 * True when a label reports on work rather than listing it: outcomes (`namesOutcomes`: `Key achievements`, `Metrics`)
 * or the files it touched (`Files changed`, `Files modified`, `Geänderte Dateien`, `Файлы изменены`, `修改的文件`).
 */
export function namesReport(label: string): boolean {
  return namesOutcomes(label) || filesTouched.test(label.replace(headingEdges, ''));
}
const filesTouched =
  /^(?:(?:key\s+)?files?\s+(?:changed|modified|created|touched|updated|added|affected)|(?:changed|modified|created|touched|updated|new|affected)\s+files?|memory bank (?:updated|обновл[её]н)|geänderte dateien|dateien geändert|fichiers modifiés|archivos modificados|arquivos modificados|file modificati|файлы изменены|изменённые файлы|измененные файлы|созданные файлы|修改的文件|变更文件|変更ファイル|変更したファイル)$/iu;

/**
 * True when a heading names what is still absent (`### Missing shell scripts`, `### Known gaps`, `### Noch fehlende
 * Berichte`, `### 未実装の機能`): under a section of finished work its items are the work not done yet.
 */
export function namesAbsence(title: string): boolean {
  return absenceHeading.test(title.replace(headingEdges, ''));
}
const absenceHeading =
  /^(?:(?:known|current|remaining|still|noch|encore|ancora|ainda|todavía|aún)\s+)?(?:missing|gaps?|lacking|absent|fehlend\p{L}*|lücken|manquant\p{L}*|lacunes|faltante\p{L}*|faltando|carencias|mancant\p{L}*|lacune|ontbrekend\p{L}*|brakując\p{L}*|braki|eksik(?:ler|lik(?:ler)?)?|отсутствующ\p{L}*|недостающ\p{L}*|пробелы|còn thiếu|thiếu|缺失|缺少|尚未实现|未实现|未實現|未実装|未対応|不足している|누락|미구현)(?![\p{L}\p{N}])/iu;
/**
 * True when a heading names a section of the document rather than a piece of work, its last words a report's kind
 * (`✅ Development progress`, `✅ Architecture decisions`, `🔄 Current status`, `✅ Summary`, `## ✅ ПРОГРЕСС
 * РАЗРАБОТКИ`, `### ✅ АРХИТЕКТУРНЫЕ РЕШЕНИЯ`, `## ✅ Entscheidungen`), its status aside.
 */
export function namesDocumentSection(title: string): boolean {
  return documentSectionHeading.test(title.replace(headingEdges, ''));
}
const documentSectionHeading =
  /(?<![\p{L}\p{N}])(?:progress|decisions|current status|overview|summary|highlights|notes|learnings|insights|fortschritt|entscheidungen|zusammenfassung|überblick|progrès|avancement|décisions|résumé|aperçu|progreso|avance|decisiones|resumen|progresso|decisões|resumo|decisioni|riepilogo|прогресс|прогресс разработки|решения|итоги|обзор|текущий статус|postęp|decyzje|podsumowanie|ilerleme|kararlar|özet)$|(?:进度|进展|决策|决定|总结|概述|進捗|決定事項|まとめ|概要|진행 상황|결정 사항|요약)$/iu;

/** What surrounds a heading's words: numbering, marks and punctuation before them; a parenthesis, marks, a colon after. */
export const headingEdges = /^[^\p{L}]+|(?:\s*[(（][^()（）]*[)）])?[^\p{L}]*$/gu;
const outcomesHeading =
  /(?<![\p{L}\p{N}])(?:(?:problems?|issues?|challenges?|bugs?)\s+(?:and|&)\s+(?:solutions?|fixes|resolutions?)|problems? encountered|issues? encountered|lessons learned|known (?:blockers|issues|bugs|problems|limitations)|achievements?|(?:major\s+)?(?:milestones?|goals?)\s+(?:achieved|reached)|erfolge|logros|réalisations|conquistas|realizações|достижения|blockers?\s+(?:and|&)\s+(?:dependencies|risks|issues)|(?:dependencies|risks?|issues)\s+(?:and|&)\s+blockers|risks?\s+(?:and|&)\s+issues|issues\s+(?:and|&)\s+risks?|(?:open |key |known |identified )?risks|(?:low|medium|moderate|high|critical)\s+risks?|risk\s+(?:assessment|analysis|register|matrix|overview)|risiken|risques|riesgos|riscos|rischi|риски|bilinen engelleyiciler|bekannte (?:probleme|einschränkungen)|problèmes connus|известные проблемы|已知问题|既知の問題|(?:test|code)\s+coverage|coverage|benchmarks?|statistics|kpis?|testabdeckung|couverture de tests|cobertura de pruebas|покрытие тестами|测试覆盖率|sorunlar ve çözümler|karşılaşılan sorunlar|problèmes et solutions|probleme und lösungen|probleme & lösungen|problemas y soluciones|проблемы и решения|问题与解决方案|问题和解决方案|遇到的问题|課題と解決策|問題と解決策|results|build[\s-]+status|system\s+health(?:\s+indicators)?|health\s+(?:indicators|checks?)|debug(?:ging)?[\s-]+info(?:rmation(?:en)?)?|systemzustand|état du système|estado del sistema|metrics|métricas|métriques|metriken|metriche|statistiken|statistiques|estadísticas|estatísticas|statistiche|статистика|(?:browser|platform|device|os|language|locale)s?\s+support|supported\s+(?:browsers|platforms|devices|versions)|compatibility|ergebnisse|résultats|resultados|risultati|resultaten|результаты|метрики|wyniki|sonuçlar|kết quả)(?![\p{L}\p{N}])|(?:結果|结果|指标|指標|统计|統計|ergebnisse|风险|風險|リスク|리스크)$/iu;

/** A short title holding a year or a day written with separators (`2025`, `26.12.24`): it may be a date alone. */
const mayBeDay = /^(?=[^\n]{4,40}$)[^:：|]*(?:\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2})/u;

/**
 * True when a title names work: at least one word that is neither a status (`Done`, `Planning complete`), a number
 * (`12`, `1.2`), a word naming the whole (`Overall`, `Total`: a summary line) nor the word status (`Current status`).
 * `ignore` removes the item's own id first (`RCF-1.0` alone names nothing).
 */
export function namesWork(title: string, vocabulary: Vocabulary, ignore: string | null = null, notWork: ReadonlySet<string> | null = null): boolean {
  // A day alone (`### December 26, 2024`, `## 2025-03-09`) heads a log's entry: no work.
  if (mayBeDay.test(title) && normaliseDate(title) !== null) return false;
  // Word by word, stopping at the first that names work (most titles: the first word).
  const words = titleWords;
  words.lastIndex = 0;
  for (let found = words.exec(title); found !== null; found = words.exec(title)) {
    const word = found[0];
    if (ignore !== null && ignore.includes(word)) continue;
    if (numberWord.test(word) || isSummaryWord(word) || statusReportNameSet.has(word.toLowerCase())) continue;
    if (notWork !== null && (notWork.has(word.toLowerCase()) || (hasCjk(word) && dropCjkWords(word, notWork) === ''))) continue;
    const match = vocabulary.matchStatus(word);
    if (!(match.matched && match.coverage >= 1)) return true;
  }
  return false;
}

/**
 * Words a heading summing a document up is made of, besides words for the whole and for status (`System Overview`,
 * `Current State`, `Executive summary`, `Allgemeine Projektinformationen`, `Текущий контекст`, `系統概述`, `當前狀態`): over a status field
 * it reports the state of the project, and names no work (`namesWork`'s `notWork`).
 */
export const documentSummaryWords: ReadonlySet<string> = new Set([
  'project', 'projects', 'system', 'systems', 'context', 'state', 'information', 'info', 'progress', 'current', 'general',
  'executive', 'snapshot', 'dashboard',
  'projekt', 'projektes', 'kontext', 'zustand', 'stand', 'informationen', 'fortschritt', 'aktuell', 'aktueller', 'aktuelle', 'allgemein', 'allgemeine',
  'gesamtfortschritt', 'projektinformationen', 'projektübersicht', 'systemübersicht', 'projektstand',
  'projet', 'système', 'contexte', 'état', 'informations', 'progrès', 'actuel', 'actuelle', 'générale',
  'proyecto', 'sistema', 'contexto', 'estado', 'información', 'progreso', 'actual', 'projeto', 'informação', 'progresso', 'progetto',
  'проект', 'проекта', 'система', 'системы', 'контекст', 'состояние', 'информация', 'прогресс', 'текущее', 'текущий', 'текущая', 'общая', 'общие',
  '系统', '系統', '项目', '項目', '当前', '當前', '目前', '状态', '狀態', '概述', '概览', '概覽', '概要', '概況', '总体', '總體', '整体', '整體', '进展', '進展', '进度', '進度', '背景', '信息', '資訊',
  'プロジェクト', '現在', '状況', '全体', '현재', '상태', '프로젝트', '개요',
]);

/** A run of CJK text with every word of `words` written in it removed (`系統概述` → ``). */
function dropCjkWords(text: string, words: ReadonlySet<string>): string {
  let rest = text;
  for (const word of words) if (hasCjk(word) && rest.includes(word)) rest = rest.split(word).join('');
  return rest;
}

/** Global (stateful): reset before each use; nothing called inside the loop uses it. */
const titleWords = /[\p{L}\p{N}][\p{L}\p{N}'’_.-]*/gu;
const numberWord = /^[\p{N}.]+$/u;

/** What an Obsidian Tasks signifier at the end of an item says (`📅 2025-04-10`, `⏫`, `🔁 every week`). */
export interface TaskSignifier {
  /** A field the draft readers know (`due`, `start`, `created`, `completed`, `priority`), else an `extra` name. */
  name: string;
  value: string;
  /** Whether `name` is tried as a field (applied as one when the vocabulary knows it, else kept in `extra`) or goes to `extra`. */
  known: boolean;
}

const signifierDates: Readonly<Record<string, [string, boolean]>> = {
  '📅': ['due', true],
  // The plugin also reads a due date after 📆 or 🗓, and a scheduled one after ⌛.
  '📆': ['due', true],
  '🗓': ['due', true],
  '🛫': ['start', true],
  '➕': ['created', true],
  '✅': ['completed', true],
  '⏳': ['scheduled', false],
  '⌛': ['scheduled', false],
  '❌': ['cancelled', false],
};
const signifierPriorities: Readonly<Record<string, string>> = { '🔺': 'highest', '⏫': 'high', '🔼': 'medium', '🔽': 'low', '⏬': 'lowest' };
/** The Obsidian Tasks marks a date follows (`✅ 2025-03-01` done on, `⏳ 2025-03-01` scheduled, `❌ …` cancelled on). */
export const datedSignifierMarks = '📅📆🗓🛫➕✅⏳⌛❌';
const signifierMarks = `${datedSignifierMarks}🔺⏫🔼🔽⏬🔁🆔⛔`;
const signifierHint = new RegExp(`[${signifierMarks}]`, 'u');
/** One signifier at the end of a text: a dated one, a priority, a recurrence, an id or the ids it waits on. */
const lastSignifier = new RegExp(
  `\\s*(?:([${datedSignifierMarks}])\\uFE0F?\\s*(\\d{4}-\\d{2}-\\d{2})|([🔺⏫🔼🔽⏬])\\uFE0F?|🔁\\uFE0F?\\s*([^${signifierMarks}]+?)|🆔\\uFE0F?\\s*([\\w-]+)|⛔\\uFE0F?\\s*([\\w-]+(?:\\s*,\\s*[\\w-]+)*))\\s*$`,
  'u',
);

/**
 * A Dataview inline field closing a text (`[due:: 2025-06-01]`, `(priority:: high)`): its key and value. A space after
 * `::` is required, so a path in parentheses (`(std::string)`, `(crate::io)`) stays title.
 */
const lastDataviewField = /\s*[[(]([\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_ -]{0,30}?)::\s+([^[\]()]*?)\s*[\])]\s*$/u;
/** An Obsidian Kanban card's date (group 1: `@{2025-06-10}`) or time (group 2: `@@{14:00}`). */
const kanbanStampSource = String.raw`@\{(\d{4}-\d{2}-\d{2})\}|@@\{(\d{1,2}:\d{2})\}`;
/** Such a date or time closing a text. */
const lastKanbanDate = new RegExp(String.raw`\s*(?:${kanbanStampSource})\s*$`, 'u');
/** The same inside a text, between spaces (`… @{2025-04-15} #billing`, `@{2025-04-20} Prepare the demo`). */
const innerKanbanDate = new RegExp(String.raw`(?<=^|\s)(?:${kanbanStampSource})(?=\s|$)`, 'u');
/** Every such date or time in a text, between spaces. */
export const kanbanStamps = new RegExp(innerKanbanDate.source, 'gu');

/** Dataview task fields by key (lower case, no separators) → the signifier they are, as the emoji ones above. */
const dataviewFields: Readonly<Record<string, [string, boolean]>> = {
  due: ['due', true],
  start: ['start', true],
  created: ['created', true],
  completion: ['completed', true],
  scheduled: ['scheduled', false],
  priority: ['priority', true],
  repeat: ['recurrence', false],
  id: ['id', false],
  dependson: ['depends on', true],
};

/**
 * Reads the Obsidian Tasks signifiers an item ends with (`Write the docs 📅 2025-04-10 ⏫`, `Ship it ✅ 2025-03-01`),
 * and the Dataview inline fields (`Plan Q3 [priority:: high] [due:: 2025-06-01]`): its dates, priority, recurrence, id
 * and the ids it waits on, other fields as extras, and the title without them — so that ticking a task, which appends
 * `✅ <date>` (or `[completion:: <date>]`), does not change its title or key. Null when the text ends with none.
 */
export function readTaskSignifiers(text: string): { rest: string; signifiers: TaskSignifier[] } | null {
  const emoji = signifierHint.test(text);
  const dataview = text.includes('::');
  const kanban = text.includes('@{') || text.includes('@@{');
  if (!emoji && !dataview && !kanban) return null;
  const signifiers: TaskSignifier[] = [];
  let rest = text;
  for (;;) {
    const match = emoji ? lastSignifier.exec(rest) : null;
    if (match !== null && match.index > 0) {
      const [, dated, date, priority, recurrence, id, waitsOn] = match;
      if (dated !== undefined && date !== undefined) {
        const [name, known] = signifierDates[dated] ?? ['date', false];
        signifiers.unshift({ name, value: date, known });
      } else if (priority !== undefined) signifiers.unshift({ name: 'priority', value: signifierPriorities[priority] ?? 'medium', known: true });
      else if (recurrence !== undefined) signifiers.unshift({ name: 'recurrence', value: recurrence.trim(), known: false });
      else if (id !== undefined) signifiers.unshift({ name: 'id', value: id, known: false });
      else if (waitsOn !== undefined) signifiers.unshift({ name: 'depends on', value: waitsOn, known: true });
      rest = rest.slice(0, match.index);
      continue;
    }
    const card = kanban ? lastKanbanDate.exec(rest) : null;
    if (card !== null && card.index > 0) {
      // The Obsidian Kanban plugin's card date (`@{2025-06-10}`, the due date) and time (`@@{14:00}`).
      if (card[1] !== undefined) signifiers.unshift({ name: 'due', value: card[1], known: true });
      else signifiers.unshift({ name: 'due time', value: card[2] ?? '', known: false });
      rest = rest.slice(0, card.index);
      continue;
    }
    const field = dataview ? lastDataviewField.exec(rest) : null;
    if (field === null || field.index === 0 || field[1] === undefined) break;
    const key = field[1].trim();
    // Other keys are tried as fields (`[owner:: Dana]`), else kept as extras.
    const [name, known] = dataviewFields[key.toLowerCase().replace(/[\s_-]+/gu, '')] ?? [key, true];
    signifiers.unshift({ name, value: field[2] ?? '', known });
    rest = rest.slice(0, field.index);
  }
  // A card's date or time inside its text (`Add the CSV export @{2025-04-15} #billing`, `@{2025-04-20} Prepare the
  // demo`): the plugin writes it where the cursor was, the tags after it. Read as one closing the text.
  for (let card = kanban ? innerKanbanDate.exec(rest) : null; card !== null; card = innerKanbanDate.exec(rest)) {
    if (card[1] !== undefined) signifiers.push({ name: 'due', value: card[1], known: true });
    else signifiers.push({ name: 'due time', value: card[2] ?? '', known: false });
    const before = rest.slice(0, card.index).trimEnd();
    const after = rest.slice(card.index + card[0].length).trimStart();
    rest = before === '' || after === '' ? before + after : `${before} ${after}`;
  }
  return signifiers.length === 0 || rest.trim() === '' ? null : { rest: rest.trimEnd(), signifiers };
}

/**
 * A priority leading a task line: a P-level (`[P1] …`, `P0: …`, `(P2) …`, `P1 - …`, `P0 …`: group 1, 2 or 3; a note on
 * it before the colon or a dash, `P1 (optional): …`, `P1（可选）：…`, group 4) or a priority word in brackets or before a colon or a
 * spaced dash (`[HIGH] …`, `Medium: …`, `CRITICAL - …`: group 5 or 6),
 * in bold or not as written (`**P0** …`, `**[HIGH]** …`, `**Medium:** …`; the parser reads the text without it).
 */
export const leadingPriority =
  /^(?:\*\*|__)?(?:\[(P[0-4])\]|\((P[0-4])\)|(P[0-4])(?:\*\*|__)?(?:\s*[(（]([^()（）\n:：]{1,24})[)）](?=\s*[:：]|\s[-–—]\s)|)(?:\s*[:：]|\s[-–—]|(?=\s))|\[(critical|urgent|high|medium|low)\]|(critical|urgent|high|medium|low)(?:\*\*|__)?(?:\s*[:：]|\s[-–—]))(?:\*\*|__)?\s*(?=\S)/iu;
/**
 * The word priority in other languages, as a closing group writes it beside a level (`(hohe Priorität)`, `(priorité
 * haute)`, `(высокий приоритет)`, `(우선순위 높음)`).
 */
export const priorityNouns = String.raw`(?:priorität|prioriteit|priorité|prioridad|prioridade|priorità|priorytet|приоритет|пріоритет|우선순위|öncelik|prioritas)`;
/**
 * The levels written beside it (German, Dutch, French, Spanish, Portuguese, Italian, Polish, Russian, Ukrainian, Korean,
 * Turkish, Indonesian), each a known priority phrase.
 */
const priorityLevelWords = String.raw`kritische|kritisch|dringende|hohe|hoch|mittlere|mittel|niedrige|niedrig|hoge|lage|critique|urgente|haute|élevée|moyenne|basse|faible|crítica|alta|media|média|baja|baixa|bassa|wysoki|średni|niski|критический|срочный|высокий|высокая|средний|средняя|низкий|низкая|високий|висока|середній|середня|низький|низька|긴급|높음|보통|중간|낮음|yüksek|orta|düşük|tinggi|sedang|rendah`;

/**
 * A priority closing a task line: a P-level (`… [P1]`, `… (P0)`: group 1 or 2), or a priority word in brackets or
 * with the word priority (`… [HIGH]`, `… (low priority)`, `… (priority high)`: group 3, 4 or 5; in other languages,
 * `(hohe Priorität)`, `(niedrige Priorität)`, `(priorité haute)`, `(alta prioridad)`: group 6 or 7), or the word and
 * its rank's number, a P-level (`… (Priority 1)`, `(Priorität 2)`: group 8).
 */
export const closingPriority = new RegExp(
  String.raw`\s+(?:\[(P[0-4])\]|\((P[0-4])\)|\[(critical|urgent|high|medium|low)\]|\((critical|urgent|high|medium|low)\s+priority\)|\(priority\s+(critical|urgent|high|medium|low)\)` +
    String.raw`|\((${priorityLevelWords})\s+${priorityNouns}\)|\(${priorityNouns}\s+(${priorityLevelWords})\)|\((?:priority|prio|${priorityNouns})\s*#?([0-4])\))$`,
  'iu',
);
/**
 * A priority in Chinese or Japanese, the level and the word priority as one phrase in brackets of either width
 * (`(高优先级)`, `（中优先级）`, `[最高优先级]`, `【低優先級】`, `（優先度：高）`): the level, group 1 or 2.
 */
const cjkPrioritySource = String.raw`[(（\[【]\s*(?:(最高|高|中|低|紧急|緊急)\s*(?:优先级|優先級|優先度)|(?:优先级|優先級|優先度)\s*[:：]?\s*(最高|高|中|低|紧急|緊急))\s*[)）\]】]`;
/** `cjkPrioritySource` closing a task line, after a space or not (`接入支付网关 (中优先级)`, `分享功能（低优先级）`). */
export const closingCjkPriority = new RegExp(String.raw`\s*${cjkPrioritySource}$`, 'u');
/** `cjkPrioritySource` leading a task line (`[高优先级] 分享功能优化`, `【最高优先级】消息推送`), in bold or not as written (`**[高优先级] …**`). */
export const leadingCjkPriority = new RegExp(String.raw`^(?:\*\*|__)?${cjkPrioritySource}\s*(?=\S)`, 'u');
/** A due date closing a task line without a colon, in parentheses or after a dash (`… (due 2025-06-01)`, `… — due by 2025-06-01`). */
const closingDue = new RegExp(String.raw`\s*(?:[(（]\s*${dueWithoutColonSource}\s*[)）]|\s[-–—]\s+${dueWithoutColonSource})$`, 'iu');
/** A task id as a dependency names it (`T012`, `TASK-3`, `#12`, `1.2`). */
const dependencyId = String.raw`(?:[A-Za-z][A-Za-z0-9]*[-_]?\d+(?:\.\d+)*|#\d+|\d+(?:\.\d+)+)`;
/**
 * Dependencies closing a task line without a colon, ids only (`(depends on T012, T013)` as Spec Kit's task lists write
 * them, `(blocked by #12)`, `(requires T-3 and T-4)`: the names the vocabulary has for dependencies): group 1 the
 * relation, 2 the ids. `(requires a database)` stays.
 */
const closingDependencies = new RegExp(
  String.raw`\s*[(（]\s*(depends on|blocked by|requires)\s+(${dependencyId}(?:\s*(?:,|and|&)\s*${dependencyId})*)\s*[)）]$`,
  'iu',
);
/** A number of units, or a range of them (`2`, `1.5`, `2-3`). */
const estimateNumber = String.raw`\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?`;
/** English units of time, as estimates abbreviate them (`m`, `h`, `d`, `w`) or write them out. */
const englishTimeUnits = String.raw`m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?`;
const estimateTime = String.raw`(?:${englishTimeUnits})`;
const estimatePoints = String.raw`(?:pts?|points?|sp|story\s?points?)`;
/** A span of time as the languages membank reads write one (`Tage`, `jours`, `días`, `дня`, `天`), English's too. */
const estimateTimeWords = String.raw`(?:${englishTimeUnits}|tage?|stunden?|std\.?|wochen?|jours?|heures?|semaines?|d[ií]as?|horas?|semanas?|giorni|ore|settimane|dagen|uur|weken|dni|godzin[ay]?|tygodni(?:e|a)?|дн(?:я|ей|и)|час(?:а|ов)?|недел[иья]|天|小时|小時|周|週|日|時間|週間|일|시간|주)`;
/** A range of numbers (`2-3`, `1.5–2`): an estimate's, a timeout being one number. */
const estimateRange = String.raw`\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?`;
/** A complexity level closing a title (`(Level 3)`, `[Level 2]`, as Cursor's memory bank rates its tasks): group 1. */
const closingLevel = /\s*[(\[]\s*(level\s*[1-5])\s*[)\]]$/iu;

/** A complexity level closing a title (`Photo sharing (Level 3)`): `Level 3` and the title before it, else null. */
export function readClosingLevel(text: string): { level: string; rest: string } | null {
  const level = text.endsWith(')') || text.endsWith(']') ? closingLevel.exec(text) : null;
  if (level?.[1] === undefined || level.index === 0) return null;
  return { level: `Level ${level[1].replace(/\D/gu, '')}`, rest: text.slice(0, level.index).trimEnd() };
}

/**
 * An effort estimate closing a task line, said to be one: a time after `est.`, `~` or `≈` (`(est. 2h)`, `(~2 hours)`,
 * `[~3d]`, `… ~3d`, `… ⏱ 3h`), points (`(3 pts)`, `[5 SP]`), or a range of time in any language the vocabulary reads
 * (`(2-3 days)`, `(2-3 Tage)`, `(1–2 semanas)`, `（2-3天）`): group 1 to 5. A time alone (`(30 min)`) may be what the task
 * sets (a timeout), and stays.
 */
const closingEstimate = new RegExp(
  String.raw`\s*(?:[(\[]\s*(?:est(?:imated?)?\.?\s*:?\s*)?([~≈]\s*${estimateNumber}\s*${estimateTime}|${estimateNumber}\s*${estimatePoints}|${estimateRange}\s*${estimateTimeWords})\s*[)\]]|[（]\s*(${estimateRange}\s*${estimateTimeWords})\s*[）]|[(\[]\s*est(?:imated?)?\.?\s*:?\s*(${estimateNumber}\s*${estimateTime})\s*[)\]]|\s([~≈]\s*${estimateNumber}\s*${estimateTime})|\s⏱\uFE0F?\s*(${estimateNumber}\s*${estimateTime}))$`,
  'iu',
);
/** Owner mentions closing a task line, or only its tags after them (`… @dana`, `… @dana @lee`, `… @mira #finance`). */
const closingMentions = new RegExp(String.raw`(?:\s+${mentionRunSource})+(?=(?:\s+#[\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_/-]*)*$)`, 'u');
/**
 * Owner mentions in brackets closing a line (`(@luis)`, `[@luis, @mira]`, `(owner @dana)`, `(assigned to @mira)`):
 * group 1 the mentions.
 */
const bracketedMentions = new RegExp(
  String.raw`\s*[(\[（]\s*(?:(?:owners?|assignees?|assigned(?:\s+to)?)\s*[:：]?\s*)?(${mentionRunSource})\s*[)\]）]$`,
  'iu',
);
/** Owner mentions opening a line before a colon or a spaced dash (`@dana: write the spec`, `@dana — write it`): group 1. */
const leadingMentions = new RegExp(String.raw`^(${mentionRunSource})\s*(?:[:：]|\s[-–—])\s*(?=\S)`, 'u');
/**
 * Words after which a mention closing a line is part of its sentence, not its owner (`Review PR #42 from @sam`, `Pair
 * with @kim`, `Collect feedback from @ola and @mira`): the mention stays in the title.
 */
const mentionObjectWords: ReadonlySet<string> = new Set([
  'from', 'to', 'with', 'for', 'of', 'about', 'via', 'in', 'and', 'or', 'than', 'cc', 'von', 'mit', 'für', 'an', 'de', 'avec',
  'pour', 'à', 'con', 'para', 'por',
]);
/** Verbs whose object a mention is when they are all the line says before it (`Ping @sam`, `Ask @mira`; not `Retention email @dana`). */
const mentionObjectVerbs: ReadonlySet<string> = new Set([
  'ask', 'ping', 'tell', 'thank', 'remind', 'email', 'mail', 'message', 'call', 'invite', 'help', 'contact', 'notify', 'meet',
  'nudge', 'poke',
]);

/** The names of a run of mentions (`@luis, @mira and @sam` → `luis, mira, sam`). */
function readMentionNames(run: string): string {
  return run.split(/\s*(?:[,&]|\band\b)\s*|\s+/u).filter((part) => part.startsWith('@')).map((part) => part.slice(1)).join(', ');
}

/** Whether the mention run at `index` of `text` is the object of the word before it (`from @sam`, `with @kim`, `Ping @sam`). */
function followsObjectWord(text: string, index: number): boolean {
  const head = text.slice(0, index).trim();
  const before = /(\S+)$/u.exec(head)?.[1]?.toLowerCase();
  if (before === undefined) return false;
  return mentionObjectWords.has(before) || (before.length === head.length && mentionObjectVerbs.has(before));
}
/**
 * A commit an agent appended to a finished item (`… [a1b2c3d]`, `… (1a9b01c)`, `… [checkpoint: 19bfac5]`, `… 259d79b`,
 * as Conductor's plans write them): group 1 or 2. A hash is 7 to 40 hex digits, holding a digit and a letter (`hexDigit`,
 * `hexLetter`): `facade` or `2025011` are words and numbers.
 */
/**
 * A pull request or issue an agent appended to an item (`… (#123)`, `… (PR #131)`, `… (closes #140)`, `… [!12]`, `… —
 * merged in #150`), as it appends a commit: group 1 (or 3) what it is, 2 (or 4) the numbers. `(see #12)` stays.
 */
const closingReference =
  /\s*(?:[(\[]\s*(?:(pr|pull request|pull|mr|merge request|issue|closes|fixes|resolves)\s*:?\s*)?((?:#|!)\d{1,6}(?:\s*,\s*(?:#|!)\d{1,6})*)\s*[)\]]|\s[-–—]\s+(merged|fixed|closed|done)\s+(?:in|by|via)\s+((?:#|!)\d{1,6}))$/iu;

/** The `extra` name of a reference by the word before it (`PR #131`) or after a dash (`— merged in #150`). */
const referenceNames: Readonly<Record<string, string>> = {
  pr: 'pull request',
  'pull request': 'pull request',
  pull: 'pull request',
  merged: 'pull request',
  fixed: 'pull request',
  closed: 'pull request',
  done: 'pull request',
  mr: 'merge request',
  'merge request': 'merge request',
  issue: 'issue',
  closes: 'closes',
  fixes: 'closes',
  resolves: 'closes',
};

/** The `extra` name of a reference `closingReference` read: by its word, else a GitLab `!12` or an issue `#123`. */
function referenceName(word: string | undefined, numbers: string): string {
  if (word === undefined) return numbers.startsWith('!') ? 'merge request' : 'issue';
  return referenceNames[word.toLowerCase()] ?? 'pull request';
}

const closingCommit = /\s*(?:[[(](?:checkpoint|commit|sha)?[:\s]*([0-9a-f]{7,40})[\])]|\s([0-9a-f]{7,40}))$/u;
const hexLetter = /[a-f]/u;
const hexDigit = /[0-9]/u;
/** Tags on a task line (`#frontend`, `#a11y`; not `#123`, an issue number, nor a heading mark). */
const lineTag = /(?:^|\s)#([\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_/-]*)/gu;
/** Tags closing a task line (` #infra #ops`), as `lineTag` reads each. */
const closingTagRun = /(?:\s+#[\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_/-]*)+$/u;

/**
 * A colour written in hex after its `#` (`#fff`, `#FFC107`, `#ffc10780`): 3, 4, 6 or 8 hex digits holding a digit,
 * written in capitals, or one letter repeated. No tag: `#cafe`, `#add` and `#a11y` stay tags (a tag opening with a
 * digit, `#1E88E5`, is none already).
 */
function isHexColour(tag: string): boolean {
  if (!/^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/iu.test(tag)) return false;
  return /\d/u.test(tag) || tag === tag.toUpperCase() || /^(.)\1+$/iu.test(tag);
}

/** What `readLineMarkers` took out of a task line. */
export interface LineMarkers {
  rest: string;
  fields: InlineField[];
  /** The commits appended to it, oldest first (`extra.commit`). */
  commits: string[];
  /** The status a tag closing it states (`@done(2025-09-01)`, `@waiting`), else null: the item's status only where nothing else states one. */
  tagStatus: string | null;
}

/** A run of `@name` and `@name(value)` tags closing a line (TaskPaper, the Todo+ extension): the whole run. */
const closingTags = /(?:\s+@[\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_.-]*(?:\([^()\n]*\))?)+$/u;
const oneTag = /@([\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_.-]*)(?:\(([^()\n]*)\))?/gu;

/** One tag of the run closing a line: its name, its value (undefined without parentheses) and where each is written. */
export interface ClosingTag {
  name: string;
  value: string | undefined;
  /** Where `@` is, where the tag ends, and where its value starts (after `(`). */
  start: number;
  end: number;
  valueStart: number;
}

/** The tags of the run closing `text` (`Redesign the page @high @due(2025-10-01)`), in order; none when no text comes before them. */
export function findClosingTags(text: string): ClosingTag[] {
  const run = closingTags.exec(text);
  if (run === null || run.index === 0) return [];
  const tags: ClosingTag[] = [];
  oneTag.lastIndex = 0;
  for (let tag = oneTag.exec(run[0]); tag !== null; tag = oneTag.exec(run[0])) {
    const name = tag[1] ?? '';
    const start = run.index + tag.index;
    tags.push({ name, value: tag[2], start, end: start + tag[0].length, valueStart: start + name.length + 2 });
  }
  return tags;
}

/** Whether a bare tag names a priority (`@high`, `@critical`), as the parser reads one. */
export function isPriorityTag(name: string, vocabulary: Vocabulary): boolean {
  const priority = vocabulary.matchPriority(name.toLowerCase());
  return priority.matched && priority.value !== null;
}

/**
 * The status a bare tag states (`@done`, `@waiting`, `@wip`), as the parser reads one; null when it states none. A stage
 * word (`@design`, `@qa`, `@review`) names a team to mention as often as a stage: not a status.
 */
export function readTagStatus(name: string, vocabulary: Vocabulary): string | null {
  const key = name.toLowerCase();
  if (labelTags.has(key) || isStageWord(key)) return null;
  const stated = valueTags[key]?.status;
  if (stated !== undefined) return stated;
  const match = vocabulary.matchStatus(key);
  return readsAsStatus(match) && match.canonical !== 'unknown' ? key : null;
}

/** What a tag with a value (`@due(2025-10-01)`) is, by its name; a name not here goes to `extra` under its name. */
const valueTags: Readonly<Record<string, { field: string; status?: string; date?: true }>> = {
  done: { field: 'completed', status: 'done', date: true },
  completed: { field: 'completed', status: 'done', date: true },
  finished: { field: 'completed', status: 'done', date: true },
  cancelled: { field: 'cancelled', status: 'cancelled', date: true },
  canceled: { field: 'cancelled', status: 'cancelled', date: true },
  due: { field: 'due', date: true },
  deadline: { field: 'due', date: true },
  start: { field: 'start', date: true },
  started: { field: 'start', date: true },
  defer: { field: 'start', date: true },
  created: { field: 'created', date: true },
  priority: { field: 'priority' },
  est: { field: 'estimate' },
  estimate: { field: 'estimate' },
  owner: { field: 'owner' },
  assigned: { field: 'owner' },
};
/** The field a tag with a value writes (`@due(…)` → `due`, `@priority(…)` → `priority`), as `readLineMarkers` reads it; undefined for a tag it keeps in `extra`. */
export function readTagField(name: string): string | undefined {
  return valueTags[name.toLowerCase()]?.field;
}

/** Bare tags that mark an item rather than name a person (`@today`, `@flagged`): labels. */
const labelTags: ReadonlySet<string> = new Set(['today', 'flagged', 'flag', 'starred', 'next', 'soon', 'someday']);

/**
 * A tag's date as written (`2025-09-01`, `2025-09-01 10:30`, Todo+'s two-digit year `25-09-01 10:30`): a four-digit
 * year's form, so the date reader reads it.
 */
function readTagDate(value: string): string {
  return /^\d{2}-\d{2}-\d{2}(?=$|[ T])/u.test(value) ? `20${value}` : value;
}

/**
 * TaskPaper and Todo+ tags closing an item (`… @done(2025-09-01)`, `@due(2025-10-01)`, `@priority(high)`, `@high`,
 * `@est(2h)`, `@started(25-09-02 11:00)`, `@today`): fields, a status and labels; null when the run holds no such tag
 * (`@dana @lee` are owner mentions, `@Injectable()` may be code). A bare tag that is no priority, status or label word
 * beside such tags is a mention; a tag with a value membank does not know (`@lasted(20m)`) goes to `extra`.
 */
function readClosingTags(tags: readonly ClosingTag[], vocabulary: Vocabulary): { fields: InlineField[]; status: string | null } | null {
  const fields: InlineField[] = [];
  const owners: string[] = [];
  const labels: string[] = [];
  let status: string | null = null;
  let known = false;
  for (const { name, value: written } of tags) {
    const key = name.toLowerCase();
    const value = written?.trim();
    if (value !== undefined) {
      const kind = valueTags[key];
      if (kind === undefined) fields.push({ name: key, value, flag: true });
      else {
        known = true;
        if (kind.status !== undefined) status = kind.status;
        const read = kind.date === true ? readTagDate(value) : value;
        // A cancelled date has no field: it is kept in `extra`, as a tag membank does not know is.
        if (value !== '') fields.push(kind.field === 'cancelled' ? { name: kind.field, value: read, flag: true } : { name: kind.field, value: read });
      }
      continue;
    }
    if (isPriorityTag(name, vocabulary)) {
      known = true;
      fields.push({ name: 'priority', value: name });
      continue;
    }
    const said = readTagStatus(name, vocabulary);
    if (said !== null) {
      known = true;
      status = said;
      continue;
    }
    if (labelTags.has(key)) {
      known = true;
      labels.push(key);
      continue;
    }
    owners.push(name);
  }
  if (!known) return null;
  if (owners.length > 0) fields.push({ name: 'owner', value: owners.join(', ') });
  if (labels.length > 0) fields.push({ name: 'tags', value: labels.join(', ') });
  return { fields, status };
}

/** What may open a line's leading priority (`P…`, `[`, `(`, `**`, a priority word's first letter): most lines have none. */
const mayLeadPriority = /^[[(（【*_PpCcUuHhMmLl]/u;

/**
 * Markers people write on a task line besides its words: a priority (`[P1] Patch it`, `P0: Restore it`, `Ship it
 * (P2)`), a due date without a colon (`(due 2025-06-01)`, `— due 2025-07-15`) and owner mentions closing it
 * (`@dana`), read as fields and taken out of the title; and tags (`#frontend`), read as labels and left in it, so
 * that tagging a task never changes its title or key. `code`: the line's Markdown holds code spans (mentions and
 * tags are then not read). Null when the line has none.
 */
export function readLineMarkers(text: string, vocabulary: Vocabulary, code = false): LineMarkers | null {
  const mayLead = mayLeadPriority.test(text);
  // In a line with code (`npx @scope/tool`, `#include`), an `@` or `#` may be the code's: no mentions or tags there.
  const hasAt = !code && text.includes('@');
  const hasTag = !code && text.includes('#');
  const hasDue = dueWord.test(text);
  const mayCommit = endsWithHash(text);
  const estimateMark = text.includes('~') || text.includes('≈') || text.includes('⏱');
  const mayClose = text.endsWith(']') || text.endsWith(')') || text.endsWith('）') || text.endsWith('】') || /\d$/u.test(text);
  if (!mayLead && !hasAt && !hasTag && !hasDue && !mayClose && !estimateMark && !mayCommit) return null;
  const fields: InlineField[] = [];
  const commits: string[] = [];
  let rest = text;
  let tagStatus: string | null = null;
  let tagged = false;
  const lead = mayLead ? leadingPriority.exec(rest) : null;
  const cjkLead = mayLead && lead === null ? leadingCjkPriority.exec(rest) : null;
  if (cjkLead !== null) {
    fields.push({ name: 'priority', value: cjkLead[1] ?? cjkLead[2] ?? '' });
    rest = rest.slice(cjkLead[0].length);
  }
  if (lead !== null) {
    fields.push({ name: 'priority', value: (lead[1] ?? lead[2] ?? lead[3])?.toUpperCase() ?? lead[5] ?? lead[6] ?? '' });
    // A note on the level before its colon (`P1 (optional): local inference`, `P1（可选）：…`) is the task's, not title.
    if (lead[4] !== undefined) fields.push({ name: 'note', value: lead[4].trim() });
    rest = rest.slice(lead[0].length);
  }
  const leadOwners = hasAt && rest.startsWith('@') ? leadingMentions.exec(rest) : null;
  if (leadOwners?.[1] !== undefined) {
    fields.push({ name: 'owner', value: readMentionNames(leadOwners[1]) });
    rest = rest.slice(leadOwners[0].length);
  }
  for (let guard = 0; guard < 4; guard++) {
    // Whether what is left closes with a group: a marker taken off may uncover one (`Thumbnail worker (P2) @ola`).
    const closes = rest.endsWith(']') || rest.endsWith(')') || rest.endsWith('）') || rest.endsWith('】');
    const run = hasAt && !tagged ? findClosingTags(rest) : [];
    const tags = run.length > 0 ? readClosingTags(run, vocabulary) : null;
    if (tags !== null) {
      fields.push(...tags.fields);
      tagStatus = tags.status;
      tagged = true;
      rest = rest.slice(0, run[0]?.start).trimEnd();
      continue;
    }
    const bracketed = hasAt && closes ? bracketedMentions.exec(rest) : null;
    if (bracketed?.[1] !== undefined && bracketed.index > 0) {
      fields.push({ name: 'owner', value: readMentionNames(bracketed[1]) });
      rest = rest.slice(0, bracketed.index);
      continue;
    }
    const mentions = hasAt ? closingMentions.exec(rest) : null;
    if (mentions !== null && mentions.index > 0 && !followsObjectWord(rest, mentions.index)) {
      fields.push({ name: 'owner', value: readMentionNames(mentions[0]) });
      // Tags after the mentions stay in the title, as tags do (`Restore the backup @mira #ops`).
      rest = rest.slice(0, mentions.index) + rest.slice(mentions.index + mentions[0].length);
      continue;
    }
    const due = hasDue ? closingDue.exec(rest) : null;
    if (due !== null && due.index > 0) {
      fields.push({ name: 'due', value: due[1] ?? due[2] ?? '' });
      rest = rest.slice(0, due.index);
      continue;
    }
    // Before tags closing the line (`Image CDN (P2) #infra`), which stay title, as tags do.
    const tagRun = lead === null && hasTag && !closes ? closingTagRun.exec(rest) : null;
    const beforeTags = tagRun === null ? rest : rest.slice(0, tagRun.index);
    const priority = lead === null && (closes || (tagRun !== null && /[)\]]$/u.test(beforeTags))) ? closingPriority.exec(beforeTags) : null;
    if (priority !== null && priority.index > 0 && !fields.some((field) => field.name === 'priority')) {
      const level = priority[1] ?? priority[2];
      // A rank's number alone (`(Priority 1)`: `1`) is a P-level, as a bare digit is read.
      fields.push({ name: 'priority', value: level === undefined ? (priority[3] ?? priority[4] ?? priority[5] ?? priority[6] ?? priority[7] ?? priority[8] ?? '') : level.toUpperCase() });
      rest = rest.slice(0, priority.index) + rest.slice(beforeTags.length);
      continue;
    }
    const cjkPriority = closes && cjkLead === null && !fields.some((field) => field.name === 'priority') ? closingCjkPriority.exec(rest) : null;
    if (cjkPriority !== null && cjkPriority.index > 0) {
      fields.push({ name: 'priority', value: cjkPriority[1] ?? cjkPriority[2] ?? '' });
      rest = rest.slice(0, cjkPriority.index);
      continue;
    }
    const estimate = (closes || estimateMark) && !fields.some((field) => field.name === 'estimate') ? closingEstimate.exec(rest) : null;
    const effort = estimate?.[1] ?? estimate?.[2] ?? estimate?.[3] ?? estimate?.[4] ?? estimate?.[5];
    if (estimate !== null && effort !== undefined && estimate.index > 0) {
      fields.push({ name: 'estimate', value: effort.replace(/\s+/gu, ' ').trim() });
      rest = rest.slice(0, estimate.index);
      continue;
    }
    const dependencies = closes ? closingDependencies.exec(rest) : null;
    if (dependencies?.[1] !== undefined && dependencies[2] !== undefined && dependencies.index > 0) {
      fields.push({ name: dependencies[1].toLowerCase(), value: dependencies[2].replace(/\s*(?:,|\band\b|&)\s*/giu, ', ') });
      rest = rest.slice(0, dependencies.index);
      continue;
    }
    const reference = closes || /\d$/u.test(rest) ? closingReference.exec(rest) : null;
    const numbers = reference?.[2] ?? reference?.[4];
    if (reference !== null && numbers !== undefined && reference.index > 0) {
      fields.push({ name: referenceName(reference[1] ?? reference[3], numbers), value: numbers.replace(/\s*,\s*/gu, ', '), flag: true });
      rest = rest.slice(0, reference.index);
      continue;
    }
    const level = closes ? readClosingLevel(rest) : null;
    if (level !== null && !fields.some((field) => field.name === 'complexity')) {
      fields.push({ name: 'complexity', value: level.level });
      rest = level.rest;
      continue;
    }
    const commit = mayCommit ? closingCommit.exec(rest) : null;
    const hash = commit?.[1] ?? commit?.[2];
    if (commit !== null && hash !== undefined && commit.index > 0 && hexLetter.test(hash) && hexDigit.test(hash)) {
      commits.unshift(hash);
      rest = rest.slice(0, commit.index);
      continue;
    }
    break;
  }
  if (hasTag) {
    const tags: string[] = [];
    lineTag.lastIndex = 0;
    for (let match = lineTag.exec(rest); match !== null; match = lineTag.exec(rest)) if (match[1] !== undefined && !isHexColour(match[1])) tags.push(match[1]);
    if (tags.length > 0) fields.push({ name: 'tags', value: tags.join(', ') });
  }
  rest = rest.trim();
  return (fields.length === 0 && commits.length === 0 && tagStatus === null) || rest === '' ? null : { rest, fields, commits, tagStatus };
}

/**
 * The markers read before an item's closing status (`markers`, or null) with those it closed over, read off `rest` once
 * the status is off (`Monthly revenue chart (P1)`), and what is left; null when it closed over none. A field the first
 * reading found is not read twice.
 */
export function readLateMarkers(markers: LineMarkers | null, rest: string, vocabulary: Vocabulary, code: boolean): LineMarkers | null {
  const late = readLineMarkers(rest, vocabulary, code);
  if (late === null) return null;
  const known = new Set((markers?.fields ?? []).map((field) => field.name));
  const fields = late.fields.filter((field) => !known.has(field.name));
  if (fields.length === 0 || late.rest === rest) return null;
  return {
    rest: late.rest,
    fields: [...(markers?.fields ?? []), ...fields],
    commits: [...(markers?.commits ?? []), ...late.commits],
    tagStatus: markers?.tagStatus ?? late.tagStatus,
  };
}

/** A character a commit hash may end with (0-9, a-f). */
function isHexCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66);
}

/** Whether text ends with 7 to 40 hex digits, or with them and a closing `]` or `)`: a commit may close it. */
function endsWithHash(text: string): boolean {
  let end = text.length;
  const last = text.charCodeAt(end - 1);
  if (last === 0x5d || last === 0x29) end--;
  let digits = 0;
  while (digits < 41 && end - digits > 0 && isHexCode(text.charCodeAt(end - digits - 1))) digits++;
  return digits >= 7 && digits <= 40;
}

/** A label naming what an item is (`Task: Add session expiry`, `Track: Billing`, `Backlog Item: …`): not part of its title. */
export const itemLabel = /^(?:task|sub-?task|track|backlog item|work item|action item|aufgabe|backlog-eintrag|tâche|tarea|задача)\s*[:：]\s*(?=\S)/iu;

/** A date (with its time, if any) opening an item, bracketed or not, and what follows it (see `readDateStamp`). */
const dateStampLead = /^([[(]?)(\d{4}-\d{2}-\d{2})((?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:Z|UTC|[+-]\d{2}:?\d{2}))?)?)([\])]?)(\s*[-–—:]\s*|\s+)(?=\S)/u;

/**
 * The date stamp opening an item, when it is one (a log's `2025-10-01: Added the index`, `[2025-10-01 13:00] - …`,
 * `(2025-10-01 13:00Z) Added …` as ExecPlans write progress, `**2025-10-02** Wired …`): bracketed, in bold, followed
 * by a colon or a dash, or holding a time. A bare date and a word (`2025-10-15 release`) names the thing: kept.
 * `stamp` is what `normaliseDate` reads (the date alone when it cannot read the time).
 */
export function readDateStamp(text: string, markdown: string): { stamp: string; length: number } | null {
  const match = dateStampLead.exec(text);
  if (match === null) return null;
  const [whole, open = '', date = '', time = '', close = '', gap = ''] = match;
  const paired = (open === '[' && close === ']') || (open === '(' && close === ')');
  if (open !== '' && !paired) return null;
  if (!paired && time === '' && gap.trim() === '' && !/^(?:\*\*|__)\d{4}-\d{2}-\d{2}(?:\*\*|__)/u.test(markdown)) return null;
  return { stamp: time !== '' && normaliseDate(date + time) !== null ? date + time : date, length: whole.length };
}
