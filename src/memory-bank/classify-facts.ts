/**
 * What Markdown classification looks at: the facts derived once per file (name, folders, content signals), the
 * rule shape, and the small readings of those signals several rules share (fields, statuses, templates).
 */
import { posix } from 'node:path';
import type { Classification } from './classify-files.js';
import { normaliseLabel, scanMarkdown, type MarkdownSignals } from './discover-signals.js';
import { isEnglishKey, readKeyRole } from './key-roles.js';
import { detectValueLanguage } from './writeback/words.js';
import { doneMarkChars, fieldNames, taskStatusWords, type KnownStatus } from './vocabulary-data.js';
import { createVocabulary, matchWrittenStatus, readQualifiedHead } from './vocabulary.js';
import { normaliseListMarkers } from './list-markers.js';
import { readMarkMeanings } from './mark-meanings.js';

/** The built-in vocabulary: classification reads words the way the parser does. */
export const defaultVocabulary = createVocabulary();

/** Field names that carry a status: the parser's own list (one vocabulary source, with `état`, `ステータス`…). */
export const statusFieldNames: readonly string[] = fieldNames.status;

/**
 * Which family of bank a file sits in; decides a few path rules (Kiro, Taskmaster, roadmap, Conductor, Agent OS, CCPM,
 * OpenSpec).
 * `stories`: the bank is a story folder itself (BMAD's `docs/stories`), so its files are read as if under `stories/`.
 */
export type BankFlavor = 'memory-bank' | 'kiro' | 'taskmaster' | 'roadmap' | 'conductor' | 'stories' | 'agent-os' | 'ccpm' | 'openspec';

/** Input to Markdown classification. */
export interface ClassifyMarkdownInput {
  /** Path relative to the bank folder, POSIX separators. */
  pathInBank: string;
  flavor: BankFlavor;
  /** Decoded text (BOM stripped). */
  text: string;
  /** The `discover.taskGlobs` pattern this file matched, if any: read it as a task source. */
  taskGlob?: string | null;
  /** Precomputed signals (computed from `text` when absent). */
  signals?: MarkdownSignals;
}

/** Derived facts a rule looks at. */
export interface FileFacts {
  pathInBank: string;
  flavor: BankFlavor;
  /** File name without extension, as written. */
  stem: string;
  /** Stem in lower case with everything but letters and digits removed (`active_sprint` → `activesprint`). */
  key: string;
  /** Folder segments between the bank and the file (lower case). */
  folders: string[];
  signals: MarkdownSignals;
  taskGlob: string | null;
}

/** One classification rule: a name (for docs and tests) and a function that decides or passes (null). */
export interface ClassificationRule {
  name: string;
  describe: string;
  /** Decides from the path and the frontmatter alone: also tried on a file that is all frontmatter. */
  frontmatterOnly?: boolean;
  apply(facts: FileFacts): Classification | null;
}

/** The first bold field of that name (`**Status:** x`), with its line. */
export function findField(signals: MarkdownSignals, name: string): { value: string; line: number } | null {
  const f = signals.boldFields.find((b) => b.name === name);
  return f === undefined ? null : { value: f.value, line: f.line };
}

/** A file name that says template or example. */
export function isTemplateName(stem: string): boolean {
  return /template/i.test(stem) || /^(?:example|sample)(?:$|[-_.\s])/i.test(stem);
}

/** A frontmatter or field value as a comparable label (`: Done # note` → `done`). */
export function normaliseStatus(value: string): string {
  return normaliseLabel(value.replace(/^[\s:]+/, '')).replace(/\s*#.*$/, '');
}

/** Placeholder-heavy text (several kinds, many times) without real dates: a template. */
export function isContentTemplate(signals: MarkdownSignals): boolean {
  const { count, kinds } = signals.placeholders;
  return count >= 5 && kinds.length >= 2 && signals.isoDates <= 1;
}

const markOrEmoji = new RegExp(`[\\p{Extended_Pictographic}\\uFE0F\\u200D${doneMarkChars}]`, 'gu');

/**
 * The frontmatter key stating a status in another language, under a name in that language (`état: en cours`) or in
 * English (`status: terminé`, `status: pendiente`), that the vocabulary reads wholly as task progress; else null. An
 * English value under an English key is left to the English words (`draft`, `active` are a document's lifecycle).
 */
export function findTaskStatusKey(signals: MarkdownSignals): string | null {
  const key = Object.keys(signals.frontmatterData ?? {}).find((name) => readKeyRole(name) === 'status');
  if (key === undefined) return null;
  const value = signals.frontmatter?.['status'] ?? '';
  if (isEnglishKey(key) && detectValueLanguage([value], 'en') === 'en') return null;
  return isTaskProgressStatus(value, 1) ? key : null;
}

/** A value that states task progress (`Done`, `En cours`, `IN_PROGRESS`, `✅`), not a document state (`Ready for use`). */
export function isTaskProgressStatus(value: string, coverage = 0.5): boolean {
  // Judged on the words when there are any: `✅ READY FOR IGNITION` states a document's state, not a task's.
  const words = value.replace(markOrEmoji, '').trim();
  const match = matchWrittenStatus(defaultVocabulary, words === '' ? value : words);
  return match.matched && !match.legend && match.canonical !== 'unknown' && match.coverage >= coverage;
}

/** `taskStatusWords` by their letters alone: `in_progress`, `InProgress`, `inprogress` and `In-Progress` are one. */
const taskStatusLetters: ReadonlySet<string> = new Set(taskStatusWords.map((word) => readLetters(word)));

function readLetters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}]/gu, '');
}

/** A frontmatter `status` that speaks of task progress (`taskStatusWords`), however its words are joined or cased. */
export function isTaskStatusWord(status: string): boolean {
  if (taskStatusLetters.has(readLetters(status))) return true;
  // One saying where or since when (`shipped in v2`, `done since Monday`).
  const head = readQualifiedHead(status.trim());
  return head !== null && taskStatusLetters.has(readLetters(head));
}

/** A file name without extension (`TASK001-x.md` → `TASK001-x`). */
export function readStem(pathInBank: string): string {
  return posix.basename(pathInBank).replace(/\.[^.]+$/, '');
}

/**
 * A file or folder name as it is matched: in lower case, its Latin letters without accents, however it was typed
 * (`taches`) or stored (`tâches` decomposed, as macOS file systems write names: `a` and a combining circumflex).
 * The word lists it is matched against are folded the same way.
 */
export function foldName(name: string): string {
  const lower = name.toLowerCase();
  return /^[\x00-\x7f]*$/u.test(lower) ? lower : lower.normalize('NFD').replace(/([a-z])[\u0300-\u036f]+/gu, '$1').normalize('NFC').replace(/ı/gu, 'i');
}

/** The key a file's name is matched by: its stem folded (`foldName`), letters, their marks and digits only (`active_sprint` → `activesprint`; `प्रगति` keeps its vowel signs). */
export function readFileKey(pathInBank: string): string {
  return foldName(readStem(pathInBank)).replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}

/** Collects the facts the rules look at. */
export function collectFacts(input: ClassifyMarkdownInput): FileFacts {
  const stem = readStem(input.pathInBank);
  const folders = posix
    .dirname(input.pathInBank)
    .split('/')
    .filter((p) => p !== '.' && p !== '')
    .map((p) => p.toLowerCase());
  if (input.flavor === 'stories') folders.unshift('stories');
  return {
    pathInBank: input.pathInBank,
    flavor: input.flavor,
    stem,
    key: readFileKey(input.pathInBank),
    folders,
    // Read as parse reads it (`• [ ] x` is a list item: list-markers.ts).
    signals: withLegend(input.signals ?? scanMarkdown(normaliseListMarkers(input.text)), input.text),
    taskGlob: input.taskGlob ?? null,
  };
}

/**
 * The signals read with the file's legend of marks (mark-meanings.ts), read once and only when asked: items led by a
 * mark it explains counted as marked items, and tables asking what a status column of marks means.
 */
function withLegend(signals: MarkdownSignals, text: string): MarkdownSignals {
  let meanings: ReadonlyMap<string, KnownStatus> | null = null;
  const read = (): ReadonlyMap<string, KnownStatus> => (meanings ??= readMarkMeanings(text.split(/\r?\n/u), defaultVocabulary));
  const counted = countExplainedIndicators(signals, read);
  return counted.tables.length === 0 ? counted : { ...counted, tables: counted.tables.map((table) => ({ ...table, meanings: read })) };
}

/**
 * The signals with the items led by an indicator mark the file explains (`- 🟡 Move the cron jobs` beside a legend
 * `🟡 in progress`) counted as items led by a status mark, as the parser reads them (mark-meanings.ts).
 */
function countExplainedIndicators(signals: MarkdownSignals, read: () => ReadonlyMap<string, KnownStatus>): MarkdownSignals {
  if (signals.markLeads.length === 0) return signals;
  const meanings = read();
  let { open, done, firstLine } = signals.statusMarks;
  for (const lead of signals.markLeads) {
    const meant = meanings.get(lead.mark);
    if (meant === undefined) continue;
    if (meant === 'done') done++;
    else open++;
    firstLine = firstLine === null ? lead.line : Math.min(firstLine, lead.line);
  }
  return { ...signals, statusMarks: { open, done, firstLine } };
}
