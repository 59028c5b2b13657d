/**
 * Matching raw status, priority, section, field and date strings against the vocabularies in
 * `vocabulary-data.ts` (plus the config's `vocabulary.status` / `vocabulary.priority`). Pure functions; a
 * vocabulary caches its answers.
 */
import type { MembankConfig } from '../core/config.js';
import type { TaskStatusValue } from '../core/task-record.js';
import { dunderWord } from './inline.js';
import { writesDayFirst } from './language.js';
import {
  checkboxMarkers,
  matchStatusSectionPrefix,
  criteriaPhrases,
  criteriaHeadWords,
  criteriaHeadEndings,
  doneMarkChars,
  fieldNames,
  monthNames,
  statusLegendSource,
  nonSectionHeadings,
  ownerPlaceholders,
  placeholderTexts,
  priorityEmoji,
  priorityPhrases,
  sectionPhrases,
  statusEmoji,
  statusFolderNames,
  statusPatterns,
  statusPhrases,
  titleColumnNames,
  type FieldKind,
  type KnownStatus,
  workStageWords,
} from './vocabulary-data.js';

/** The outcome of matching one status string. */
export interface StatusMatch {
  canonical: TaskStatusValue;
  /** True when a phrase, pattern, emoji or percentage decided (false: nothing recognisable → `unknown`). */
  matched: boolean;
  /** True when the value lists several statuses (`⏳ PENDING / ✅ COMPLETE / ❌ FAILED`): a legend, not a status. */
  legend: boolean;
  /** Percentage written in the value (`Completed - 100%` → 1), else null. */
  percent: number | null;
  /**
   * Share of the value's words covered by the matched phrase (1 when only emoji/percentages were there):
   * `Not Started` → 1, `Technology Validation COMPLETE` → 0.27.
   */
  coverage: number;
}

/** The outcome of matching one priority string. */
export interface PriorityMatch {
  /** Vikunja priority 1..5, or null when nothing matched. */
  value: number | null;
  matched: boolean;
  /** The value lists several priorities (`🔴 high · 🟡 medium · 🟢 low`, `P1/P2`): a legend or a choice, not a priority. */
  legend?: true;
}

/** Vocabulary lookups used by every extractor. */
export interface Vocabulary {
  /** Maps a status value (any language, emoji, percentages, emphasis) to a canonical status. */
  matchStatus(raw: string): StatusMatch;
  /** Maps a priority value (`P0-CRITICAL`, `High`, `高`, `🔴`) to Vikunja's 1..5. */
  matchPriority(raw: string): PriorityMatch;
  /** Status implied by a section heading (`## Completed Tasks`, `## Later`, `## En Cours`), else null. */
  matchSection(heading: string): KnownStatus | null;
  /** Priority implied by a section heading (`### Hohe Priorität`, `## High Priority`), else null. */
  matchSectionPriority(heading: string): number | null;
  /**
   * The status a heading opening with a status phrase gives (`Next steps for the repository`, `Was noch zu
   * erstellen ist`; `statusSectionPrefixes`, as the classifier reads them), else null. Weaker than `matchSection`:
   * read only beside a heading that is exactly a status.
   */
  matchSectionPhrase(heading: string): KnownStatus | null;
  /** True for headings/labels whose lists are acceptance criteria or legends. */
  isCriteriaLabel(text: string): boolean;
  /** What a field name (`**Status**`, `负责人`, table header `Статус`) means, else null. */
  matchField(name: string): FieldKind | null;
  /** True when a table header names the task title column. */
  isTitleColumn(name: string): boolean;
  /** True for placeholder item texts (`(none)`, `_Пока нет_`). */
  isPlaceholder(text: string): boolean;
  /** True for owner values that mean nobody (`TBD`, `[Festzulegen]`, `@username`). */
  isOwnerPlaceholder(text: string): boolean;
  /** Status of a checkbox marker (the text between `[` and `]`), else null. */
  matchCheckbox(marker: string): KnownStatus | null;
}

/** Letters no decomposition takes apart, and their plain forms. */
const strokedFolds: Readonly<Record<string, string>> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', ħ: 'h', ŧ: 't', ƀ: 'b' };
const strokedLetters = /[łđøßħŧƀ]/gu;
const hasStrokedLetter = /[łđøßħŧƀ]/iu;
const emojiPattern = /[\p{Extended_Pictographic}\u{FE0F}\u{FE0E}\u{200D}\u{20E3}\u2713\u2717\u2718\u2610\u2611\u{1F3FB}-\u{1F3FF}]/gu;
const cjkPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether text holds a letter of a script written without spaces between words (Chinese, Japanese; Korean's Hangul). */
export function hasCjk(text: string): boolean {
  return cjkPattern.test(text);
}

/**
 * Normalises text for vocabulary matching: NFKC, lower case, Latin accents dropped, emoji and punctuation
 * replaced by spaces, whitespace collapsed (`✅ **COMPLÈTE**` → `complete`, `What's Left` → `what s left`).
 */
export function normaliseVocabularyText(text: string): string {
  const cached = normalisedCache.get(text);
  if (cached !== undefined) return cached;
  const normalised = normaliseUncached(text);
  // Headings, field names and status values repeat across a bank; a bounded cache keeps large files linear.
  if (normalisedCache.size >= 20_000) normalisedCache.clear();
  normalisedCache.set(text, normalised);
  return normalised;
}

const normalisedCache = new Map<string, string>();

/** The words an empty section's note opens with, before normalising (the fast path of `isPlaceholder`). */
const emptyNoteOpening = /^[\s*_([]*(?:none|nothing|no|currently|still|as yet|derzeit|aktuell|momentan|noch|keine|nichts|aucune?|rien|pas|ninguna?|nada|sin|nenhuma?|sem|nao|nessun[ao]?|non|geen|brak|khong|hien tai|gorev)\b/iu;

/** Text before a note set off by a spaced dash, a colon or parentheses (`None (all done)`): group 1. */
const noteAfterNone = /^(.+?)(?:\s+[-–—]\s+|\s*[(（:：])/u;
/** Placeholders for something still to be decided (`TBD`), which a note after them may name. */
const openPlaceholders: ReadonlySet<string> = new Set(['tbd', 'tba', 'n a', 'na', '', '…', '...']);

/**
 * An item saying its section is empty, in normalised text: `None currently`, `(none at the moment)`, `No tasks yet`,
 * `No active blockers`, `Currently none`, `Derzeit keine`, `Aucune pour le moment` — never a task.
 */
const emptySectionNote =
  /^(?:(?:currently|still|as yet)\s+)?(?:none|nothing|no\s+(?:(?:active|open|current|pending|planned|new|other|more|remaining|known|outstanding|major)\s+)?(?:tasks?|items?|work|issues?|blockers?|bugs?|todos?|entries|changes))(?:\s+(?:currently|yet|so far|for now|at the moment|at present|right now|today|here|in progress|planned|pending|open|active|left|remaining|identified|reported|known|at this time))*$|^(?:derzeit|aktuell|momentan|noch)\s+(?:keine|nichts)(?:\s+\p{L}+)?$|^(?:keine|nichts)\s+(?:derzeit|aktuell|momentan)$|^(?:aucune?|rien)\s+pour\s+(?:le moment|l instant)$|^(?:ninguna?|nada)\s+por\s+(?:ahora|el momento)$|^(?:nenhuma?|nada)\s+por\s+enquanto$/u;

/**
 * An item saying there is no task, in the other languages membank reads (normalised text): `Keine offenen Aufgaben`,
 * `Aucune tâche en cours`, `No hay tareas pendientes`, `Nenhuma tarefa pendente`, `Nessuna attività in sospeso`, `Geen
 * openstaande taken`, `Brak zadań na ten moment`, `Нет активных задач`, `Немає завдань`, `Bekleyen görev yok`, `Không có
 * task nào`, `无明确待完成任务`, `暂无待办事项`, `タスクはありません`, `진행 중인 작업 없음`. Only words qualifying the tasks
 * (open, pending, in progress, for now) may stand between: `无缝切换任务` (switch tasks seamlessly) is work.
 */
const noTasksNote = new RegExp(
  [
    String.raw`^(?:derzeit|aktuell|momentan|noch)?\s*keine\s+(?:(?:offenen|aktiven|weiteren|ausstehenden|neuen|geplanten)\s+)?(?:aufgaben|tasks|todos|punkte)(?:\s+(?:derzeit|aktuell|momentan|vorhanden|offen|mehr))*$`,
    String.raw`^(?:aucune|pas de)\s+(?:taches?|elements?)(?:\s+(?:en cours|en attente|ouvertes?|prevues?|restantes?|pour le moment|pour l instant|actuellement))*$`,
    String.raw`^(?:no hay|ninguna|sin)\s+tareas?(?:\s+(?:pendientes?|abiertas?|activas?|en curso|por ahora|por el momento|actualmente))*$`,
    String.raw`^(?:nenhuma|sem|nao ha)\s+tarefas?(?:\s+(?:pendentes?|abertas?|ativas?|em andamento|no momento|por enquanto))*$`,
    String.raw`^(?:nessun[ao]?|non ci sono)\s+(?:attivita|task|compiti)(?:\s+(?:in sospeso|aperte?|attive?|in corso|al momento|per ora))*$`,
    String.raw`^geen\s+(?:(?:openstaande|open|actieve|nieuwe)\s+)?taken(?:\s+(?:op dit moment|momenteel))*$`,
    String.raw`^brak\s+(?:(?:otwartych|aktywnych|nowych|oczekujacych)\s+)?zadan(?:\s+(?:na ten moment|w tej chwili|obecnie|na razie))*$`,
    String.raw`^(?:пока\s+)?(?:нет|немає)\s+(?:(?:активных|открытых|текущих|новых|активних|відкритих|поточних)\s+)?(?:задач|завдань)(?:\s+(?:пока|сейчас|наразі))*$`,
    String.raw`^(?:(?:bekleyen|acik|aktif)\s+)?gorev(?:ler)?\s+yok$`,
    String.raw`^(?:hien tai\s+)?khong co\s+(?:task|nhiem vu|cong viec)(?:\s+nao)?(?:\s+(?:dang cho|con lai))?$`,
    String.raw`^(?:目前|当前|當前|现在|現在|暂时|暫時)?(?:无|無|暂无|暫無|没有|沒有|尚无|尚無)(?:明确|明確|其他|其它|新|剩余|剩餘)?的?(?:待完成|待处理|待處理|待办|待辦|进行中|進行中|未完成)?的?(?:任务|任務|待办事项|待辦事項|待办|待辦|事项|事項)$`,
    String.raw`^(?:現在)?(?:未完了の?|残りの?|進行中の?|保留中の?)?(?:タスク|課題|作業)は?(?:なし|無し|ありません)$`,
    String.raw`^(?:현재\s*)?(?:진행\s*중인\s*|남은\s*|대기\s*중인\s*)?(?:작업|과제|할\s*일|태스크)(?:이|가|은|는)?\s*없(?:음|습니다)$`,
  ].join('|'),
  'u',
);

/** Whether normalised text says its section holds no task, in English (`emptySectionNote`) or another language (`noTasksNote`). */
function saysNoTask(normalised: string): boolean {
  return emptySectionNote.test(normalised) || noTasksNote.test(normalised);
}

/**
 * Whether a status value opens with a word saying the done word after it is not quite reached (`Almost done`, `Почти
 * готово`): it reads as in progress, but write-back does not copy it as the file's word for in progress.
 */
export function saysNotQuiteDone(value: string): boolean {
  return notQuiteDone.test(normaliseVocabularyText(stripInlineMarkdown(value)));
}

/**
 * Words opening a status that say it is not quite reached, in normalised text (lower case, accents dropped): `almost`,
 * `mostly`, `nearly`, `largely`, `partially`, and theirs in the languages membank reads. `基本` (as good as) is not one.
 */
/**
 * A word denying what follows it, in normalised text (`not`, `not yet`, `nicht`, `noch nicht`, `non`, `no`, `не`, `ещё
 * не`, `nie`, `chưa`, `henüz`, `未`, `尚未`, `まだ`): before a done word, the work is not done.
 */
const negation =
  /(?:^|\s)(?:not yet|not|never|noch nicht|nicht|non|pas encore|pas|todavia no|aun no|ainda nao|ainda não|no|ещё не|еще не|не|ще не|jeszcze nie|nie|nog niet|niet|chua|henuz|belum)\s+|(?:尚未|未|没有|沒有|まだ)/gu;

const notQuiteDone =
  /^(?:almost|mostly|nearly|largely|partially|partly|practically|virtually|fast|beinahe|nahezu|gro(?:ß|ss)tenteils|teilweise|presque|partiellement|quasi|casi|parcialmente|quase|bijna|grotendeels|deels|почти|частично|практически|майже|частково|prawie|czesciowo|temer|skoro|castecne|neredeyse|kismen|gan nhu|hampir|sebagian|ほぼ|大部分|部分|一部|差不多|거의|부분)(?:\s+|(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]))/u;

/**
 * `normaliseVocabularyText` for text that seldom repeats (titles for keys): the cached answer when there is one,
 * else computed without filling the cache with one-off entries.
 */
export function readNormalisedText(text: string): string {
  return normalisedCache.get(text) ?? normaliseUncached(text);
}

const asciiOnly = /^[\x00-\x7f]*$/u;
const asciiPunctuation = /[^a-z0-9\s]/;
/** Whitespace that `\s+ → ' '` would change: a run of two, or any whitespace character other than a space. */
const foldableWhitespace = /\s\s|[^\S ]/;

/**
 * `text.replace(/\s+/g, ' ').trim()` without building a new string when there is nothing to fold (most titles,
 * headings and cells): whitespace runs become one space, both ends trimmed.
 */
export function collapseWhitespace(text: string): string {
  return foldableWhitespace.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

function normaliseUncached(text: string): string {
  const plain = normaliseLetters(text);
  // Letters with a stroke, which have no accent to drop, typed without it as often (`Co dziala` for `Co działa`, `Da
  // hoan thanh` for `Đã hoàn thành`, `Mahnwesen fur Grosskunden`): folded for matching as the accents are.
  return hasStrokedLetter.test(plain) ? plain.replace(strokedLetters, (letter) => strokedFolds[letter] ?? letter) : plain;
}

/**
 * Text as a key's slug reads it: `normaliseVocabularyText` without folding the letters no decomposition takes apart
 * (`søgning`, `großkunden` stay as written, so the keys of earlier versions stay).
 */
export function normaliseKeyText(text: string): string {
  // The vocabulary's answer where it has one and folded nothing (titles read for their status already).
  const cached = normalisedCache.get(text);
  return cached !== undefined && !hasStrokedLetter.test(text) ? cached : normaliseLetters(text);
}

function normaliseLetters(text: string): string {
  // ASCII text has nothing to compose, no accents and no emoji: the same result without the Unicode passes.
  if (asciiOnly.test(text)) {
    const lower = text.toLowerCase();
    return collapseWhitespace(asciiPunctuation.test(lower) ? lower.replace(/[^a-z0-9\s]/g, ' ') : lower);
  }
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/([a-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    // Turkish dotless ı, as its upper case `I` folds back (`TAMAMLANDI`): an accent of sorts, dropped like them.
    .replace(/ı/gu, 'i')
    // Arabic's yeh and kaf as Persian and Urdu write them (`ي`, `ى` → `ی`; `ك` → `ک`): keyboards type either.
    .replace(/[يى]/gu, 'ی')
    .replace(/ك/gu, 'ک')
    .replace(emojiPattern, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `text` without a note in parentheses at its end: `Pending (waiting on the schema)` → `Pending`. */
export function dropTrailingNote(text: string): string {
  // A full stop after it ends the sentence the status was written as (`In progress (partially satisfied).`).
  return text.replace(/\s*[(（][^()（）]*[)）][.。]?\s*$/u, '');
}

/** Whether a status match reads plainly as a status: matched, not a legend, its phrase at least half of the value. */
export function readsAsStatus(match: StatusMatch): boolean {
  return match.matched && !match.legend && match.coverage >= 0.5;
}

/**
 * Whether a field's value states a status plainly (`readsAsStatus`), or before a note in parentheses (`In progress
 * (partially satisfied).`): the status written first.
 */
export function readsAsStatusBeforeNote(vocabulary: Vocabulary, value: string): boolean {
  return readsAsStatus(vocabulary.matchStatus(value)) || readsAsStatus(vocabulary.matchStatus(dropTrailingNote(value)));
}

/** A short head before a note after `:`, `,`, `;` or a spaced dash (`Done, pending deploy`): group 1. */
const headBeforeNote = /^(.{1,40}?)(?:\s*[:;,：；，]\s+|\s+[-–—]\s+)\S/u;

/**
 * How a status field's value reads (`**Status:** x`, a Status cell): the status its author wrote first, before a
 * note. A note in parentheses never decides (`Pending (waiting on the schema)` is todo); a note after `:`, `,`, `;`
 * or a spaced dash (`Done, pending deploy`, `Blocked: waiting on the vendor`, `Complete - merged in #42`) decides
 * only when the whole value is not plainly a status itself. The whole value's percent still counts.
 */
export function matchWrittenStatus(vocabulary: Vocabulary, value: string): StatusMatch {
  const match = vocabulary.matchStatus(value);
  // The head's status when it is plainly one, with the whole value's percent; else null.
  const lead = (head: string): StatusMatch | null => {
    const found = vocabulary.matchStatus(head);
    return readsAsStatus(found) ? { ...found, percent: found.percent ?? match.percent } : null;
  };
  const written = dropTrailingNote(value);
  const beforeParenthesis = written !== value && written !== '' ? lead(written) : null;
  if (beforeParenthesis !== null) return beforeParenthesis;
  if (match.legend || (match.matched && match.coverage >= 0.5)) return match;
  const head = headBeforeNote.exec(written)?.[1];
  const noted = head === undefined ? null : lead(head);
  if (noted !== null) return noted;
  // A status saying where or since when (`Released in 1.4.0`, `In progress since Monday`, `Deployed to staging`,
  // `Completed in sprint 4`): the status before the qualifier, when it is wholly one.
  const qualified = readQualifiedHead(written);
  const before = qualified === null ? null : lead(qualified);
  return before !== null && before.coverage >= 0.9 ? before : match;
}

/** The words before a qualifier saying where, when or by whom (`Released in 1.4.0` → `Released`), else null. */
export function readQualifiedHead(value: string): string | null {
  return headBeforeQualifier.exec(value)?.[1] ?? null;
}

/**
 * A short head before a preposition saying where, when or by whom (`Released in 1.4.0`, `In progress since Monday`,
 * `Erledigt seit Montag`, `Terminé en v2`): group 1. Not `for`: `Ready for ignition` states a document's readiness.
 */
const headBeforeQualifier =
  /^(.{2,30}?)\s+(?:in|since|on|to|at|by|until|from|via|after|seit|am|bis|ab|en|depuis|dans|le|desde|hasta|em|dal|fino|sinds|op|tot)\s+\S/iu;

const inlineSyntax = /[![<*_~`]|&[#a-zA-Z]/u;

/** Removes Markdown emphasis, code and link syntax from a short inline value, keeping its text. */
export function stripInlineMarkdown(text: string): string {
  // Text with no link, HTML, emphasis, strikethrough or code characters only needs its whitespace folded.
  if (!inlineSyntax.test(text)) return collapseWhitespace(text);
  // Code is text as written (`` `--json` ``, `` `<head>` ``): set aside while the rest loses its syntax, then put back
  // as `writeCodeText` writes it.
  if (!text.includes('`')) return stripInlineSyntax(text);
  const spans: string[] = [];
  const held = text.replace(codeSpan, (_match: string, _ticks: string, code: string) => {
    spans.push(writeCodeText(code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '' ? code.slice(1, -1) : code));
    return heldCode;
  });
  if (spans.length === 0) return stripInlineSyntax(text);
  let next = 0;
  return collapseWhitespace(stripInlineSyntax(held).replace(heldCodes, () => spans[next++] ?? ''));
}

/**
 * A tag as CommonMark reads one: a name of letters, digits and dashes (group 1), then a space, `/` or `>` (`<kbd>`,
 * `<br/>`, `<span class="x">`, `<Picture>`, `<UserCard />`). Written as a source: `tagShape` tests for one in code,
 * `htmlTag` drops them from text.
 */
const tagSource = String.raw`<\/?([a-z][a-z0-9-]*)(?:\s[^<>]*)?\/?>`;
/** A tag's shape, whatever the case of its name. */
const tagShape = new RegExp(tagSource, 'iu');
const htmlTag = new RegExp(tagSource, 'gi');
/** A component's name as code names one (`Header`, `UserCard`: a capital, then small letters), which HTML never writes. */
const componentName = /^[A-Z][a-z]/u;

/** A code span: a run of backticks, the code, the same run again (CommonMark's rule, on one line). */
const codeSpan = /(`+)(?!`)(.+?)(?<!`)\1(?!`)/gu;
/** Where `stripInlineMarkdown` holds a code span: a private-use character no Markdown rule reads. */
const heldCode = '\uE000';
const heldCodes = /\uE000/gu;

/**
 * Code in a title, as text: as written (`` `--json` `` reads `--json`). Code that reading inline Markdown would change
 * (`` `<head>` ``, `` `Array<string>` ``, `` `__init__.py` ``, a glob of stars) keeps its backticks, so that reading the
 * title again, or writing it into a Markdown file, leaves the code as it is.
 */
export function writeCodeText(code: string): string {
  // A component's tag (`` `<Suspense>` ``), which titles keep as text, keeps its backticks as an element's does.
  if (!inlineSyntax.test(code) || (stripInlineSyntax(code) === collapseWhitespace(code) && !tagShape.test(code))) return code;
  let fence = '`';
  while (code.includes(fence)) fence += '`';
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/** `stripInlineMarkdown` of text whose code spans are held aside. */
function stripInlineSyntax(text: string): string {
  return text
    // A wiki link (Obsidian, Foam, Logseq) reads as its alias, else its target: `[[Runbooks/Deploy]]`, `[[Notes#Decisions|the decisions]]`.
    .replace(/!?\[\[([^\]|\n]+?)(?:\|([^\]\n]+?))?\]\]/g, (_match: string, target: string, alias: string | undefined) => alias ?? target)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    // An HTML comment (`<!-- id: 7 -->`, an agent's bookkeeping) is not text the reader sees.
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    // An autolink (`<https://example.com/docs>`, `<ana@example.com>`) reads as its address.
    .replace(/<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/gi, '$1')
    // A tag (`htmlTag`: `<kbd>`, `<br/>`, `<span class="x">`); `<PROJECT_NAME>` and `Map<String, Int>` are text, and
    // so is a component (`<Header>`, `<UserCard />`: `componentName`).
    .replace(htmlTag, (tag: string, name: string) => (componentName.test(name) ? tag : ''))
    // Underscores wrap words only as CommonMark pairs them (`_draft_`, `__bold__`): one inside a word is the word's
    // (`_compile_diagram_patterns()`, `_private_helper` have no closing underscore and keep theirs), and a name between
    // double underscores is the name (`__init__`, `__tests__`: `dunderWord`).
    .replace(underscoreEmphasis, (match: string, before: string, run: string, words: string) => (run === '__' && dunderWord.test(words) ? match : before + words))
    .replace(/(\*\*|~~)/g, '')
    // Stars only where they wrap words: `OFFER_*, KYC_*` keeps its wildcards and underscores.
    .replace(/(^|[\s(])\*+(?=[\p{L}\p{N}])/gu, '$1')
    .replace(/([\p{L}\p{N}.!?])\*+(?=$|[\s),.;:!?])/gu, (match: string, before: string) => (/^[A-Z0-9]_\*$/u.test(match) ? match : before))
    .replace(/`+/g, '')
    .replace(characterReference, decodeReference)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Underscore emphasis as CommonMark pairs it: a run of one to three underscores not after a letter or digit (group 2),
 * words (group 3), the same run not before a letter or digit. Group 1 is the character before the opening run.
 */
const underscoreEmphasis = /(^|[^\p{L}\p{N}_])(_{1,3})(?=\S)(.+?)(?<=\S)\2(?![\p{L}\p{N}_])/gu;

/**
 * Words opening a list of examples, in brackets or not: `e.g.`, `eg`, `i.e.`, `for example`, `z. B.`, `bspw.`, `p. ex.`,
 * `par ex.`, `p. ej.`, `por ejemplo`, `ad es.`, `bijv.`, `np.`, `напр.`, `например`, `例如`, `比如`, `例：`, `예:`.
 */
const exampleOpening =
  /^\s*[([]?\s*(?:e\.\s?g\.?|eg\.|i\.\s?e\.|for example|z\.\s?b\.|bspw\.|beispielsweise|p\.\s?ex\.|par ex(?:\.|emple)|p\.\s?ej\.|por ejemplo|ad es\.|ad esempio|bijv\.|np\.|напр\.|например|例如|比如|例[：:]|예[：:]|예를 들어)(?=[\s,:：]|$)/iu;

/** A character reference as CommonMark reads one (`&amp;`, `&#8212;`, `&#x2014;`): group 1 decimal, 2 hex, 3 a name. */
const characterReference = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/gu;

/** The named references titles are written with; another name stays as written. */
const namedReferences: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', middot: '·',
  bull: '•', rarr: '→', larr: '←', harr: '↔', rArr: '⇒', times: '×', copy: '©', reg: '®', trade: '™', deg: '°',
  laquo: '«', raquo: '»', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', check: '✓', euro: '€', pound: '£',
};

function decodeReference(whole: string, decimal: string | undefined, hex: string | undefined, name: string | undefined): string {
  if (name !== undefined) return namedReferences[name] ?? whole;
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
}

/** Text with its character references decoded (`R&amp;D` → `R&D`, `&#8212;` → `—`), as CommonMark reads them. */
export function decodeCharacterReferences(text: string): string {
  return text.includes('&') ? text.replace(characterReference, decodeReference) : text;
}

/** Extracts a percentage (`- 35%`, `(85% complete)`, `100 %`) as a fraction 0..1, else null. */
/** A sign opening a number (`-76%`, `+12 %`, `−5%`): after the start, a space or a bracket. */
const signedPercent = /(?:^|[\s(（\[])[-+−±]$/u;

export function findPercent(text: string): number | null {
  const match = /(\d{1,3}(?:[.,]\d+)?)\s*%/u.exec(text);
  if (match === null || match[1] === undefined) return null;
  // A signed one (`839 → 200 lines (-76%)`, `+12%`) is a change, not a share done; a range's end (`50-60%`) is one.
  if (signedPercent.test(text.slice(0, match.index))) return null;
  const value = Number(match[1].replace(',', '.'));
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  return value / 100;
}

interface PhraseEntry<V> {
  phrase: string;
  value: V;
  cjk: boolean;
}

function buildPhraseEntries<V>(pairs: Iterable<readonly [string, V]>): PhraseEntry<V>[] {
  const seen = new Map<string, PhraseEntry<V>>();
  for (const [raw, value] of pairs) {
    const phrase = normaliseVocabularyText(raw);
    if (phrase === '' || seen.has(phrase)) continue;
    seen.set(phrase, { phrase, value, cjk: cjkPattern.test(phrase) });
  }
  // Longest first, so the first hit is the most specific; ties keep declaration order.
  return [...seen.values()].sort((a, b) => b.phrase.length - a.phrase.length);
}

function occursAt(text: string, entry: PhraseEntry<unknown>): boolean {
  if (entry.cjk) return text.includes(entry.phrase);
  let from = 0;
  for (;;) {
    const index = text.indexOf(entry.phrase, from);
    if (index < 0) return false;
    const before = index === 0 ? ' ' : text[index - 1];
    const afterIndex = index + entry.phrase.length;
    const after = afterIndex >= text.length ? ' ' : text[afterIndex];
    if (before === ' ' && after === ' ') return true;
    from = index + 1;
  }
}

/** Where to look for a phrase list's entries in a text: positions by first word, and the CJK ones (found anywhere). */
interface PhraseIndex {
  byFirstWord: Map<string, number[]>;
  cjk: number[];
}

const phraseIndexes = new WeakMap<readonly PhraseEntry<unknown>[], PhraseIndex>();

function indexPhrases(entries: readonly PhraseEntry<unknown>[]): PhraseIndex {
  const known = phraseIndexes.get(entries);
  if (known !== undefined) return known;
  const index: PhraseIndex = { byFirstWord: new Map(), cjk: [] };
  entries.forEach((entry, position) => {
    if (entry.cjk) {
      index.cjk.push(position);
      return;
    }
    const space = entry.phrase.indexOf(' ');
    const word = space < 0 ? entry.phrase : entry.phrase.slice(0, space);
    const positions = index.byFirstWord.get(word);
    if (positions === undefined) index.byFirstWord.set(word, [position]);
    else positions.push(position);
  });
  phraseIndexes.set(entries, index);
  return index;
}

/**
 * The first entry (longest phrase) that occurs in `text` on word boundaries. Only entries whose first word is a word
 * of the text can occur there (and CJK entries, found anywhere, only in text with CJK characters): the same answer
 * as trying every entry in order, without trying hundreds of phrases of other languages.
 */
function findLongest<V>(text: string, entries: readonly PhraseEntry<V>[]): PhraseEntry<V> | null {
  const index = indexPhrases(entries);
  let best = -1;
  if (index.cjk.length > 0 && cjkPattern.test(text)) {
    for (const position of index.cjk) {
      if (occursAt(text, entries[position] as PhraseEntry<V>)) {
        best = position;
        break;
      }
    }
  }
  let from = 0;
  while (from <= text.length) {
    const space = text.indexOf(' ', from);
    const end = space < 0 ? text.length : space;
    const positions = index.byFirstWord.get(text.slice(from, end));
    if (positions !== undefined) {
      for (const position of positions) {
        if (best >= 0 && position >= best) break;
        if (occursAt(text, entries[position] as PhraseEntry<V>)) {
          best = position;
          break;
        }
      }
    }
    from = end + 1;
  }
  return best < 0 ? null : (entries[best] as PhraseEntry<V>);
}

/**
 * The phrases of several words (Latin script) by their words written together (`not started` → `notstarted`), the
 * first entry of each kept: a value written as one word is looked up here when no phrase is found in it.
 */
function buildJoinedPhrases<V>(entries: readonly PhraseEntry<V>[]): ReadonlyMap<string, V> {
  const joined = new Map<string, V>();
  for (const entry of entries) {
    if (entry.cjk || !entry.phrase.includes(' ')) continue;
    const key = entry.phrase.replaceAll(' ', '');
    if (!joined.has(key)) joined.set(key, entry.value);
  }
  return joined;
}

const exactIndexes = new WeakMap<readonly PhraseEntry<unknown>[], ReadonlyMap<string, PhraseEntry<unknown>>>();

/**
 * The entry whose phrase is `text`, looked up in a map of the list built once (a list's phrases are distinct:
 * `buildPhraseEntries` keeps the first of each), instead of comparing `text` with hundreds of phrases in turn.
 */
function findExact<V>(text: string, entries: readonly PhraseEntry<V>[]): PhraseEntry<V> | null {
  let index = exactIndexes.get(entries);
  if (index === undefined) {
    const byPhrase = new Map<string, PhraseEntry<unknown>>();
    for (const entry of entries) if (!byPhrase.has(entry.phrase)) byPhrase.set(entry.phrase, entry);
    exactIndexes.set(entries, byPhrase);
    index = byPhrase;
  }
  return (index.get(text) as PhraseEntry<V> | undefined) ?? null;
}

function firstEmoji<V>(text: string, table: Readonly<Record<string, V>>): V | null {
  for (const char of text) {
    const value = table[char];
    if (value !== undefined) return value;
  }
  return null;
}

/**
 * A value that is one circle filled as far as the work is (Harvey balls: `○` not started, `◔` `◑` `◐` `◕` under way,
 * `●` done). Read only when the circle is the whole value: `●` opens bullets pasted from elsewhere.
 */
const progressCircles: Readonly<Record<string, KnownStatus>> = {
  '○': 'todo', '◯': 'todo', '◔': 'in_progress', '◑': 'in_progress', '◐': 'in_progress', '◒': 'in_progress', '◓': 'in_progress', '◕': 'in_progress', '●': 'done',
  // A white square, the box Japanese and Chinese checklists draw (`□ 請求書の出力`): an open box when it is the whole
  // value, not a progress bar's empty cell (`■■■□□□□□□□`).
  '□': 'todo',
};

/**
 * A priority written as marks counted: one to five exclamation marks, or filled stars before empty ones (group 1 or
 * 2 the marks counted). The parser reads the level from it, write-back the file's way of writing one.
 */
export const countedMarks = /^\s*(?:(!{1,5})|([★⭐]{1,5})☆*)\s*$/u;

const datePattern =
  /\[?\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\]?/g;
const leadingDoneMark = new RegExp(`^\\s*[${doneMarkChars}]\\uFE0F?(?:\\s|$)`, 'u');
/** Words that make a short heading about something other than work, whatever status word it holds (normalised). */
const aboutWords = new Set([
  'risk', 'risks', 'metric', 'metrics', 'note', 'notes', 'decision', 'decisions', 'consideration', 'considerations',
  'concern', 'concerns', 'challenge', 'challenges', 'lesson', 'lessons', 'question', 'questions', 'learning', 'learnings',
  'insight', 'insights', 'finding', 'findings', 'assumption', 'assumptions', 'constraint', 'constraints',
]);

/** Says whether a name (a heading's, a data list's key) has a word naming something other than work: `Risks`, `open_questions`. */
export function namesOtherThanWork(name: string): boolean {
  return name.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((word) => aboutWords.has(word));
}

/** A time qualifier closing a section heading, normalised (`this week`, `sprint 12`, `today`, `so far`). */
const timeQualifier =
  /\s+(?:(?:this|last|current|past|previous)\s+(?:week|sprint|month|session|iteration|release|quarter|cycle)|today|yesterday|so far|to date|(?:week|sprint|iteration|day)\s+\d+|(?:in|for|en|para|pour|im|fur|dans)\s+(?:this|the next|the|next|esta|este|el siguiente|la siguiente|la proxima|el proximo|cette|la prochaine|le prochain|diesem|dieser|den nachsten|dem nachsten)\s+(?:update|step|release|version|iteration|actualizacion|paso|etapa|version|mise a jour|etape|update|schritt|release))$/u;
/** Stages of the work that, before a noun for work, name what the work is about (`Testing Tasks`), not its status. */
const topicStages: ReadonlySet<string> = new Set(workStageWords);
const genericNouns = /\s+(?:tasks?|items?|work|phases?|milestones?|features?|functions|functionality|capabilities|enhancements|improvements|stories|steps|lists?|aufgaben|funktionen|funktionalitaten|tâches|taches|tareas|задачи|задач|функции|возможности|funkcje|funkcjonalności|özellikler|任务|事项)$/u;
/**
 * The same nouns where a language puts them first, the status after (`Funcionalidades implementadas`, `Fonctionnalités
 * implémentées`, `Funzionalità implementate`, `Tareas completadas`), normalised: without accents.
 */
const leadingGenericNouns = /^(?:funcionalidades|funcionalidad|caracteristicas|recursos|fonctionnalites|fonctionnalite|funzionalita|caratteristiche|tareas|tarefas|taches|attivita|zadania)\s+/u;
/**
 * The same nouns as Chinese, Japanese and Korean join them to a status, without a space: `未着手のタスク`, `阻塞的任务`,
 * `예정된 작업`, `완료 작업` (the status, then the particle or ending that makes it qualify the noun).
 */
const cjkGenericNouns = /(?:\s*[の的])?(?:タスク|任务|任務|事项|作業|項目|機能|功能)$|\s*(?:된|인)?\s*(?:작업|기능)$/u;
/** The month names of every language membank reads, normalised, longest first, as a pattern's alternatives. */
const monthNameSource = [...new Set(Object.keys(monthNames).map((name) => normaliseVocabularyText(name)))].sort((a, b) => b.length - a.length).join('|');
/**
 * A month, a quarter or a year the status is of, closing a heading, normalised (`Completed in March`, `Done — March
 * 2025`, `Erledigt im März`, `Shipped Q3 2025`, `Done in 2024`).
 */
const periodQualifier = new RegExp(
  String.raw`\s+(?:(?:in|during|for|im|fur|en|pour|de|para|em|a|per|w|v|в)\s+)?(?:(?:${monthNameSource}|q[1-4])(?:\s+\d{4})?|\d{4})$`,
  'u',
);
/** A month, a quarter or a year alone, normalised (`june 2025`, `haziran 2025`, `q3 2025`, `2025 06`, `h1 2026`). */
const periodOnly = new RegExp(
  String.raw`^(?:(?:${monthNameSource})(?:\s+\d{4})?|(?:q[1-4]|h[12])\s+\d{4}|\d{4}(?:\s\d{1,2})?)$`,
  'u',
);
/** Words saying a period is the one under way, normalised (`current`, `mevcut`, `aktuell`, `текущий`, `当前`). */
const currentPeriod = /^(?:current|ongoing|now|this month|mevcut|şimdiki|aktuell|laufend|actuel|en cours|actual|atual|corrente|текущий|текущая|当前|本月|現在|今月|현재)$/u;
/** A count closing a section heading, in brackets or after a separator, a noun for what it counts after it or not. */
const sectionCount = /(?:\s*[(（[]\s*\d+(?:\s*\/\s*\d+)?(?:\s*\p{L}+)?\s*[)）\]]|\s*[-–—:：|·]\s*\d+(?:\s*\/\s*\d+)?(?:\s+\p{L}+)?|\s+\d+\s+(?:items?|tasks?|todos?|to-dos?|stories|tickets))\s*$/u;

/** Words opening a heading that say its status holds now (`Currently in development`). */
const nowWords = /^(?:currently|aktuell|derzeit|actuellement|actualmente|attualmente|сейчас)\s+/u;
/** A note in parentheses closing a heading (`Completed (100% Foundation)`), full-width too. */
const trailingNote = /\s*[(（][^()（）]*[)）]\s*$/u;
/** Headings naming only the kind of things a section lists (`Tasks`, `Open items` is a status): normalised. */
/** A denial before a word for being blocked, normalised (`not blocking`, `no blockers`, `nicht blockiert`, `sin bloqueos`). */
const deniedBlock =
  /(?:^|\s)(?:not|no|non|never|nothing|nicht|nichts|kein\p{L}*|pas|sans|sin|sem|senza|не|нет|без|không)\s+(?:\p{L}+\s+)?(?:block\p{L}*|blockiert\p{L}*|bloqu\p{L}*|blocc\p{L}*|блок\p{L}*|chặn|stuck|broken|fail\p{L}*|errors?|timeouts?|timed out|fehl\p{L}*|erreurs?|échec\p{L}*|erro(?:r|s|res)?|ошибк\p{L}*|сбо\p{L}*|lỗi)/u;
/** Two words joined by `and` in the languages membank reads (`Done and deployed`, `Concluída e arquivada`). */
const statusPair = /^(\S.{0,30}?)\s+(?:and|&|und|et|y|e|ed|en|и|та|і|và|ve|oraz|i)\s+(\S.{0,30})$/iu;
const onlyGenericNouns = /^(?:tasks?|items?|work|todos?|aufgaben|tâches|taches|tareas|задачи|任务|事项|タスク)$/u;
/** A slash with spaces around it, between two statuses (`On Hold / Deferred`). */
const spacedSlash = /\s+\/\s+/u;

/** The heading without what says when the status was reached or is of, qualifiers in a row too (`Done this sprint (Sprint 4)`). */
function dropQualifiers(text: string): string {
  let when = text;
  for (let round = 0; round < 3; round++) {
    const next = when.replace(timeQualifier, '').replace(versionQualifier, '').replace(periodQualifier, '');
    if (next === when) break;
    when = next;
  }
  return when;
}
/** A version the status is of, closing a heading (`Done (v1.0)`, `Planned for 2.0`; normalised: `done v1 0`). */
const versionQualifier = /\s+(?:(?:in|for|of|für|pour|para|в)\s+)?v?\d+(?:\s\d+)+$|\s+(?:(?:in|for|of)\s+)?v\d+$/u;
/** What separates the priorities a legend lists (`🔴 high · 🟡 medium`, `P1/P2`, `High | Low`, `high or low`). */
const prioritySeparators = /\s*[·•|/,;]\s*|\s+or\s+/u;
/** Nouns naming the work a ranked section lists (`High Priority Tasks`, `Urgent Items`); not `Issues`, `Notes`: known issues are text. */
const workNouns = /\s+(?:tasks?|items?|todos?|to-dos?|work|action items|aufgaben|tâches|taches|tareas|задачи|задач|任务|事项)$/u;
// Bounded by what is no letter: `\b` knows only ASCII letters, and missed `Высокий приоритет`.
/** A P-level in brackets or parentheses (`(P0)`, `[P2]`, `（P1）`): group 1 its number. */
const notedLevel = /[([（]\s*P([0-4])\s*[)\]）]/iu;
/** A P-level and an item's number after a dash or a full stop, opening a heading (`P1-3: …`, `P0.2 …`): an id. */
const levelIdFirst = /^\s*(?:\*\*|__)?P[0-5][-.]\d/iu;
/** A priority word and its rank's number opening a heading, a separator after them (`Priority 1: …`, `Prioridad 2 - …`). */
const rankNumberFirst =
  /^\s*(?:priority|priorität|prioritat|priorite|priorité|prioridad|prioridade|priorità|priorita|prioriteit|приоритет|prio)\s*#?([0-4])\s*(?:[:：.)]|\s[-–—]\s)/iu;
const priorityWords = /(?<![\p{L}\p{N}])(?:priority|priorities|priorität|prioritat|priorite|prioridad|prioridade|priorita|prioriteit|приоритет|приоритетом|prio)(?![\p{L}\p{N}])|优先级|優先級|優先度|우선순위/u;

/** Priority words that rank a section when they are its whole heading (`## Urgent`, `## Low`). */
const rankHeadingWords: ReadonlySet<string> = new Set([
  'urgent', 'critical', 'asap', 'immediate', 'emergency', 'highest', 'high', 'medium', 'low', 'lowest',
  'crítico', 'critico', 'crítica', 'critica', 'urgente', 'kritisch', 'dringend', 'critique', 'критично', 'критический', 'срочно',
]);

const vocabularyCache = new WeakMap<object, Vocabulary>();
let defaultVocabulary: Vocabulary | null = null;

/**
 * Builds the vocabulary from the built-in tables plus the config's additions (config phrases win). Cached per
 * config object (configs are frozen), so repeated parses do not rebuild the phrase tables.
 */
export function createVocabulary(config?: Partial<MembankConfig['vocabulary']>): Vocabulary {
  const empty = config === undefined || (Object.keys(config.status ?? {}).length === 0 && Object.keys(config.priority ?? {}).length === 0);
  if (empty) {
    defaultVocabulary ??= buildVocabulary(undefined);
    return defaultVocabulary;
  }
  const cached = vocabularyCache.get(config);
  if (cached !== undefined) return cached;
  const built = buildVocabulary(config);
  vocabularyCache.set(config, built);
  return built;
}

/**
 * The entries of a config table named by one symbol and no words (`"🟢": "done"`, `"🔺": 4`): normalising would leave
 * nothing of them, so they are looked up as the built-in emoji are (variation selectors removed).
 */
function readConfigSymbols<V>(table: Readonly<Record<string, V>> | undefined): Record<string, V> {
  const symbols: Record<string, V> = {};
  for (const [name, value] of Object.entries(table ?? {})) {
    if (normaliseVocabularyText(name) !== '') continue;
    const symbol = name.replace(/[\uFE0E\uFE0F\s]/gu, '');
    if ([...symbol].length === 1) symbols[symbol] = value;
  }
  return symbols;
}

function buildVocabulary(config: Partial<MembankConfig['vocabulary']> | undefined): Vocabulary {
  const configStatus = buildPhraseEntries(Object.entries(config?.status ?? {}));
  const configStatusSymbols = readConfigSymbols(config?.status);
  const configPrioritySymbols = readConfigSymbols(config?.priority);
  const builtInStatus = buildPhraseEntries(
    (Object.keys(statusPhrases) as TaskStatusValue[]).flatMap((status) =>
      statusPhrases[status].map((phrase) => [phrase, status] as const),
    ),
  );
  const denyStatus = builtInStatus.filter((entry) => entry.value === 'unknown');
  const joinedStatus = buildJoinedPhrases([...configStatus, ...builtInStatus]);
  const configPriority = buildPhraseEntries(Object.entries(config?.priority ?? {}));
  const builtInPriority = buildPhraseEntries(Object.entries(priorityPhrases));
  const sections = buildPhraseEntries(
    (Object.keys(sectionPhrases) as KnownStatus[]).flatMap((status) =>
      sectionPhrases[status].map((phrase) => [phrase, status] as const),
    ),
  );
  const criteria = new Set(criteriaPhrases.map(normaliseVocabularyText));
  const notSections = new Set(nonSectionHeadings.map(normaliseVocabularyText));
  const fields = new Map<string, FieldKind>();
  for (const kind of Object.keys(fieldNames) as FieldKind[]) {
    for (const name of fieldNames[kind]) {
      const key = normaliseVocabularyText(name);
      if (!fields.has(key)) fields.set(key, kind);
    }
  }
  fields.set('#', 'id');
  const titleColumns = new Set(titleColumnNames.map(normaliseVocabularyText));
  const placeholders = new Set(placeholderTexts.map(normaliseVocabularyText));
  const owners = new Set(ownerPlaceholders.map(normaliseVocabularyText));
  const placeholderLetters = Math.max(0, ...[...placeholders].map((text) => text.replace(/[^\p{L}\p{N}]/gu, '').length));

  const statusCache = new Map<string, StatusMatch>();
  const priorityCache = new Map<string, PriorityMatch>();

  function matchWords(text: string): { status: TaskStatusValue; length: number } | null {
    if (text === '') return null;
    const fromConfig = findLongest(text, configStatus);
    if (fromConfig !== null) return { status: fromConfig.value, length: fromConfig.phrase.length };
    const denied = findLongest(text, denyStatus);
    if (denied !== null) return { status: 'unknown', length: denied.phrase.length };
    for (const rule of statusPatterns) {
      const hit = rule.pattern.exec(text);
      if (hit !== null) return { status: rule.status, length: hit[0].length };
    }
    const found = findLongest(text, builtInStatus);
    if (found !== null) return { status: found.value, length: found.phrase.length };
    // A phrase written as one word, as enums and code write it (`NotStarted`, `onhold`, `InReview`).
    const joined = text.includes(' ') ? undefined : joinedStatus.get(text);
    return joined === undefined ? null : { status: joined, length: text.length };
  }

  /** The length of a denial and the done word after it (up to three words) in `text`, when nothing before it states a status; else null. */
  function readDeniedDone(text: string): number | null {
    negation.lastIndex = 0;
    for (let match = negation.exec(text); match !== null; match = negation.exec(text)) {
      const rest = text.slice(match.index + match[0].length);
      const next = rest.split(' ');
      for (let take = 1; take <= Math.min(3, next.length); take++) {
        const phrase = next.slice(0, take).join(' ');
        const after = matchWords(phrase);
        if (after?.status !== 'done' || after.length !== phrase.length) continue;
        negation.lastIndex = 0;
        return matchWords(text.slice(0, match.index).trim()) === null ? match[0].trim().length + 1 + phrase.length : null;
      }
    }
    return null;
  }

  function distinctStatuses(segments: readonly string[]): number {
    const distinct = new Set<TaskStatusValue>();
    for (const segment of segments) {
      const status =
        matchWords(normaliseVocabularyText(segment.replace(datePattern, ' ')))?.status ??
        firstEmoji(segment, configStatusSymbols) ??
        firstEmoji(segment, statusEmoji);
      if (status !== null && status !== 'unknown') distinct.add(status);
    }
    return distinct.size;
  }

  function computeStatus(raw: string): StatusMatch {
    const box = /^\s*\[([^\]]{0,2})\]\*?\s*$/u.exec(raw);
    if (box?.[1] !== undefined) {
      const status = checkboxMarkers[box[1].replace(/\u{FE0F}/gu, '')];
      if (status !== undefined) return { canonical: status, matched: true, legend: false, percent: null, coverage: 1 };
    }
    // A YAML-style comment listing the allowed values (`resolved  # pending, in_progress, resolved`) is a legend.
    const comment = /\s+#\s(.*)$/u.exec(raw);
    if (comment?.[1] !== undefined && distinctStatuses(comment[1].split(/\s*[,/|]\s*/u)) >= 2) {
      return { canonical: 'unknown', matched: false, legend: true, percent: null, coverage: 0 };
    }
    const withoutComment = comment === null ? raw : raw.slice(0, comment.index);
    const plain = stripInlineMarkdown(withoutComment);
    const percent = findPercent(plain);
    const segments = plain
      .replace(/^\[|\]$/g, '')
      .split(/\s*[/|]\s*|\s+or\s+/u)
      .map((segment) => segment.trim())
      .filter((segment) => segment !== '');
    if (segments.length >= 2 && distinctStatuses(segments) >= 2) {
      return { canonical: 'unknown', matched: false, legend: true, percent, coverage: 0 };
    }
    // A template's value giving examples of the statuses (`(e.g., Planned, In Progress, Complete)`, `z. B. offen`,
    // `例如：进行中`), or listing three or more after commas (`Planned, In Progress, Complete`): what may be written, no status.
    if (exampleOpening.test(plain)) return { canonical: 'unknown', matched: false, legend: true, percent, coverage: 0 };
    if (plain.includes(',')) {
      const listed = plain.replace(/^[([]|[)\]]$/gu, '').split(/\s*[,，、]\s*/u);
      if (listed.length >= 3 && distinctStatuses(listed) >= 3) return { canonical: 'unknown', matched: false, legend: true, percent, coverage: 0 };
    }
    const text = normaliseVocabularyText(plain.replace(datePattern, ' ').replace(/\d{1,3}(?:[.,]\d+)?\s*%/g, ' '));
    let words = matchWords(text);
    // A done word said to be not quite so (`Mostly done`, `Almost complete`, `Partially implemented`, `Fast fertig`,
    // `Почти готово`, `ほぼ完了`): the work goes on. The qualifier and the words are the status together.
    const qualifier = words?.status === 'done' ? notQuiteDone.exec(text) : null;
    if (qualifier !== null) {
      const rest = text.slice(qualifier[0].length).trimStart();
      const restWords = matchWords(rest);
      if (restWords?.status === 'done') words = { status: 'in_progress', length: text.length - rest.length + restWords.length };
    }
    // A done word denied (`Core base class not implemented`, `Not completed`, `nicht implementiert`, `не реализовано`,
    // `未实现`) says the work is not done — unless a done word stands before the denial (`Done, not deployed`).
    if (words?.status === 'done') {
      const denied = readDeniedDone(text);
      if (denied !== null) words = { status: 'todo', length: denied };
    }
    // A block or a failure denied (`Not blocking any current feature`, `No blockers`, `no error`, `keine Fehler`,
    // `never failed`, `не блокирует`) says nothing is in the way: no status.
    // The clauses saying something else still count (`Nicht blockiert, in Arbeit`: in progress).
    if (words?.status === 'blocked' && deniedBlock.test(text)) {
      const rest = plain
        .split(/[,;.!?，；。]/u)
        .filter((clause) => !deniedBlock.test(normaliseVocabularyText(clause)))
        .join(' ');
      const restText = normaliseVocabularyText(rest.replace(datePattern, ' '));
      words = restText === '' ? null : matchWords(restText);
      if (words?.status === 'blocked') words = null;
    }
    // Long prose values lead with their status (`Fixed — removed outer provider, switched …`): trust the head.
    if (text.split(' ').length > 6) {
      const head = /^(.{1,40}?)(?:\s+[-–—]\s+|[:;.,(]\s*)/u.exec(plain)?.[1];
      const headWords = head === undefined ? null : matchWords(normaliseVocabularyText(head.replace(datePattern, ' ')));
      if (headWords !== null) words = headWords;
    }
    let status: TaskStatusValue | null = words?.status ?? null;
    let coverage = words === null ? 0 : text.length === 0 ? 1 : words.length / text.length;
    // A leading done mark beats the words after it (`✅ Supprimé` is done, not cancelled; `✅ 6/6` is done),
    // unless the value itself says the work is partial (`✅ 3/5`, `✅ 40%`) or the words are not a task state.
    const lead = leadingDoneMark.exec(plain);
    if (lead !== null && words?.status !== 'unknown') {
      const ratio = /(\d+)\s*\/\s*(\d+)/u.exec(plain);
      const partial = (percent !== null && percent < 1) || (ratio !== null && Number(ratio[1]) < Number(ratio[2]));
      if (!partial) status = 'done';
      else if (status === null || status === 'done') status = 'in_progress';
      coverage = 1;
    }
    if (status === null) {
      status = firstEmoji(plain, configStatusSymbols) ?? firstEmoji(plain, statusEmoji) ?? progressCircles[plain.trim()] ?? null;
      if (status === null && percent !== null) status = percent >= 1 ? 'done' : percent <= 0 ? 'todo' : 'in_progress';
      coverage = text === '' ? 1 : 0;
    }
    // Two statuses of one kind joined by `and` (`COMPLETED AND ARCHIVED`, `Done and deployed`, `Concluída e arquivada`,
    // `Erledigt und archiviert`): wholly that status.
    if (status !== null && coverage < 1) {
      const joined = statusPair.exec(plain.trim());
      if (joined?.[1] !== undefined && joined[2] !== undefined) {
        const first = computeStatus(joined[1]);
        const second = computeStatus(joined[2]);
        if (first.canonical === status && second.canonical === status && first.coverage >= 1 && second.coverage >= 1) coverage = 1;
      }
    }
    if (status === null) return { canonical: 'unknown', matched: false, legend: false, percent, coverage: 0 };
    // A share done beside a done word says how far the work is: `95% complete` is in progress, `0% complete` not begun.
    if (status === 'done' && percent !== null && percent < 1) status = percent <= 0 ? 'todo' : 'in_progress';
    return { canonical: status, matched: status !== 'unknown', legend: false, percent, coverage };
  }

  function computePriority(raw: string): PriorityMatch {
    const plain = stripInlineMarkdown(raw.replace(/\s+#\s.*$/u, ''));
    const segments = plain.split(prioritySeparators);
    if (segments.length >= 2) {
      const values = new Set(segments.map((segment) => readOnePriority(segment.trim()).value));
      if (!values.has(null) && values.size >= 2) return { value: null, matched: false, legend: true };
    }
    return readOnePriority(plain);
  }

  function readOnePriority(plain: string): PriorityMatch {
    const text = normaliseVocabularyText(plain);
    const fromConfig = findLongest(text, configPriority);
    if (fromConfig !== null) return { value: fromConfig.value, matched: true };
    if (/^\d$/.test(text)) {
      const level = Number(text);
      return { value: level === 0 ? 4 : level === 1 ? 3 : level === 2 ? 2 : 1, matched: true };
    }
    const found = findLongest(text, builtInPriority);
    if (found !== null) return { value: found.value, matched: true };
    const emoji = firstEmoji(plain, configPrioritySymbols) ?? firstEmoji(plain, priorityEmoji);
    if (emoji !== null) return { value: emoji, matched: true };
    // Marks counted (`!!!`, `★★☆☆☆`): as many, up to five, as the priority's level (`!` low, `!!!` high).
    const counted = countedMarks.exec(plain.replace(/\uFE0F/gu, ''));
    if (counted !== null) return { value: [...(counted[1] ?? counted[2] ?? '')].length, matched: true };
    return { value: null, matched: false };
  }

  // A section's heading is normalised for `isCriteriaLabel` and again for `matchSection`: the last answer is kept.
  let lastHeading: string | null = null;
  let lastNormalisedHeading = '';

  function normaliseHeading(heading: string): string {
    if (heading === lastHeading) return lastNormalisedHeading;
    lastNormalisedHeading = normaliseHeadingUncached(heading);
    lastHeading = heading;
    return lastNormalisedHeading;
  }

  function normaliseHeadingUncached(heading: string): string {
    const plain = stripInlineMarkdown(heading)
      .replace(datePattern, ' ')
      .replace(/\(\s*\d+\s*\)\s*$/u, ' ')
      // A count of what the section holds closing it (`Done — 3 items`, `To Do: 1 task`, `Done (12 tasks)`, `In progress
      // [2/5]`): how many, not which status.
      .replace(sectionCount, ' ')
      .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+\.)\s+/iu, '')
      .replace(/[:：]\s*$/u, '');
    return normaliseVocabularyText(plain).replace(/^(?:\d+(?:\s\d+)*)\s+/u, '');
  }

  // Every lookup below is a pure function of its string: headings, field names, labels and cell values repeat
  // across a file and a bank, so each answer is kept (bounded, like the normalising cache).
  const sectionCache = new Map<string, KnownStatus | null>();
  const sectionPriorityCache = new Map<string, number | null>();
  const criteriaCache = new Map<string, boolean>();
  const fieldCache = new Map<string, FieldKind | null>();
  const titleColumnCache = new Map<string, boolean>();
  const placeholderCache = new Map<string, boolean>();
  const ownerPlaceholderCache = new Map<string, boolean>();

  const vocabulary: Vocabulary = {
    matchStatus(raw) {
      return memoised(statusCache, raw, computeStatus);
    },
    matchPriority(raw) {
      return memoised(priorityCache, raw, computePriority);
    },
    matchSection(heading) {
      return memoised(sectionCache, heading, computeSection);
    },
    matchSectionPriority(heading) {
      return memoised(sectionPriorityCache, heading, computeSectionPriority);
    },
    matchSectionPhrase(heading) {
      // Read as the classifier reads it (apostrophes kept: `What's left to build for the beta`).
      const status = matchStatusSectionPrefix(collapseWhitespace(stripInlineMarkdown(heading)).toLowerCase());
      return status === 'in-progress' ? 'in_progress' : (status as KnownStatus | null);
    },
    isCriteriaLabel(text) {
      return memoised(criteriaCache, text, computeCriteriaLabel);
    },
    matchField(name) {
      return memoised(fieldCache, name, computeField);
    },
    isTitleColumn(name) {
      return memoised(titleColumnCache, name, computeTitleColumn);
    },
    isPlaceholder(text) {
      // Item titles are rarely repeated and rarely placeholders: plain ASCII with more letters and digits than any
      // placeholder has cannot normalise to one (stripping and normalising keep every ASCII letter and digit).
      // A note saying the section is empty (`None currently`) may be longer: it opens with its word.
      if (plainAsciiLonger(text, placeholderLetters) && !emptyNoteOpening.test(text)) return false;
      return memoised(placeholderCache, text, computePlaceholder);
    },
    isOwnerPlaceholder(text) {
      return memoised(ownerPlaceholderCache, text, computeOwnerPlaceholder);
    },
    matchCheckbox(marker) {
      // No marker in the table has a variation selector: only a marker with one needs it removed.
      const found = checkboxMarkers[marker.includes('\uFE0F') ? marker.replace(/\u{FE0F}/gu, '') : marker];
      if (found !== undefined) return found;
      // A mark typed with spaces around it (`[ x ]`) is that mark.
      const trimmed = marker.trim();
      return trimmed !== marker && trimmed !== '' ? (checkboxMarkers[trimmed] ?? null) : null;
    },
  };

  function computeTitleColumn(name: string): boolean {
    return titleColumns.has(normaliseVocabularyText(stripInlineMarkdown(name)));
  }

  function computePlaceholder(text: string): boolean {
    const plain = stripInlineMarkdown(text);
    const normalised = normaliseVocabularyText(plain);
    if (placeholders.has(normalised) || saysNoTask(normalised)) return true;
    // A word for none with a note after it (`None (all P1 tasks done)`, `No issues yet - run @sync-backlog to populate`,
    // `なし（P1タスク全完了）`): still nothing. Not `TBD - pick the vendor`, which names the work left open.
    const head = noteAfterNone.exec(plain)?.[1];
    if (head === undefined) return false;
    const opening = normaliseVocabularyText(head);
    return (placeholders.has(opening) && !openPlaceholders.has(opening)) || saysNoTask(opening);
  }

  function computeSection(heading: string): KnownStatus | null {
    const text = normaliseHeading(heading);
    if (text === '' || notSections.has(text)) return null;
    // A note in parentheses after a status (`Completed (100% Foundation)`, `Erledigt (siehe Archiv)`): the status's.
    // After words naming something else it is that thing's status or note (`Export (In Progress)`: a task's heading),
    // unless they only name the kind of things listed (`Tasks (done)`) or are a status word themselves (`Active (In
    // Progress)`).
    const noted = heading.replace(trailingNote, '');
    const before = noted === heading ? '' : normaliseHeading(noted);
    if (before === '' || onlyGenericNouns.test(before)) return computeOwnSection(heading, text);
    // After a month, a quarter or a year alone (`June 2025 (Planned)`, `Haziran 2025 (Planlanan)`, `Q3 2025 (In
    // progress)`), the status is of the work of that time: a section.
    // Not a day written first (`10. März 2026 (später)`: a day of a log, its numbering-like day dropped by normalising).
    if (periodOnly.test(before) && !/^\s*\d{1,2}[.\s]/u.test(noted)) {
      const note = heading.slice(noted.length).replace(/^[\s(（]+|[)）\s]+$/gu, '');
      const period = computeOwnSection(note, normaliseHeading(note));
      if (period !== null) return period;
      // The period now under way (`May 2025 (Current)`, `Mayıs 2025 (Mevcut)`): its work is in progress.
      if (currentPeriod.test(normaliseHeading(note))) return 'in_progress';
    }
    const own = computeOwnSection(noted, before);
    if (own !== null) return own;
    const word = vocabulary.matchStatus(before);
    return word.matched && !word.legend && word.coverage >= 1 && word.canonical !== 'unknown' ? computeOwnSection(heading, text) : null;
  }

  /**
   * The status a heading names as a section, its note in parentheses kept; two statuses joined by a slash (`On Hold /
   * Deferred`, `В работе / следующее`) name the first's.
   */
  function computeOwnSection(heading: string, text: string): KnownStatus | null {
    if (text === '' || notSections.has(text)) return null;
    if (heading.includes('/')) {
      const parts = heading.split(spacedSlash);
      if (parts.length > 1 && parts.length <= 3) {
        const statuses = parts.map((part) => computeOwnSection(part, normaliseHeading(part)));
        if (statuses.every((status) => status !== null)) return statuses[0] ?? null;
        // A word joined to the section's last one (`What's Left to Build / Improve`: to build or improve) names more of
        // the same work.
        const [first, ...more] = parts;
        return statuses[0] !== null && first !== undefined && more.every((part) => /^\p{L}+$/u.test(part.trim()) && !vocabulary.matchStatus(part).matched) && /\p{L}\s+\p{L}/u.test(first) ? (statuses[0] ?? null) : null;
      }
      // Unspaced, only when each side is a status (`Cancelled/Postponed`; not `CI/CD`, nor a count, `Done (3/5)`).
      const joined = parts.length === 1 ? heading.split('/') : [];
      if (joined.length > 1 && joined.length <= 3) {
        const statuses = joined.map((part) => computeOwnSection(part, normaliseHeading(part)));
        if (statuses.every((status) => status !== null)) return statuses[0] ?? null;
      }
    }
    // A time qualifier after the status (`Completed this week`, `Done (Week 12)`, `Recently completed today`) names when.
    const when = dropQualifiers(text);
    // What is under way now (`Currently in development`, `Aktuell in Arbeit`) is that status.
    const candidates = [text, text.replace(/\s*\b(?:recent|récent|recents)\b\s*/u, ' ').trim(), text.replace(genericNouns, ''), text.replace(leadingGenericNouns, ''), text.replace(nowWords, '')];
    if (cjkPattern.test(text)) candidates.push(text.replace(cjkGenericNouns, '').trim());
    if (when !== text && when !== '') candidates.push(when, when.replace(/\s*\b(?:recently|recent)\b\s*/u, ' ').trim(), when.replace(genericNouns, ''));
    for (const candidate of candidates) {
      // A stage of the work left once a noun is dropped (`Testing Tasks`, `Review Items`, `Design Enhancements`) is
      // their topic, no status: tasks about testing.
      if (candidate !== text && topicStages.has(candidate)) continue;
      const section = findExact(candidate, sections);
      if (section !== null) return section.value;
      const configured = findExact(candidate, configStatus);
      if (configured !== null && configured.value !== 'unknown') return configured.value;
      const status = findExact(candidate, builtInStatus);
      if (status !== null && status.value !== 'unknown') return status.value;
    }
    // Short headings mostly made of one status phrase (`What Works Well`, `已完成的功能`), unless another word names what
    // the section is about (`Operational Risks`, `Failed Assumptions`: risks and assumptions, not work).
    if (text.split(' ').length <= 4 && !text.split(' ').some((word) => aboutWords.has(word))) {
      const match = vocabulary.matchStatus(text);
      const threshold = cjkPattern.test(text) ? 0.5 : 0.6;
      if (match.matched && !match.legend && match.coverage >= threshold && match.canonical !== 'unknown') return match.canonical;
    }
    return null;
  }

  function computeSectionPriority(heading: string): number | null {
    const stripped = stripInlineMarkdown(heading);
    // An item's id built on a P-level (`### P1-3: Add edge-case tests`, `### P0-1: Fix the leak`) names the item.
    if (levelIdFirst.test(stripped)) return null;
    // A rank by its number before the topic (`### Priority 1: Memory Bank Integration`, `## Priorität 2 – Doku`) is that
    // P-level.
    const numbered = rankNumberFirst.exec(stripped);
    if (numbered?.[1] !== undefined) return findExact(`p${numbered[1]}`, builtInPriority)?.value ?? null;
    // A rank with a kind of work after a slash (`## Priority: Low / Ideas`) is the rank.
    const ranked = readRank(stripped);
    // A rank in words and its P-level beside it (`## 🔴 High priority (P0)`, `## 中優先度 (P1)`): the P-level, which the
    // bank's other headings (`## P0: Must do now`) read alone.
    const level = ranked === null ? null : notedLevel.exec(stripped);
    if (level?.[1] !== undefined) return findExact(`p${level[1]}`, builtInPriority)?.value ?? ranked;
    if (ranked !== null || !spacedSlash.test(stripped)) return ranked;
    const [first = '', ...rest] = stripped.split(spacedSlash);
    return rest.some((part) => readRank(part) !== null) ? null : readRank(first);
  }

  function readRank(heading: string): number | null {
    const plain = normaliseHeading(dropTrailingNote(heading));
    // German joins the rank and the word (`Hochpriorität`, `Normalprio`): the word is there.
    const hasWord = priorityWords.test(plain) || /^\p{L}+(?:priorit[äa]t|prio)$/u.test(plain);
    // A rank of the work the section lists (`High Priority Tasks`, `Urgent Items`) is that rank.
    const stripped = plain.replace(new RegExp(priorityWords.source, 'gu'), ' ').replace(/\s+/g, ' ').trim().replace(workNouns, '');
    if (stripped === '') return null;
    const found = findExact(stripped, configPriority)?.value ?? findExact(stripped, builtInPriority)?.value ?? null;
    if (hasWord || /^p\d$/u.test(stripped)) return found;
    // Without the word: a heading that is wholly a rank (`## Urgent`, `## Nice to have`, `## High`; not a word that
    // also heads notes, `## Important`, `## Optional`), or a P-level and its name (`## P1 — Important`).
    if (found !== null && (stripped.includes(' ') || rankHeadingWords.has(stripped))) return found;
    const level = /^p[0-5](?= )/u.exec(stripped)?.[0];
    return level === undefined ? null : (findExact(level, builtInPriority)?.value ?? null);
  }

  function computeCriteriaLabel(text: string): boolean {
    const normalised = normaliseHeading(text);
    if (criteria.has(normalised)) return true;
    // With a note in parentheses after it (`Definição de Pronto (DoD):`, `Erfolgskriterien (Sprint 1)`).
    const noted = dropTrailingNote(text.replace(/[:：]\s*$/u, ''));
    if (noted !== text && criteria.has(normaliseHeading(noted))) return true;
    // A legend or glossary of the statuses (`## Status legend`, `## Glossary`, `## Status definitions`): what the words
    // mean, no work.
    if (criteriaLabelPattern.test(normalised)) return true;
    // A few words opening or closing with a word for criteria or constraints (`MVP readiness criteria`, `Критерии
    // готовности MVP`, `Technical constraints`, `技術約束`).
    return criteriaHeadPattern.test(normalised) && normalised.split(' ').length <= 5;
  }

  function computeField(name: string): FieldKind | null {
    // A plural written `(s)` (`Owner(s)`, `Assignee(s)`) names the field its singular does.
    const key = normaliseVocabularyText(stripInlineMarkdown(name).replace(/\((?:s|es)\)\s*$/iu, ''));
    if (key === '' && name.trim() === '#') return 'id';
    return fields.get(key) ?? null;
  }

  function computeOwnerPlaceholder(text: string): boolean {
    const plain = stripInlineMarkdown(text).trim();
    if (/^\[[^\]]*\]$/u.test(plain) || /^@?username$/iu.test(plain) || /^[-–—?]+$/u.test(plain)) return true;
    return owners.has(normaliseVocabularyText(plain));
  }

  return vocabulary;
}

/**
 * True when `text` is ASCII without inline Markdown syntax and holds more than `limit` letters and digits: its
 * stripped, normalised form then holds all of them too, so it is longer than any phrase of `limit` letters.
 */
function plainAsciiLonger(text: string, limit: number): boolean {
  let letters = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) return false;
    // ! [ < * _ ~ ` : the characters `stripInlineMarkdown` acts on.
    if (code === 33 || code === 91 || code === 60 || code === 42 || code === 95 || code === 126 || code === 96) return false;
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++;
  }
  return letters > limit;
}

/** A heading of criteria or of what statuses mean, as `isCriteriaLabel` reads it normalised. */
const criteriaLabelPattern = new RegExp(String.raw`^(?:acceptance criteria|success criteria|definition of done|legend)\b|\b(?:legend|glossary)$|^${statusLegendSource}$`, 'u');

/** A heading opening or closing with a word for criteria or constraints, as `isCriteriaLabel` reads it normalised. */
const criteriaHeadPattern = new RegExp(
  String.raw`^(?:${criteriaHeadWords.join('|')})(?: |$)| (?:${criteriaHeadWords.join('|')})$|(?:${criteriaHeadEndings.join('|')})$`,
  'u',
);

/** Largest number of answers one vocabulary cache keeps before it starts again. */
const maxCachedAnswers = 20_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= maxCachedAnswers) cache.clear();
  cache.set(key, value);
}

function memoised<V>(cache: Map<string, V>, key: string, compute: (key: string) => V): V {
  const cached = cache.get(key);
  if (cached !== undefined || cache.has(key)) return cached as V;
  const value = compute(key);
  remember(cache, key, value);
  return value;
}

/** A date found in source text: the normalised value (or null) and the text as written. */
export interface DateValue {
  value: string | null;
  raw: string;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

function formatDate(year: number, month: number, day: number): string | null {
  if (!isValidDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A weekday opening a date, in English, French, German or Spanish, with its comma (`Mon, `, `Monday `, `lundi `). */
const weekdayOpening =
  /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\.?,?\s+(?=\d|\p{L}+\.?\s+\d)/iu;

/** A year written with four digits, or two (`25`: 2025). */
function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

function lookUpMonth(name: string, stopped = false): number | null {
  const key = name.toLowerCase().replace(/\.$/u, '');
  // Croatian's `listopad` is October, Polish's and Czech's November: a Croatian date is told by the full stops it
  // writes after its day and its year (`15. listopada 2025.`, `listopad 2025.`), which Polish does not write.
  if (stopped && (key === 'listopad' || key === 'listopada')) return 10;
  return monthNames[key] ?? null;
}

/** A full stop after a date's day before its month's name, or after its year (`15. listopada`, `listopad 2025.`). */
const croatianStops = /^\s*\d{1,2}\.\s+\p{L}|\d{4}\.\s*$/u;

/**
 * A date followed by a time of day: hours and minutes (`16:12`, `14h30`), or hours with AM/PM (`5 PM`, `4:12 p.m.`),
 * after a space, a comma or a word for "at" (`at`, `à`, `um`, `a las`, `alle`, `om`); the date may close with the
 * day's sign Chinese, Japanese and Korean write (`2025年06月28日 15:14:07`, `2025년 6월 28일 15:14`).
 */
const clockAfterDate = /^(.*?(?:\d\.?|\d\s*[日일]))\s*,?\s+(?:(?:at|à|um|a las|alle|om)\s+)?(\d{1,2})(?:[:h](\d{2}))?(?::\d{2})?\s*(?:([ap])\.?\s?m\.?)?(?:\s*(?:uhr|h))?$/iu;

/** `HH:MM` from a clock reading (12-hour when `meridiem` is `a` or `p`), or null when it is no time (`5` alone, `13 PM`). */
function readClock(hour: number, minutes: string | undefined, meridiem: string | undefined): string | null {
  if (minutes === undefined && meridiem === undefined) return null;
  const minute = minutes === undefined ? 0 : Number(minutes);
  if (minute > 59) return null;
  let hours = hour;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase() === 'p';
    hours = pm ? (hour % 12) + 12 : hour % 12;
  } else if (hour > 23) return null;
  return `${String(hours).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Normalises one date value: `2026-03-12` stays date-only, `[2025-08-16 20:09:37]` → `2025-08-16T20:09:37`,
 * ISO datetimes are kept, `2/27/2025`, `27.02.2025`, `January 18, 2025`, `18 janvier 2025`, `3 de março de 2025`,
 * `2023年11月7日` and `2025년 3월 4일` become `YYYY-MM-DD`; so do day-first `18-09-2025`, `1er octobre 2025`, a month alone
 * (`Juillet 2025`, `outubro de 2025` → its first day)
 * a date followed by a remark (`2026-02-10 (original)`), and a date followed by a time of day (`March 1, 2026 5:00 PM` →
 * `2026-03-01T17:00`). Anything else (`Current Session`, `YYYY-MM-DD`) → null.
 */
export function normaliseDate(raw: string, options: { dayFirst?: boolean } = {}): string | null {
  const date = readDate(raw, options);
  // Digits of another script (`٠٤/٠٣/٢٠٢٥`) read as ASCII ones, only where the value read as it is is no date.
  return date === null && nativeDigit.test(raw) ? readDate(readAsciiDigits(raw), options) : date;
}

/**
 * A time zone closing a date and time (`16:09:24 UTC`, `15:37 PST`, `09:00 GMT+8`, `10:00 CEST`): the offset it names,
 * '' for a name that stands for several (`IST`, `CST`: the local time is kept, as `(UTC+2)` in a note is), null when
 * the value closes with none.
 */
function readClosingZone(text: string): { rest: string; offset: string } | null {
  const match = closingZone.exec(text);
  if (match?.[1] === undefined) return null;
  const rest = text.slice(0, match.index);
  if (!/\d:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?$/iu.test(rest)) return null;
  const name = match[1].toUpperCase();
  if (name === 'UTC' || name === 'GMT' || name === 'Z') {
    if (match[2] === undefined) return { rest, offset: 'Z' };
    const hours = Number(match[2].slice(1));
    if (hours > 14) return null;
    return { rest, offset: `${match[2][0] ?? '+'}${String(hours).padStart(2, '0')}:${match[3] ?? '00'}` };
  }
  const offset = zoneOffsets[name];
  return match[2] !== undefined || offset === undefined ? null : { rest, offset };
}

const zoneLast = /[A-Za-z](?:\s*[+-]\d{1,2}(?::?\d{2})?)?\s*$/u;
const closingZone = /\s+(Z|[A-Za-z]{3,4})(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?$/u;

/** Zone names that stand for one offset. Others (`IST`, `CST`, `AST`: India or Ireland, US or China) keep local time. */
const zoneOffsets: Readonly<Record<string, string>> = {
  PST: '-08:00', PDT: '-07:00', MST: '-07:00', MDT: '-06:00', CDT: '-05:00', EST: '-05:00', EDT: '-04:00', AKST: '-09:00',
  AKDT: '-08:00', HST: '-10:00', WET: '+00:00', WEST: '+01:00', BST: '+01:00', CET: '+01:00', CEST: '+02:00', EET: '+02:00',
  EEST: '+03:00', MSK: '+03:00', JST: '+09:00', KST: '+09:00', HKT: '+08:00', SGT: '+08:00', AEST: '+10:00', AEDT: '+11:00',
  ACST: '+09:30', AWST: '+08:00', NZST: '+12:00', NZDT: '+13:00', IST: '', CST: '', AST: '',
};

/** The zone names a time may close with, as a pattern's alternation (`UTC|GMT|PST|…`): write-back keeps them with the time. */
export const zoneNameSource = ['UTC', 'GMT', ...Object.keys(zoneOffsets)].join('|');

/** `normaliseDate` for a value written in ASCII digits. */
function readDate(raw: string, options: { dayFirst?: boolean }): string | null {
  const zone = zoneLast.test(raw) ? readClosingZone(stripInlineMarkdown(raw).trim()) : null;
  if (zone !== null) {
    const local = readDate(zone.rest, options);
    if (local !== null && local.includes('T') && !/(?:Z|[+-]\d{2}:?\d{2})$/u.test(local)) return `${local}${zone.offset}`;
  }
  const written = stripInlineMarkdown(raw);
  const text = written
    .trim()
    .replace(/^[[(]\s*|\s*[\])]$/gu, '')
    .replace(/^(?:on|am|le|el|the)\s+/iu, '')
    // A weekday before the date (`Mon, 3 Mar 2025`, `Monday, March 3, 2025`) and the year's abbreviation or full stop
    // after it (`3 марта 2025 г.`, `3 marca 2025 r.`, Croatian and Serbian `15. ožujka 2025.`, `15.03.2025.`) say
    // nothing more.
    .replace(weekdayOpening, '')
    .replace(/(\d{4})\s*(?:(?:г|r|roku|года)\.?|\.)$/u, '$1')
    .trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/u.exec(text);
  if (match !== null) {
    const date = formatDate(Number(match[1]), Number(match[2]), Number(match[3]));
    if (date === null) return null;
    if (match[4] === undefined) return date;
    const hour = Number(match[4]);
    const minute = Number(match[5]);
    const second = match[6] === undefined ? null : Number(match[6]);
    if (hour > 23 || minute > 59 || (second !== null && second > 59)) return null;
    const time = `${String(hour).padStart(2, '0')}:${match[5]}${match[6] === undefined ? '' : `:${match[6]}`}${match[7] ?? ''}`;
    return `${date}T${time}${match[8] ?? ''}`;
  }
  // A month as Vietnamese writes it, by its number (`Tháng 3/2025`, `tháng 3 năm 2025`): its first day.
  const vietnamese = vietnameseMonth.exec(text);
  if (vietnamese?.[1] !== undefined && vietnamese[2] !== undefined) return formatDate(Number(vietnamese[2]), Number(vietnamese[1]), 1);
  // An org-mode or Logseq timestamp (`<2025-06-01 Sun>`, `<2025-06-01 Sun 10:00 +1w>`, `[2025-06-01 Sun]`).
  const org = /^<?(\d{4})-(\d{1,2})-(\d{1,2})\s+\p{L}{2,3}\.?(?:\s+(\d{1,2}):(\d{2}))?(?:\s+\.?\+{1,2}\d+[hdwmy])?>?$/u.exec(text);
  if (org !== null) {
    const date = formatDate(Number(org[1]), Number(org[2]), Number(org[3]));
    if (date === null || org[4] === undefined) return date;
    if (Number(org[4]) > 23 || Number(org[5]) > 59) return null;
    return `${date}T${String(Number(org[4])).padStart(2, '0')}:${org[5] ?? '00'}`;
  }
  // A time of day after a date written otherwise (`March 1, 2026 5:00 PM`, `03/02/2026 16:12`, `2 mars 2026 à 14h30`).
  const clock = clockAfterDate.exec(text);
  if (clock?.[1] !== undefined) {
    const date = normaliseDate(clock[1], options);
    const time = readClock(Number(clock[2]), clock[3], clock[4]);
    if (date !== null && !date.includes('T') && time !== null) return `${date}T${time}`;
  }
  // A remark after the date (`2026-02-10 (original)`, `18-09-2025 — revised`) is not part of it.
  const remark = /^(.*?\d)\s*(?:[(（][^()（）]{1,40}[)）]|[-–—]\s+\p{L}[\p{L}\p{M}\u200C\u200D\s]{0,30})$/u.exec(stripInlineMarkdown(raw).trim());
  if (remark?.[1] !== undefined && remark[1] !== raw.trim()) {
    const date = normaliseDate(remark[1], options);
    if (date !== null) return date;
  }
  match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/u.exec(text);
  if (match !== null) {
    // Day first (`18-09-2025`), unless only month-first can be a date (`09-18-2025`).
    const first = Number(match[1]);
    const second = Number(match[2]);
    return second > 12 ? formatDate(Number(match[3]), first, second) : formatDate(Number(match[3]), second, first);
  }
  // `2025/03/04`, `2025.03.04` and the Korean `2025. 3. 4.`
  match = /^(\d{4})(?:[/.]|\.\s)(\d{1,2})(?:[/.]|\.\s)(\d{1,2})\.?$/u.exec(text);
  if (match !== null) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]));
  // A two-digit year (`03.03.25`, `3/3/25`) is of this century.
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/u.exec(text);
  if (match !== null) return formatDate(fullYear(match[3] ?? ''), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/u.exec(text);
  if (match !== null) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const year = fullYear(match[3] ?? '');
    // US order (month first) as seen in the corpus, unless that cannot be a month or the file writes its dates day
    // first (`readsDayFirst`).
    return first > 12 || (options.dayFirst === true && second <= 12) ? formatDate(year, second, first) : formatDate(year, first, second);
  }
  match = /^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]$/u.exec(text);
  if (match !== null) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]));
  // Month names are letters and marks (`मार्च`, `มีนาคม` write vowels as marks).
  match = /^([\p{L}\p{M}\u200C\u200D]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u.exec(text);
  if (match !== null && match[1] !== undefined) {
    const month = lookUpMonth(match[1]);
    if (month !== null) return formatDate(namedYear(match[3], match[1]), month, Number(match[2]));
  }
  match = /^(\d{1,2})(?:er|ère|re|e|º|°|\.|st|nd|rd|th)?\s+(?:de\s+|of\s+)?([\p{L}\p{M}\u200C\u200D]+\.?)\s+(?:de\s+)?(\d{4})$/u.exec(text);
  if (match !== null && match[2] !== undefined) {
    const month = lookUpMonth(match[2], croatianStops.test(written));
    if (month !== null) return formatDate(namedYear(match[3], match[2]), month, Number(match[1]));
  }
  // Year first, as Hungarian writes it (`2025. március 15.`).
  match = /^(\d{4})\.?\s+([\p{L}\p{M}\u200C\u200D]+\.?)\s+(\d{1,2})\.?$/u.exec(text);
  if (match !== null && match[2] !== undefined) {
    const month = lookUpMonth(match[2]);
    if (month !== null) return formatDate(Number(match[1]), month, Number(match[3]));
  }
  // A month alone (`Juillet 2025`, `March 2026`) is its first day.
  match = /^([\p{L}\p{M}\u200C\u200D]+\.?)\s+(?:de\s+|di\s+)?(\d{4})$/u.exec(text);
  if (match !== null && match[1] !== undefined) {
    const month = lookUpMonth(match[1], croatianStops.test(written));
    if (month !== null) return formatDate(namedYear(match[2], match[1]), month, 1);
  }
  return null;
}

/** Digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, Thai, full-width): each a run of ten code points from its zero. */
const nativeDigit = /[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\u0E50-\u0E59\uFF10-\uFF19]/u;
const nativeDigits = new RegExp(nativeDigit.source, 'gu');
const nativeZeros = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0xff10];

/**
 * `text` with digits written in another script as ASCII digits (`٠٤/٠٣/٢٠٢٥` → `04/03/2025`, `２０２５年３月１５日` →
 * `2025年3月15日`, `१५ मार्च २०२५` → `15 मार्च 2025`), as dates are read.
 */
function readAsciiDigits(text: string): string {
  return text.replace(nativeDigits, (digit) => {
    const code = digit.codePointAt(0) ?? 0;
    const zero = nativeZeros.find((start) => code >= start && code <= start + 9) ?? code;
    return String(code - zero);
  });
}

/**
 * The day a date field's value stands for, as the parser reads it and write-back finds it again: `normaliseDate`'s,
 * except that a due month (`Target Date: December 2025`) means by its end, and a quarter or half of a year
 * (`Q3 2025`) its last day for a due date and its first otherwise. `raw` may hold inline Markdown.
 */
export function normaliseFieldDate(raw: string, options: { dayFirst?: boolean; due?: boolean } = {}): string | null {
  const value = stripInlineMarkdown(raw).trim();
  const date = normaliseDate(value, { dayFirst: options.dayFirst });
  if (date !== null && options.due === true && (/^\D*\d{4}\D*$/u.test(value) || vietnameseMonth.test(value)) && date.endsWith('-01')) return readMonthEnd(date);
  return date ?? readPeriod(value, options.due === true) ?? readNumberedMonth(value, options.due === true);
}

/** A month by its number beside its year, as a date field's value (`2025-06`, `06/2025`, `6.2025`): groups 1–2 or 3–4. */
const numberedMonth = /^(?:(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4}))$/u;

/** The day a month written by its number stands for (`Due: 2025-06`): its last for a due date, else its first; null for any other value. */
function readNumberedMonth(value: string, end: boolean): string | null {
  const match = numberedMonth.exec(value);
  if (match === null) return null;
  const month = Number(match[2] ?? match[3]);
  if (month < 1 || month > 12) return null;
  const first = `${match[1] ?? match[4] ?? ''}-${String(month).padStart(2, '0')}-01`;
  return end ? readMonthEnd(first) : first;
}

/** A month by its number, as Vietnamese writes one (`Tháng 3/2025`, `tháng 3 năm 2025`): group 1 the month, 2 the year. */
const vietnameseMonth = /^tháng\s+(\d{1,2})(?:\s*[/.-]\s*|\s+năm\s+)(\d{4})$/iu;

/** The last day of the month of `date` (`YYYY-MM-DD`). */
export function readMonthEnd(date: string): string {
  const [year, month] = date.split('-').map(Number);
  const last = new Date(Date.UTC(year ?? 1970, month ?? 1, 0)).getUTCDate();
  return `${date.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * A quarter or a half of a year written alone (`Q3 2025`, `2025-Q3`, `Q3/2025`, `H1 2026`): its kind in group 1 or 5,
 * its number in 2 or 6, its year in 3 or 4.
 */
const periodValue = /^(?:([QH])([1-4])\s*[-/' ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*([QH])([1-4]))$/iu;

/**
 * The day a quarter or half of a year written as a date field's value stands for (`Target: Q3 2025`): its last day
 * for a due date (by its end, as a due month is), else its first; null for any other value.
 */
function readPeriod(value: string, end: boolean): string | null {
  const match = periodValue.exec(value);
  if (match === null) return null;
  const kind = (match[1] ?? match[5] ?? '').toUpperCase();
  const number = Number(match[2] ?? match[6]);
  const year = match[3] ?? match[4] ?? '';
  if (kind === 'H' && number > 2) return null;
  const months = kind === 'Q' ? 3 : 6;
  const month = end ? number * months : (number - 1) * months + 1;
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  return end ? readMonthEnd(first) : first;
}

/**
 * The year of a date written with its month's name: a Thai month's year is of the Buddhist era when it is past 2400
 * (`15 มีนาคม 2568` is 15 March 2025), as Thai writes its dates.
 */
function namedYear(written: string | undefined, month: string): number {
  const year = Number(written);
  return year >= 2400 && /\p{Script=Thai}/u.test(month) ? year - buddhistEraOffset : year;
}

/** Years between the Buddhist era Thai dates count in and the common era. */
export const buddhistEraOffset = 543;

const inlineDatePattern =
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\d{4}年\d{1,2}月\d{1,2}日|\d{4}년 ?\d{1,2}월 ?\d{1,2}일/u;

const slashDate = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/gu;

/**
 * Whether a file writes its `dd/mm/yyyy` dates day first: one of its slash dates can only be read so (`15/04/2025`)
 * and none only month first (`04/15/2025`); when none can only be read one way, whether the file's language writes
 * days first (`writesDayFirst`: French, German, Russian… but not English). Its ambiguous dates (`01/03/2025`) are then
 * read day first too.
 */
export function readsDayFirst(text: string): boolean {
  if (!text.includes('/')) return false;
  let dayFirst = false;
  let ambiguous = false;
  for (const match of (nativeDigit.test(text) ? readAsciiDigits(text) : text).matchAll(slashDate)) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    if (second > 12 && first <= 12) return false;
    if (first > 12 && second <= 12) dayFirst = true;
    else if (first <= 12 && second <= 12 && first !== second) ambiguous = true;
  }
  return dayFirst || (ambiguous && writesDayFirst(text));
}

/**
 * The status a folder's name gives the task files in it (`done/`, `COMPLETED/`, `tasks-completed/`, `active/`,
 * `in-progress/`), read from the innermost such folder: the folder as written and the status, or null.
 */
export function readFolderStatus(folders: readonly string[], vocabulary: Vocabulary): { folder: string; status: KnownStatus } | null {
  for (let index = folders.length - 1; index >= 0; index--) {
    const folder = folders[index] ?? '';
    const words = folder.replace(/[-_]+/gu, ' ').replace(/\btasks?\b/giu, '').trim();
    if (words === '') continue;
    const status = statusFolderNames[words.toLowerCase()] ?? vocabulary.matchSection(words);
    if (status !== null) return { folder, status };
  }
  return null;
}

/** Finds the first date written inside a longer text (`… (2025-10-12)`, `Completed on 2025-01-23`). */
export function findDateInText(text: string): DateValue | null {
  const match = inlineDatePattern.exec(text);
  if (match === null) return null;
  return { value: normaliseDate(match[0]), raw: match[0] };
}
