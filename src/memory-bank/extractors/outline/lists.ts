/**
 * List items as tasks: checkbox items, bullets under a status section, bullets with an inline status
 * (`(Status: pending)`), bold bullets that start with an id; nesting kept as parents. Acceptance criteria, legends,
 * metadata bullets and plain bullets never become tasks: they go to the body (or fields) of the task they belong to.
 */
import type { List, ListItem, RootContent } from 'mdast';
import { checkboxLikeMarks, checkboxMarkSource, colonSource, crossMarkChars, notDoneStatuses, reportNameWords, statusEmoji, statusLeadSource, taskListHeadingWords, wrapConnectors, writtenDateSource, type KnownStatus } from '../../vocabulary-data.js';
import { boldLabelItemLine, endsBeyondAscii, groupLabelLine, namesSchedule, plainLabelItemLine } from '../../discover-patterns.js';
import { readEndLine, readLine, readListItemHead, readTableRows, type ListItemHead } from '../../markdown.js';
import { matchWrittenStatus, normaliseDate, normaliseFieldDate, readsAsStatus, stripInlineMarkdown, type Vocabulary } from '../../vocabulary.js';
import { addLabels, applyField, applyInlineFields, applyStatusText, applyTaskSignifiers, createDraft, crossOffItem, deriveStatusFromChildren, setRefinedStatus, setStatus } from '../draft.js';
import { readFieldLine, readParagraphFields, readPlainFieldLine, type LineField } from '../fields.js';
import { headingEdges, isSpecKitId, mapsIdToId, namesReport, saysOutcomeOnly, isStageWord, isStatusValue, readNotedStatus, isWhollyStatus, itemLabel, readClosingShare, readDateStamp, readSpecKitMarkers, readBoldKeyedFields, readCodeKeyedFields, readColonStatus, readInlineFields, type InlineFields, readLateMarkers, readLineMarkers, readLeadingBoldField, readLeadingStatusWord, readLinkedFile, kanbanStamps, readOpeningStatus, readTaskSignifiers, openingItemMark, closingItemMark, closingCross, bracketedItemMark, dropMarkedShare, readMarkedShare, readStatusLead, refinesOpenBox, splitClosingKey, splitLeadingId, struckThrough, weighBoxColonStatus, weighBoxStatus, weighMarkStatus, type InlineField, type LineMarkers } from '../text.js';
import { detectTaskTable } from '../tables.js';
import { closingIndicator, openingIndicator } from '../../mark-meanings.js';
import type { DraftTask } from '../types.js';
import { applyLineFields, holdsItsKind } from './metadata.js';
import { isCriteriaItem, itemMarkdown, nodeMarkdown, type Scope, type Walk } from './walk.js';
import { readClosingDate } from '../item-line.js';

/** A group of keyed fields closing a text (`… (Status: completed)`): a mark after it is its remark. */
const keyedGroupClosing = /[(（][^()（）]*[:：][^()（）]*[)）]$/u;

/** A T-shirt size in a code span closing an item's Markdown (`` … `M` ``, Agent OS's effort estimates). */
const closingSize = /\s`(XS|S|M|L|XL|XXL)`\s*$/u;
const acceptanceItem = /^(?:\*\*)?AC[-\s]?\d+(?:\*\*)?\s*[:.)]/iu;
const checkboxLikeEmoji = new Set(checkboxLikeMarks);
/** Crosses leading or closing an item: a mark (blocked, as the vocabulary reads them) only in a list that tracks open work. */
export const crossMarks: ReadonlySet<string> = new Set(crossMarkChars);
/**
 * Whether a list tracks open work: an item of it opens or closes with a checkbox-like mark of an open status (`⏳`,
 * `🔄`, `🚧`, `🔲`…), or has a checkbox (`- [ ] Patch the session bug` beside `- ✔️ Upgraded the image library`: a
 * checklist whose finished items are marked instead of ticked).
 */
function hasOpenMark(walk: Walk, list: List): boolean {
  for (const item of list.children) {
    const head = readListItemHead(walk.ctx.source, item, list);
    if (head.checkbox !== null && walk.ctx.vocabulary.matchCheckbox(head.checkbox) !== null) return true;
    const text = head.text;
    const mark = openingItemMark.exec(text)?.[1] ?? closingItemMark.exec(dropMarkedShare(text))?.[1] ?? bracketedItemMark.exec(text)?.[1] ?? readMarkedTerm(walk, head.markdown)?.mark;
    if (mark !== undefined && checkboxLikeEmoji.has(mark) && statusEmoji[mark] !== 'done') return true;
    const meant = readIndicatorMeaning(walk, text);
    if (meant !== undefined && meant !== 'done') return true;
  }
  return false;
}

/** An item's Markdown struck through, then a note after an arrow, a dash or a colon: group 1 the struck words, 2 the note. */
const struckWithNote = /^~~(?!~)([^~\n]*[^~\s])~~\s*(?:→|->|=>|[-–—:：])\s*(\S.*)$/u;

/** A pictograph opening an item's text (`🎨 Clean design`): group 1, without its variation selector. */
const openingPictograph = /^(\p{Extended_Pictographic})\uFE0F?/u;

/**
 * Whether a list's items open with pictographs that mostly are no status marks (`🎨 Clean design`, `🌐 Two languages`,
 * `🔄 Smart translation`, `⚡ Fast`, `🎯 Focused`): decoration, its status-like ones too — the `🔄` there says nothing
 * of progress. Three such items at least; items with a checkbox are not counted.
 */
function isDecoratedList(walk: Walk, list: List): boolean {
  let opened = 0;
  let statusLike = 0;
  for (const item of list.children) {
    const head = readListItemHead(walk.ctx.source, item, list);
    if (head.checkbox !== null) continue;
    const first = openingPictograph.exec(head.text.trimStart())?.[1];
    if (first === undefined) continue;
    opened++;
    if (checkboxLikeEmoji.has(first) || crossMarks.has(first) || statusEmoji[first] !== undefined || walk.ctx.markMeanings.has(first)) statusLike++;
  }
  return opened >= 3 && statusLike * 2 < opened;
}

/**
 * What an indicator mark opening or closing an item's text means in its file (`🟡 Move the cron jobs` beside a legend
 * `🟡 in progress`; mark-meanings.ts), or undefined: no such mark, or one the file does not explain.
 */
function readIndicatorMeaning(walk: Walk, text: string): KnownStatus | undefined {
  const mark = openingIndicator.exec(text)?.[1] ?? (endsBeyondAscii(text) ? closingIndicator.exec(text)?.[1] : undefined);
  return mark === undefined ? undefined : walk.ctx.markMeanings.get(mark);
}

/** An indicator mark opening an item's text that its file explains as a priority (`🔴 Patch the login bug`): it, its priority and the rest. */
function readIndicatorPriority(walk: Walk, text: string): { mark: string; priority: number; rest: string } | null {
  const found = openingIndicator.exec(text);
  const mark = found?.[1];
  const priority = mark === undefined ? undefined : walk.ctx.markPriorities.get(mark);
  return found === null || mark === undefined || priority === undefined ? null : { mark, priority, rest: text.slice(found[0].length) };
}

/**
 * A bold term over a status opening with a mark (`**Search**: 🔄 In progress (70%)`): the term as a title, the mark and
 * the value after the colon; null when the value opens with no status mark or the term names a field (`**Status:** ✅`).
 */
export function readMarkedTerm(walk: Walk, markdown: string): { title: string; mark: string; value: string } | null {
  const term = readDescribedName(markdown, walk.ctx.vocabulary);
  const mark = term === null ? undefined : openingItemMark.exec(term.text)?.[1];
  return term === null || mark === undefined || !(checkboxLikeEmoji.has(mark) || crossMarks.has(mark)) ? null : { title: term.title, mark, value: term.text };
}

/** The words of a marked term's value after its mark (`In progress` of `🔄 In progress`). */
function readWordsAfterMark(term: { mark: string; value: string }): string {
  return term.value.slice(term.value.indexOf(term.mark) + term.mark.length).replace(/^\uFE0F?\s*/u, '');
}

/**
 * The status a marked term's value states: the whole value where the words after the mark are wholly a status (`✅
 * Complete`) or it holds a share done (`🔄 60% complete`), else the mark with up to three words opening the rest that
 * are wholly a status (`✅ COMPLETE` of `✅ COMPLETE (17/17 tasks)`, `🚧 blocked` of `🚧 blocked on the provider's
 * sandbox`), else the mark alone. Words after the mark describing the work (`❌ Task completion and finalization logic`,
 * `❌ Core base class not implemented`, `✅ Handles pending rows`) say what it is, not its state: the mark does. What is
 * returned is what write-back changes, so the rest of the value stays as written.
 */
function readTermStatus(term: { mark: string; value: string }, vocabulary: Vocabulary): string {
  const at = term.value.indexOf(term.mark);
  const rest = readWordsAfterMark(term);
  if (rest === '' || isWhollyStatus(rest, vocabulary) || vocabulary.matchStatus(term.value).percent !== null) return term.value;
  const words = rest.split(/\s+/u).slice(0, 3);
  let stated = term.mark;
  for (let take = 1; take <= words.length; take++) {
    const head = words.slice(0, take).join(' ').replace(/[\s:：,;.–—-]+$/u, '');
    if (head !== '' && isWhollyStatus(head, vocabulary)) {
      // Words saying done after a mark that does not (`❌ Complete retry lifecycle handling`, `🔄 Complete the retry
      // hooks`) open a description of the work: the mark says its state.
      if (vocabulary.matchStatus(head).canonical === 'done' && vocabulary.matchStatus(term.mark).canonical !== 'done') break;
      stated = term.value.slice(0, term.value.indexOf(head, at) + head.length);
      break;
    }
  }
  return stated;
}

/**
 * A count closing the title of an item over a checklist (`- **Deep code analysis (4/4)**` over `  - [x] …`): how many of
 * its boxes are ticked, so its progress, not title (ticking one keeps its key); null for any other item, where a count
 * may be a metric (`Tests passing (28/28)`).
 */
function readGroupCount(walk: Walk, text: string, head: ListItemHead): { share: number; rest: string; counted: true } | null {
  // Most items have nothing under them: no pattern to run.
  if (head.rest.length === 0) return null;
  const found = closingCount.exec(text);
  if (found?.[1] === undefined || found[2] === undefined || found.index === 0) return null;
  const done = Number(found[1]);
  const all = Number(found[2]);
  if (all === 0 || done > all || !head.rest.some((child) => child.type === 'list' && hasCheckboxItem(walk, child))) return null;
  return { share: done / all, rest: text.slice(0, found.index).trim(), counted: true };
}
/** A count in parentheses closing a title (`(4/4)`, `（1/2）`): groups 1 and 2. */
const closingCount = /\s*[(（]\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*[)）]\s*$/u;

/** An indicator mark closing an item's text that its file explains (`… 🟡`), as `closingItemMark` matches, or null. */
function explainedClosing(walk: Walk, text: string): RegExpExecArray | null {
  const found = closingIndicator.exec(text);
  return found?.[1] !== undefined && walk.ctx.markMeanings.has(found[1]) ? found : null;
}

/** Whether an item of a list has a checkbox the vocabulary knows (`- [ ] Rotate the keys`). */
export function hasCheckboxItem(walk: Walk, list: List): boolean {
  return list.children.some((item) => {
    const box = readListItemHead(walk.ctx.source, item, list).checkbox;
    return box !== null && walk.ctx.vocabulary.matchCheckbox(box) !== null;
  });
}

/**
 * A heading naming a list of work items: a task-list word closing it, or opening it as its noun, after its numbering,
 * marks and a closing parenthesis (`## Backend tasks`, `## 📋 Release checklist (v2)`, `## Tasks for v2`, `## Задачи
 * интерфейса`), not as a modifier (`#### 3.1.2 Resonance Checklist Deployment`, `## Checklist rollout` name one piece
 * of work) nor in a report (`## Task summary`).
 */
const anyTaskListWord = `(?:${[...taskListHeadingWords.english, ...taskListHeadingWords.other].join('|')})`;
const taskListHeading = new RegExp(
  `(?<![\\p{L}\\p{N}])${anyTaskListWord}$|^${anyTaskListWord}(?=\\s*[:：\\-–—]|\\s+(?:for|of|in|on|to|from|this|next|left|remaining|pending)\\b)|^(?:${taskListHeadingWords.other.join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);
const reportHeading = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...reportNameWords, 'results'].join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/**
 * Whether a heading names a list of work items: a list of marks under it, all done, is that work finished, as a
 * checklist ticked through is (`## Release checklist` / `- ✅ Tag the release`) — ticking the last open item of it does
 * not turn its tasks into text.
 */
export function namesTaskList(title: string | undefined): boolean {
  if (title === undefined) return false;
  const words = title.replace(headingEdges, '');
  return taskListHeading.test(words) && !reportHeading.test(words);
}

/**
 * Whether a list of marks with no open one sits under a heading naming work rather than a summary of results or
 * a list of do's and don'ts (`## Conventions`): one naming a stage of the work anywhere (`## DOC debt + Phase 9
 * MVP`) or the kind of work (`## Upstream middleware integration`, `### Post-release refinements (June 9)`, `##
 * Интеграция провайдеров`, `### Critical fixes`), or saying after a dash that it is done (`## Review gaps — fixed`).
 */
function namesDoneWork(walk: Walk, heading: string | undefined): boolean {
  if (heading === undefined || summaryHeading.test(heading)) return false;
  if (stageAnywhere.test(heading) || workDoneHeading.test(heading)) return true;
  // Or says, after a spaced dash, that it is done (`## Review gaps — fixed`, `## Ревью gap'ы — исправлены`); not after
  // a colon, as a report of the state of things is written (`### Frontend: ✅ PRODUCTION READY`).
  const closing = closingHeadingStatus.exec(stripInlineMarkdown(heading).trim())?.[1];
  return closing !== undefined && isWhollyStatus(closing, walk.ctx.vocabulary) && walk.ctx.vocabulary.matchStatus(closing).canonical === 'done';
}
/** A status closing a heading after a spaced dash (`— fixed`, `- completed`): group 1. */
const closingHeadingStatus = /\s[-–—]\s+([^-–—:：()]{2,30})$/u;
/** A stage of the work anywhere in a heading (`Phase 9`, `Sprint 4`, `Stage 2`). */
const stageAnywhere = /(?<![\p{L}\p{N}])(?:phase|sprint|milestone|stage|iteration|фаза|этап|спринт|etappe|fase|阶段|フェーズ)\s*#?\d/iu;
/** Nouns naming a kind of work done (`integration`, `refinements`, `fixes`), in the languages membank reads. */
const workDoneHeading =
  /(?<![\p{L}\p{N}])(?:integration|implementation|refinements|improvements|enhancements|fixes|bug ?fixes|migration|refactoring|интеграция|реализация|исправления|улучшения|доработки|миграция|рефакторинг|implementierung|verbesserungen|korrekturen|fehlerbehebungen|intégration|améliorations|corrections|integración|implementación|mejoras|correcciones|integração|implementação|melhorias|correções|集成|实现|改进|修复|統合|実装|改善|修正)(?![\p{L}\p{N}])/iu;
/**
 * Headings summing up or noting rather than listing work (`Summary`, `Verification summary`, `Notes`, `Highlights`),
 * and saying what is ready for the next stage (`Ready for Phase 4`, `Readiness`, `Готовность к Phase 4`): the list
 * under them says what holds, even beside a stage's name.
 */
const summaryHeading =
  /(?<![\p{L}\p{N}])(?:summary|overview|notes?|verification|verified|highlights|achievements|benefits|principles|guidelines|rules|conventions|checklist rollout|lessons|challenges?|risks?|zusammenfassung|résumé|resumen|итоги|сводка|总结|概要|まとめ|ready for|readiness|готовность|bereit für|bereitschaft|prêt pour|listo para|pronto para|prontidão|hazır|准备就绪|準備完了)(?![\p{L}\p{N}])/iu;

/**
 * A heading naming a numbered stage of the work (`Phase 2`, `Sprint 3: Export`, `Milestone 1 ✅`) or labelled as a
 * feature, an epic or a story it builds (`Feature: Trip history`, `Funcionalidad: Mapa`, `Epic 4 - Billing`): a list
 * of marks under it, all done, is that work's finished parts, not a summary of results.
 */
function isStageOfWork(title: string | undefined): boolean {
  return title !== undefined && (stageOfWork.test(title) || labelledFeature.test(title));
}
const stageOfWork = /^(?:phase|sprint|milestone|stage|step|iteration|increment)\s*#?\d/iu;
const labelledFeature =
  /^(?:feature|epic|(?:user\s+)?story|funcionalidad|funcionalidade|fonctionnalité|funktion|funzionalità|функция|фича|功能|機能|기능)\s*(?:#?\d|[:：])/iu;

const boldStatusLead = new RegExp(`^\\s*${statusLeadSource}`, 'u');

/** A box holding letters or digits (`[P]`, `[i]`, `[US1]`), which only the vocabulary may make a checkbox. */
const letterBox = /^[\p{L}\p{N}]+$/u;

/**
 * An item's head, with a box of letters that says no status (`- [P] tasks touch different files`, Spec Kit's legend
 * of its parallel marker; Obsidian's annotation boxes `[i]`, `[b]`, `[p]`) read as its text, not as a checkbox: such
 * an item is a bullet. `[x]`, `[X]` and a letter the vocabulary knows (`vocabulary.status` in the config) stay boxes.
 */
function readItemHead(walk: Walk, item: ListItem, list: List): ListItemHead {
  const head = readListItemHead(walk.ctx.source, item, list);
  const box = head.checkbox;
  if (box === null || box === 'x' || box === 'X' || !letterBox.test(box)) return head;
  if (walk.ctx.vocabulary.matchCheckbox(box) !== null || readsAsStatus(walk.ctx.vocabulary.matchStatus(box))) return head;
  return { ...head, checkbox: null, optional: false, text: `[${box}] ${head.text}`, markdown: `[${box}] ${head.markdown}` };
}

/**
 * An item's Markdown that only points to another file or place: a word for `see` and a link, a code span or a path,
 * and at most what it is for (`See [milestones/](milestones/) for the milestone definitions`, ``See `tasks/_index.md` ``,
 * `Siehe [Backlog](backlog.md)`, `См. [backlog.md](backlog.md).`, `详见 [路线图](roadmap.md)`).
 */
const pointsElsewhere =
  /^(?:see(?:\s+also)?|cf\.?|refer\s+to|siehe(?:\s+auch)?|vgl\.?|voir(?:\s+aussi)?|ver|véase|vedi|zie|см\.?|смотри(?:те)?|详见|参见|見る|詳細は|参照)\s*[:：]?\s*(?:\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]+`|[\w./-]+\.(?:md|json|ya?ml|txt)|[\w.-]+\/)(?:\s+(?:for|für|pour|para|per|voor|для)\s[^\n]{0,80}?)?\s*[.。]?$/iu;

/**
 * An item's Markdown telling the assistant which command of its workflow to run (``Use `/van` for new tasks``,
 * ``Proceed to `/do` command to implement Step 1–6``, ``Verwende `/plan` …``): an instruction, no work.
 */
const givesCommand =
  /^(?:use|run|proceed\s+(?:to|with)|switch\s+to|type|invoke|call|start\s+with|continue\s+with|go\s+to|verwende|nutze|führe|wechsle\s+zu|utilise[rz]?|lance[rz]?|usa|usar|ejecuta|используй(?:те)?|запусти(?:те)?|使用|运行|执行)\s+(?:the\s+)?`?\/[a-z][\w-]*`?(?=[\s.,;:)]|$)/iu;

/**
 * An item's Markdown naming only a file: its path or name in code (`` `README.md` ``, `` `src/payments/webhook.ts` (new) ``),
 * a path written plainly (`/Users/dev/rules/core-rules.md (created)`, `docs/setup.md`), or a link to a file that is no
 * Markdown page (`[Gateway client](./payments/gateway.ts)`; a link to a page may name a task file, merge.ts), with at
 * most a word or two on what became of it in parentheses: a list of files touched, created or read, no work.
 */
const namesFileOnly =
  /^(?:`[^`\n]*(?:\/|\.[A-Za-z][\w]{0,5})`|(?:\.{0,2}\/|~\/)?(?:[\w.@-]+\/)+[\w.@-]*|[\w@-][\w.@-]*\.[A-Za-z][\w]{0,5}|\[[^\]\n]+\]\((?![a-z]+:)[^)\s]*\.(?!md\b|markdown\b)[A-Za-z][\w]{0,5}\))(?:\s*[(（][\p{L}\s-]{1,24}[)）])?\s*[.,;]?$/u;

/**
 * Whether an item naming only a file (`namesFileOnly`) lists it rather than names work: under another item (the files
 * it touched), or under finished work or none (`### Files Created`); a Markdown page there may be a task file (`-
 * 003_export_csv.md` under `## Done`, merge.ts), and one under work not done, the work (`- \`restore.sh\`` under `###
 * Missing shell scripts`).
 */
function listsFile(markdown: string, scope: Scope, parentDraft: DraftTask | null): boolean {
  if (!namesFileOnly.test(markdown)) return false;
  if (parentDraft !== null) return true;
  return (scope.sectionStatus === null || scope.sectionStatus === 'done') && (!markdownPage.test(markdown) || absolutePath.test(markdown));
}
const markdownPage = /\.(?:md|markdown)\b/iu;
/** A path from the root of a disk or a home folder (`/Users/dev/rules.md`): a file on a machine, no page of the bank. */
const absolutePath = /^`?(?:\/|~\/)/u;

/**
 * The status and the priority a list item holding only a label names as a section, when a list sits under it: a bold
 * label (`- **Completed:**`, `*   **To-Do:**`) or a few plain words (`1. Done`, `2. In progress`, `1. 已完成`, `1. High
 * priority`, `1. 高优先级`); null when it names neither.
 */
function readLabelItem(walk: Walk, item: ListItem): { status: KnownStatus | null; priority: number | null } | null {
  if (!item.children.some((child) => child.type === 'list')) return null;
  const text = walk.ctx.lines[readLine(item) - 1] ?? '';
  // A span of time ahead (`1. **Short-term (1-2 months)**`, `2. 中期（1-2月）`, `- Langfristig:`) groups the work
  // planned for it: the items are the section's, the label none.
  if (horizonLabelItemLine.test(text)) return { status: null, priority: null };
  const name = boldLabelItemLine.test(text) ? readBoldLabelName(text) : plainLabelItemLine.exec(text)?.[2];
  if (name === undefined) return null;
  const status = walk.ctx.vocabulary.matchSection(name);
  const priority = walk.ctx.vocabulary.matchSectionPriority(name);
  return status === null && priority === null ? null : { status, priority };
}

const horizonWords =
  "(?:short|near|mid|medium|long)[- ]term|immediate|kurzfristig|mittelfristig|langfristig|court terme|moyen terme|long terme|(?:corto|mediano|medio|largo) plazo|(?:curto|médio|longo) prazo|краткосрочн\\p{L}*|среднесрочн\\p{L}*|долгосрочн\\p{L}*|短期|中期|长期|長期|단기|중기|장기|ngắn hạn|trung hạn|dài hạn";
/** A list item holding only a span of time ahead, bold or plain, a duration and a noun for what is planned after it or not. */
const horizonLabelItemLine = new RegExp(
  String.raw`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\*\*|__)?(?:${horizonWords})(?:\s+(?:goals?|tasks?|plans?|priorities|work|items|ziele|aufgaben|objectifs|objetivos|задачи|цели|目标|任务|目標|タスク|목표))?\s*(?:[(（][^()（）\n]{1,24}[)）])?\s*(?:\*\*|__)?\s*[:：]?\s*(?:\*\*|__)?\s*$`,
  'iu',
);

/**
 * Whether a list item is a bold label naming only a list of work (`- **Tasks:**`, `- **Tugas:**`, `- **Subtasks:**`)
 * over a checklist: it heads the list as a heading naming one would, the list the scope's, the label no task.
 */
/** Whether an item is a bold label alone naming a report (`- **Key achievements:**`, `- **Files changed:**`) over a list. */
function labelsReport(walk: Walk, item: ListItem): boolean {
  if (!item.children.some((child) => child.type === 'list')) return false;
  const text = walk.ctx.lines[readLine(item) - 1] ?? '';
  return boldLabelItemLine.test(text) && namesReport(readBoldLabelName(text));
}

function labelsWorkList(walk: Walk, item: ListItem): boolean {
  if (!listsBoxes(item)) return labelsFeatures(walk, item);
  const text = walk.ctx.lines[readLine(item) - 1] ?? '';
  // Bold (`- **Tasks:**`) or plain (`- Subtasks:`, `- Unteraufgaben:`).
  if (!boldLabelItemLine.test(text) && !plainLabelItemLine.test(text)) return false;
  const name = readBoldLabelName(text).toLowerCase();
  if (workListLabels.has(name)) return true;
  // The list's noun with a status word before or after it (`Changes completed`, `Remaining tasks`, `Offene Aufgaben`):
  // the boxes state their own statuses.
  const words = name.split(/\s+/u);
  if (words.length < 2 || words.length > 3) return false;
  for (const [noun, rest] of [[words.at(-1) ?? '', words.slice(0, -1)], [words[0] ?? '', words.slice(1)]] as const) {
    if (!workListLabels.has(noun) && !workListNouns.has(noun)) continue;
    const status = walk.ctx.vocabulary.matchStatus(rest.join(' '));
    if (status.matched && !status.legend && status.coverage >= 0.6) return true;
  }
  return false;
}

/**
 * Whether a list item is a bold label alone naming the features or stories planned (`- **Features**:`, `- **User
 * stories**:`, `- **Funktionen**:`) over items that state their status (`- FEAT-004: Export to CSV (complete)`): it
 * heads them as a heading would, the items the scope's, the label no task.
 */
function labelsFeatures(walk: Walk, item: ListItem): boolean {
  const text = walk.ctx.lines[readLine(item) - 1] ?? '';
  if (!boldLabelItemLine.test(text) || !featureLabels.has(readBoldLabelName(text).toLowerCase())) return false;
  return item.children.some((child) => child.type === 'list' && hasTaskItems(walk, child));
}
const featureLabels: ReadonlySet<string> = new Set(['features', 'feature list', 'planned features', 'user stories', 'stories', 'epics', 'funktionen', 'fonctionnalités', 'funcionalidades', 'функции', '功能', '機能']);

/** Nouns a label names a list of work by beside a status (`Changes completed`, `Fixes needed`), besides `workListLabels`. */
const workListNouns: ReadonlySet<string> = new Set(['changes', 'fixes', 'items', 'steps', 'änderungen', 'schritte', 'cambios', 'mudanças', 'modifications', 'изменения']);

/**
 * A bold term's title whose value after the colon is wholly a date (`Phase 1 MVP: March 2025`, `Public launch:
 * 2025-12-01`, `Beta: Q3 2025`, `Giai đoạn 1: Tháng 3/2025`): the term, and the day it is due (a month's or a quarter's
 * last); null for any other title.
 */
function readTermDue(title: string): { title: string; due: string } | null {
  const colon = /[:：]\s*/u.exec(title);
  if (colon === null || colon.index === 0) return null;
  const value = title.slice(colon.index + colon[0].length).trim();
  if (!/\d/u.test(value)) return null;
  const due = normaliseFieldDate(value, { due: true });
  return due === null ? null : { title: title.slice(0, colon.index).trim(), due };
}

/** The name of a list item holding only a bold label (`- **Completed:**` → `Completed`). */
function readBoldLabelName(text: string): string {
  return text.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/u, '').replace(/\*\*|__/gu, '').replace(/\s*[:：]\s*$/u, '').trim();
}

/** Names of a label over a checklist that only say it lists work (`Tasks`, `Subtasks`, `Aufgaben`, `Tugas`, `任务`). */
const workListLabels: ReadonlySet<string> = new Set([...taskListHeadingWords.english, ...taskListHeadingWords.other, 'subtasks', 'sub-tasks', 'teilaufgaben', 'unteraufgaben', 'sous-tâches', 'subtareas', 'subtarefas', 'подзадачи', '子任务', '子任務', 'サブタスク', 'work items',
  // What is to be done, as a task's steps or actions (`- **Actions**:`, `- **対応内容**:`, `- **Schritte**:`).
  'actions', 'action items', 'steps', 'next actions', 'maßnahmen', 'aktionen', 'schritte', 'étapes', 'actions à mener', 'acciones', 'pasos',
  'ações', 'passos', 'azioni', 'passi', 'действия', 'шаги', '步骤', '措施', '行动项', '対応内容', '対応', '作業内容', 'やること', '手順', '조치', '단계',
]);

/** Whether an item's nested list holds checkboxes. */
function listsBoxes(item: ListItem): boolean {
  return item.children.some((child) => child.type === 'list' && child.children.some((sub) => sub.checked === true || sub.checked === false));
}

/** The fields read from an item's line with those its bold keys gave (`readBoldKeyedFields`), which closed it. */
function withFields(inline: InlineFields, bold: { fields: InlineField[] } | null): InlineFields {
  return bold === null ? inline : { ...inline, fields: [...inline.fields, ...bold.fields] };
}

/** A colon closing a text, a space after it or not (`Done: `, `完成：`). */
const colonCloses = new RegExp(`${colonSource}$`, 'u');

/**
 * A status in words opening a bullet before a colon (`- Done: Set up CI`, `- Blocked: SSO with the customer`): the
 * word and the title after it. The words must read wholly as a status and not name a stage of work (`Review: …`,
 * `Design: …`); a field's name (`Status: Done`) or a note (`Note: …`) opens none, nor does a colon with no title after it.
 */
function readWordedLead(text: string, vocabulary: Vocabulary): { word: string; rest: string } | null {
  const lead = readLeadingStatusWord(text, vocabulary);
  if (lead === null || !colonCloses.test(text.slice(0, lead.length))) return null;
  const word = lead.word;
  if (isStageWord(word) || vocabulary.matchField(word) !== null || !isWhollyStatus(word, vocabulary)) return null;
  const rest = text.slice(lead.length);
  // A share or a count after it (`Done: 40%`, `Done: about 12 of 20`) is progress, not a task.
  return /\p{L}{2}/u.test(rest.replace(/\b(?:about|around|approx(?:imately)?|of)\b|\d+(?:[.,]\d+)?\s*%?/giu, '')) ? { word, rest } : null;
}

/** A line opening with a field's name and its colon (`**Status:** …`, `Status: …`): group 1 the name. */
const fieldLineHead = /^\s*(?:\*\*|__)?([\p{L}][\p{L}\p{M}\u200C\u200D ]{0,28}?)\s*(?:\*\*|__)?\s*[:：]/u;

/**
 * Whether an item's Markdown ends with a status field on a line of its own (`- Corrected the syntax.` over `**Status:**
 * Implemented` at the margin, a lazy continuation of the item to Markdown): that field is what the list sits in states,
 * not a status closing the item.
 */
function endsWithFieldLine(markdown: string, vocabulary: Vocabulary): boolean {
  const at = markdown.lastIndexOf('\n');
  if (at < 0) return false;
  const name = fieldLineHead.exec(markdown.slice(at + 1))?.[1];
  return name !== undefined && vocabulary.matchField(name) === 'status';
}

/** Whether a list (or a list nested in it) holds items, or tables, that the walk's options make tasks. */
export function hasTaskItems(walk: Walk, list: List): boolean {
  const { ctx, options } = walk;
  for (const item of list.children) {
    const head = readItemHead(walk, item, list);
    if (head.checkbox === null && isCriteriaItem(walk, head.text)) continue;
    if (options.checklists && head.checkbox !== null) return true;
    if (options.inlineStatusBullets) {
      // After the markers closing it, as the item is read (`FEAT-008: Activity feed (in_progress) [Level 3]`).
      const status = readInlineFields(readLineMarkers(head.text, ctx.vocabulary, head.markdown.includes('`'))?.rest ?? head.text, ctx.vocabulary).status;
      if (status !== null && !isStageWord(status)) return true;
      const bold = readBoldKeyedFields(head.text, head.markdown, ctx.vocabulary) ?? readCodeKeyedFields(head.text, head.markdown, ctx.vocabulary);
      if (bold !== null && hasStatusField(walk, bold.fields)) return true;
    }
    for (const child of head.rest) if ((child.type === 'list' && hasTaskItems(walk, child)) || isTaskTable(walk, child)) return true;
  }
  return false;
}

/**
 * Whether an item of the list states its own status: a checkbox, a status word or mark leading it, or a mark closing
 * it (`- [ ] …`, `- TODO …`, `- ⏳ …`, `- Ship it ✅`). Beside such items a plain bullet is a note, not a task.
 */
export function hasStatedItems(walk: Walk, list: List): boolean {
  const { ctx } = walk;
  for (const item of list.children) {
    const head = readItemHead(walk, item, list);
    if (head.checkbox !== null || openingItemMark.test(head.text) || closingItemMark.test(dropMarkedShare(head.text)) || readIndicatorMeaning(walk, head.text) !== undefined) return true;
    if (readStatusLead(head.text, ctx.vocabulary) !== null) return true;
  }
  return false;
}

/** Whether a block nested in a list item is a table whose rows the walk's options make tasks. */
function isTaskTable(walk: Walk, node: RootContent): boolean {
  if (node.type !== 'table' || !walk.options.tables) return false;
  const rows = readTableRows(walk.ctx.lines, node);
  return detectTaskTable(rows.header, walk.ctx.vocabulary, rows.rows.map((row) => row.cells), () => walk.ctx.markMeanings) !== null;
}

/** A list marker and an optional checkbox at the start of an item's first line. */
const itemLead = new RegExp(String.raw`^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[(?:${checkboxMarkSource})\]\*?\s+)?`, 'u');

/**
 * Fields written on the lines of an item's first paragraph after its title (`1. **Write the docs**` then
 * `   **Status:** Done`), notes (`*Link: …*`) and a description (`- [ ] Print the badges` then `  Needs the final
 * attendee list from Lee.`): when every such line is one of them, they are read off and the title is the first line
 * alone. A title wrapped over lines (`… who upgrade from` then `version 3 of the importer`) is one title.
 */
function readHeadFields(walk: Walk, head: ListItemHead): { fields: LineField[]; notes: string[]; title: string } | null {
  if (head.paragraph === null) return null;
  const first = readLine(head.paragraph);
  const last = readEndLine(head.paragraph);
  const source = walk.ctx.lines[first - 1] ?? '';
  // A card written over lines with HTML breaks (`- [ ] Send invites<br>Use the new template<br>CC marketing`, as the
  // Obsidian Kanban plugin stores them): its first line is the title, the others its description. Most items are one
  // line without one: nothing to read.
  const hasBreak = source.includes('<') && lineBreak.test(source);
  if (last === first && !hasBreak) return null;
  const written = source.replace(itemLead, '');
  const broken = hasBreak ? lineBreak.exec(written) : null;
  let titleLine = broken === null ? written : written.slice(0, broken.index);
  if (broken !== null && titleLine.trim() === '') return null;
  // Only lines indented under the title: a lazy line at the margin (`- Last step` then `**Status:** Done`) is the
  // status of what the list sits in, not of its last item. A note line may sit at the margin: it states no status.
  const indent = (head.paragraph.position?.start.column ?? 1) - 1;
  const fields: LineField[] = [];
  // Notes and descriptions in their order, a description as its lines.
  const notes: (string | string[])[] = [];
  if (broken !== null) {
    // The card's date and time (`@{2025-05-02}`, `@@{14:00}`) are the card's wherever written: read with its title.
    const stamps: string[] = [];
    const parts = written
      .slice(broken.index + broken[0].length)
      .split(lineBreak)
      .map((part) => part.replace(kanbanStamps, (stamp) => (stamps.push(stamp), '')).replace(/\s{2,}/gu, ' ').trim())
      .filter((part) => part !== '');
    if (stamps.length > 0) titleLine = `${titleLine.trimEnd()} ${stamps.join(' ')}`;
    if (parts.length > 0) notes.push(parts);
  }
  // The lines of the description under way, if one has begun.
  let description: string[] | null = null;
  for (let line = first + 1; line <= last; line++) {
    const text = walk.ctx.lines[line - 1] ?? '';
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (noteLine.test(trimmed)) {
      notes.push(trimmed);
      description = null;
      continue;
    }
    const read = readFieldLine(text, line, walk.ctx.vocabulary);
    if (read !== null) {
      if (text.length - text.trimStart().length < indent) return null;
      fields.push(...read);
      description = null;
      continue;
    }
    if (description !== null) {
      description.push(trimmed);
      continue;
    }
    if (line !== first + 1 || !opensDescription(titleLine, trimmed)) return null;
    description = [trimmed];
    notes.push(description);
  }
  const title = stripInlineMarkdown(titleLine).trim();
  if ((fields.length === 0 && notes.length === 0) || title === '') return null;
  return { fields, notes: notes.map((note) => (typeof note === 'string' ? note : note.join('\n'))), title };
}

/** An HTML line break (`<br>`, `<br/>`, `<br />`). */
const lineBreak = /<br\s*\/?>/iu;

/**
 * Whether the line under an item's title begins a description of it rather than carrying on the title: it opens a
 * sentence (a capital, or a remark wholly in parentheses) after a title that ends as one does — on its own
 * punctuation, or on a word that is not a connector (`and`, `for the`, `der`) — and is not a line filled to the wrap
 * column, which a title written over lines would be.
 */
function opensDescription(titleLine: string, next: string): boolean {
  if (/^[(（][^()（）]*[)）][.!]?$/u.test(next)) return true;
  if (!/^(?:\*\*|__|\*|_)?\p{Lu}/u.test(next)) return false;
  const title = titleLine.trimEnd();
  if (/[.!?:：。！？]$/u.test(title)) return true;
  if (!/[\p{L}\p{N})\]`*_]$/u.test(title) || title.length >= 72) return false;
  const lastWord = /(\p{L}+)[*_`]*$/u.exec(title)?.[1]?.toLowerCase();
  return lastWord === undefined || !wrapConnectors.has(lastWord);
}

/**
 * A line under an item's title that is a note on it, not more of its words: wholly in emphasis (`*Link: [./tracks/x/](./tracks/x/)*`,
 * as Conductor writes under each track) or wholly a link. A title wrapped over lines has words outside both.
 */
const noteLine = /^(?:\*(?!\*)[^*]*\S\*|_(?!_)[^_]*\S_|\[[^\]]*\]\([^)]*\))$/u;

/**
 * Whether a field states a status: its name is a status field (`Status`, `Статус`, `状态`…) and its value, a note
 * aside, reads as a status (`[ ] Pending (verify permissions)`, `Done, reviewed by Sam`; not `State: Shared context…`).
 */
function statesStatus(walk: Walk, field: { name: string; value: string }): boolean {
  if (walk.ctx.vocabulary.matchField(field.name) !== 'status') return false;
  const value = stripInlineMarkdown(field.value).trim();
  if (value === '' || /^[\d\s.,%/]+$/u.test(value)) return false;
  return readsAsStatus(matchWrittenStatus(walk.ctx.vocabulary, value));
}

/**
 * Whether an item states its status under its title: a paragraph of field lines, or a sub-list with a field
 * bullet (`- **Status:** Done`, `- Status: Done`), among the blocks under it.
 */
function statesStatusUnder(walk: Walk, rest: readonly RootContent[]): boolean {
  const { ctx } = walk;
  for (const child of rest) {
    if (child.type === 'paragraph') {
      const fields = readParagraphFields(ctx.lines, child, ctx.vocabulary, true);
      if (fields?.some((field) => statesStatus(walk, field)) === true) return true;
    } else if (child.type === 'list') {
      for (const item of child.children) {
        if (item.checked === true || item.checked === false) continue;
        const fields = readFieldLine((ctx.lines[readLine(item) - 1] ?? '').replace(itemLead, ''), readLine(item), ctx.vocabulary);
        if (fields?.some((field) => statesStatus(walk, field)) === true) return true;
      }
    }
  }
  return false;
}

/** Whether text (trimmed) can open with an `AC-1:` criterion: only text starting with `A`, `a` or `*`. */
function opensAcceptance(markdown: string): boolean {
  const trimmed = markdown.trim();
  const first = trimmed.charCodeAt(0);
  return (first === 0x41 || first === 0x61 || first === 0x2a) && acceptanceItem.test(trimmed);
}

/** Whether Markdown opens with `**`, `__` or a backtick (after spaces): only then can a bold or code status lead it. */
function opensBoldOrCode(markdown: string): boolean {
  let index = 0;
  let char = markdown.charCodeAt(index);
  while (char === 32 || char === 9) char = markdown.charCodeAt(++index);
  return char === 96 || ((char === 42 || char === 95) && markdown.charCodeAt(index + 1) === char);
}

/** Whether text can open with a timestamp (`[2025-08-16 20:09] - …`): only text starting with `[` or a digit. */
function opensTimestamp(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0x5b || first === 0x28 || (first >= 0x30 && first <= 0x39);
}

/**
 * Whether a plain bullet sits at the top of a priority section (`## High priority` over `- Fix the crash on rotate` in a
 * TODO.md): a list of work ranked by what comes first, whose bullets are tasks as a status section's are — not under
 * a task of that section (a heading task's bullets are its text).
 */
function isPrioritySectionItem(walk: Walk, scope: Scope): boolean {
  return scope.sectionPriority !== null && scope.rankOnly !== true && (scope.parent === null || scope.parent === walk.ctx.documentTask);
}

/** Whether one of an item's inline fields is its status (`(Status: pending)`). */
function hasStatusField(walk: Walk, fields: readonly InlineField[]): boolean {
  for (const field of fields) if (walk.ctx.vocabulary.matchField(field.name) === 'status') return true;
  return false;
}

function setTimestamp(draft: DraftTask, stamp: string): void {
  const date = normaliseDate(stamp);
  if (date === null) return;
  if (draft.status.canonical === 'done') draft.dates.done = draft.dates.done ?? date;
  else draft.dates.created = draft.dates.created ?? date;
}

/**
 * Walks one list: its task items become drafts (children of `parentDraft`, or of the scope's task), everything
 * else goes to the owning task's body. Returns the drafts made at this level (nested ones hang under them).
 */
/**
 * An item wholly in parentheses or braces saying what to write there, as a template leaves it (`(Done items)`,
 * `(Current work)`, `{task description}`, `（待补充）`): words, no digits; an id alone (`(TASK-004)`) is none.
 */
const templateText = /^(?:\((?:[\p{L}'’-]+\s+)+[\p{L}'’-]+\)|\{(?:[\p{L}'’_-]+\s*)+\}|（[^（）\d]{1,20}）)$/u;

/**
 * A bold name opening an item and a status after it, in capitals or struck through, before a colon or a dash and what
 * the work holds (`**Settings loader** ~~DONE~~: file, environment`, `**Resume** IN PROGRESS: journal`, `**Upload**
 * DONE`): the name, the status as written and the words after it; null for any other item, and for a name that is a
 * field's (`**Status** DONE`).
 */
function readNamedStatus(markdown: string, vocabulary: Vocabulary): { title: string; status: string; text: string } | null {
  const match = namedStatus.exec(markdown);
  const name = match?.[2]?.trim();
  const status = (match?.[3] ?? match?.[4])?.trim();
  if (name === undefined || status === undefined || vocabulary.matchField(name) !== null || !isWhollyStatus(status, vocabulary) || isStageWord(status)) return null;
  return { title: stripInlineMarkdown(name).trim(), status, text: (match?.[5] ?? '').trim() };
}
/** A bold name opening an item before a colon and the words after it (`**Progress bar**: a bar per file`); null for a field's name. */
function readDescribedName(markdown: string, vocabulary: Vocabulary): { title: string; text: string } | null {
  const field = readLeadingBoldField(markdown);
  if (field === null || field.value === '' || vocabulary.matchField(field.name) !== null) return null;
  const title = stripInlineMarkdown(field.name).trim();
  return title === '' ? null : { title, text: stripInlineMarkdown(field.value).trim() };
}
const namedStatus = /^\s*(\*\*|__)([^*_\n]{1,120}?)\1\s+(?:~~\s*([^~\n]{2,24}?)\s*~~|(\p{Lu}[\p{Lu}_ -]{0,22}\p{Lu}))\s*(?:(?:[:：]|\s[-–—])\s*(.*))?$/u;

/**
 * Whether a list is a numbered list of work: its items at the margin of a section whose heading names a list of work
 * (`#### Tasks`, `### Aufgaben`, `## Задачи`), in no status section and under no task; not one saying how to keep
 * such a list (`## How to Use This Backlog` over `1. **Adding Items**: …`).
 */
function numbersWork(list: List, scope: Scope, parentDraft: DraftTask | null): boolean {
  return list.ordered === true && parentDraft === null && scope.parent === null && scope.sectionStatus === null && !scope.criteria && scope.heading !== undefined && namesNumberedWork(scope.heading);
}
/** Whether a heading names a list of work its numbered items are pieces of (`numbersWork`), as discovery asks of one. */
export function namesNumberedWork(heading: string): boolean {
  return namesTaskList(heading) && !saysHowTo.test(heading);
}
/** A heading opening with how to do something (`How to use this backlog`, `Wie man Aufgaben anlegt`, `Как вести задачи`). */
const saysHowTo = /^\W*(?:how\s+to|using|wie\s|comment\s|c[óo]mo\s|como\s|как\s|如何|怎样)/iu;

export function walkList(walk: Walk, list: List, scope: Scope, parentDraft: DraftTask | null, listContext: string[], criteria: boolean): DraftTask[] {
  const { ctx, options } = walk;
  const made: DraftTask[] = [];
  // Whether an item of this list is marked open (`⏳`, `🔄`…): read on the first marked item only.
  let openMarks: boolean | null = null;
  // Whether an item of this list has a checkbox: read on the first item struck through only.
  let boxed: boolean | null = null;
  // Whether the list's items open with pictographs mostly saying no status (`isDecoratedList`): read on the first mark.
  let decorated: boolean | null = null;
  // Whether an item of this list states the status of the item it sits under (`- **Status:** Done`): read on the first marked term only.
  let fieldList: boolean | null = null;
  // What the file says an indicator mark means (`🟡 in progress`), asked of a mark opening an item: one function per list.
  const meaningOf = (mark: string): KnownStatus | undefined => ctx.markMeanings.get(mark);
  for (const item of list.children) {
    if (ctx.claimed.has(item)) continue;
    const head = readItemHead(walk, item, list);
    const line = readLine(item);
    const owner = parentDraft ?? scope.parent;
    const sink = parentDraft?.body ?? scope.sink;
    if (criteria || scope.criteria) {
      sink?.push(itemMarkdown(walk, item));
      continue;
    }
    if (opensAcceptance(head.markdown)) {
      sink?.push(itemMarkdown(walk, item));
      continue;
    }
    // A bold label naming only a list of work over a checklist (`- **Tasks:**`, `- **Tugas:**`): the checklist is the
    // scope's, under the task the scope is in or none, and the label no task.
    // A bold label alone as an item naming a report on the work (`- **Performance Achievements:**` over `  - ✅ …`, under
    // a bug's entry): what it lists says how things went, the owner's text, no tasks — as under such a label at the margin.
    if (parentDraft !== null && head.checkbox === null && labelsReport(walk, item)) {
      sink?.push(itemMarkdown(walk, item));
      continue;
    }
    if (labelsWorkList(walk, item)) {
      for (const child of item.children) if (child.type === 'list') made.push(...walkList(walk, child, scope, parentDraft, listContext, false));
      continue;
    }
    // A bold label alone as an item over a list of its own (`- **Completed:**` over `  - Sign-in`), naming a status
    // section, where status sections make tasks of bullets and outside any task: that list is the section's, as under
    // a heading or a bold label at the margin, and the label no task.
    // So is a few plain words naming one (`1. Done` over `   - Base framework`, `1. 已完成`), or a priority (`1. High
    // priority` over its items, `1. 高优先级`: their priority, as under a heading naming it).
    const labelItem = owner === null ? readLabelItem(walk, item) : null;
    if (labelItem !== null && (labelItem.status === null || options.sectionBullets)) {
      const inner = { ...scope, sectionStatus: labelItem.status ?? scope.sectionStatus, sectionPriority: labelItem.priority ?? scope.sectionPriority, rankOnly: labelItem.priority === null && scope.rankOnly === true };
      for (const child of item.children) if (child.type === 'list') made.push(...walkList(walk, child, inner, null, listContext, false));
      continue;
    }
    if (head.checkbox === null && readFieldItem(walk, item, head, scope, parentDraft, listContext, made)) continue;
    // Fields on the title's own following lines are the item's, not part of its title.
    const headFields = readHeadFields(walk, head);
    let text = headFields === null ? head.text : headFields.title;
    // Struck through with a note on what came of it (`1. ~~Integrate the online dictionary~~ → a basic one is done`):
    // crossed off as a title struck whole is, the note its body.
    // A note that is a status (`~~Port the old theme~~ → dropped, the new one covers it`) is read as the item's, as before.
    const struckMatch = headFields === null ? struckWithNote.exec(head.markdown) : null;
    const struck = struckMatch?.[2] !== undefined && readNotedStatus(struckMatch[2], ctx.vocabulary) === null && !isStatusValue(struckMatch[2], ctx.vocabulary) ? struckMatch : null;
    const crossedMarkdown = struck?.[1] === undefined ? head.markdown : `~~${struck[1]}~~`;
    if (struck?.[1] !== undefined) text = stripInlineMarkdown(struck[1]).trim();
    let stamp: string | null = null;
    const lead = opensTimestamp(text) ? readDateStamp(text, head.markdown) : null;
    if (lead !== null) {
      stamp = lead.stamp;
      text = text.slice(lead.length);
    }
    // The item's own status emoji (`⏳ Phase 2` under "Completed phases") beats the section it sits in; a status word
    // leading the item (`DONE: …`, `[WIP] …`) is its status, as a checkbox would be; a word after its box or mark that
    // says the same (`- [x] Done: Upload resume`, `- ✅ Completed: CSV reader`) restates it: not title.
    const opening = readOpeningStatus(text, head.checkbox, ctx.vocabulary, meaningOf);
    const ownMark = opening.mark;
    let ownLead = opening.lead;
    text = opening.rest;
    if (ownLead === null && head.checkbox === null && ownMark === null) {
      // In bold capitals or code (`- **DONE** Write the docs`, ``- `WIP` Tune the cache``): read in the item's Markdown,
      // where the bold or the code span still shows.
      const bold = opensBoldOrCode(head.markdown) ? boldStatusLead.exec(head.markdown)?.[3] : undefined;
      if (bold !== undefined && text.startsWith(bold) && isStatusValue(bold, ctx.vocabulary)) {
        ownLead = bold.trim();
        text = text.slice(bold.length).replace(/^\s*(?:[:：]|[-–—])?\s*/u, '');
      }
    }
    // In words before a colon (`- Done: Set up CI`, `- In progress: Nightly backups`): as in capitals. Not a bold term
    // (`- **Done:** about 40%`, `- **Code Review:** Review the async code`), which defines, as a field does, nor code
    // (``- `error: string | null` - Error message``).
    const worded = ownLead === null && head.checkbox === null && ownMark === null && !/^\s*(?:\*\*|__|`)/u.test(head.markdown) ? readWordedLead(text, ctx.vocabulary) : null;
    if (worded !== null) {
      ownLead = worded.word;
      text = worded.rest;
    }
    // A bold term stating its status after a colon, the status opening with a mark (`- **Search**: 🔄 In progress`,
    // `- **Wave 1**: ✅ COMPLETE (17/17 tasks)`): the term is the title, the mark the item's as a leading one is, the
    // value its status. Without a mark (`- **Build:** Passed`, `- **Done:** about 40%`) the term defines.
    const termed = ownLead === null && head.checkbox === null && ownMark === null && opensBoldOrCode(head.markdown) ? readMarkedTerm(walk, head.markdown) : null;
    // Among an item's fields, one stating its status (`- ✅ **#BUG-12: Export fails**` over `- **Status:** ✅ Resolved`),
    // a term whose mark opens a note (`- **Solution:** ✅ bind the handler after the first render`) is a field of it
    // too, its text, not a step: a step's value says its status (`- **Export:** 🔄 In progress`).
    if (termed !== null && parentDraft !== null && !isWhollyStatus(readWordsAfterMark(termed), ctx.vocabulary) && (fieldList ??= statesStatusUnder(walk, [list]))) {
      sink?.push(itemMarkdown(walk, item));
      continue;
    }
    if (termed !== null) text = termed.title;
    // A bold name and a status after it in capitals or struck through, before what the work holds (`1. **Settings
    // loader** ~~DONE~~: file, environment`, `**Resume** IN PROGRESS: journal`): the name the title, the words after the
    // colon its text.
    const named = ownLead === null && head.checkbox === null && ownMark === null && termed === null && opensBoldOrCode(head.markdown) ? readNamedStatus(head.markdown, ctx.vocabulary) : null;
    if (named !== null) {
      ownLead = named.status;
      text = named.title;
    }
    // In a numbered list of work, a bold name before a colon is the work's name, the words after it what the work holds
    // (`4. **Progress bar**: a bar per file`).
    const described = named === null && termed === null && ownLead === null && head.checkbox === null && ownMark === null && opensBoldOrCode(head.markdown) && numbersWork(list, scope, parentDraft) ? readDescribedName(head.markdown, ctx.vocabulary) : null;
    if (described !== null) text = described.title;
    // An indicator mark the file explains as a priority (`- [ ] 🔴 Patch the login bug` beside `Priority: 🔴 high · 🟡
    // medium`) is the item's priority, not title.
    const ranked = ctx.markPriorities.size > 0 ? readIndicatorPriority(walk, text) : null;
    if (ranked !== null) text = ranked.rest;
    // A label saying what the item is (`- [ ] Task: Add session expiry`) is not its title.
    const label = text.length > 5 ? itemLabel.exec(text) : null;
    if (label !== null) text = text.slice(label[0].length);
    // Obsidian Tasks signifiers at the end (`📅 2025-04-10 ⏫`, `✅ 2025-03-01`) are fields, not title.
    const signified = readTaskSignifiers(text);
    if (signified !== null) text = signified.rest;
    // A priority, due date and owner written on the line (`[P1] …`, `… (due 2025-06-01)`, `… @dana`), and its tags.
    let markers = readLineMarkers(text, ctx.vocabulary, head.markdown.includes('`'));
    if (markers !== null) text = markers.rest;
    const markedRest = text;
    // A T-shirt size in code closing a `Feature - description` item (`` `M` ``, Agent OS's effort) is its effort, not
    // title (`Bind the shortcut \`S\`` keeps its key).
    const size = head.markdown.endsWith('`') && /\s[-–—]\s/u.test(text) ? closingSize.exec(head.markdown)?.[1] : undefined;
    const effort = size !== undefined && text.endsWith(` ${size}`) ? size : null;
    if (effort !== null) text = text.slice(0, text.length - effort.length).trimEnd();
    // A share done after a status mark closing an item without a box (`- Implement the alerts 🔄 60%`, `- Reports ✅
    // 100%`): the mark says the status, the share the progress (a bare share elsewhere may be a metric, and stays title).
    const markedShare = head.checkbox === null && ownMark === null && ownLead === null ? readMarkedShare(text) : null;
    // The share done a closing mark carries, here or beside a box below.
    let markShare = markedShare?.share ?? null;
    if (markedShare !== null && markShare !== null) text = markedShare.rest;
    // A mark closing the item (`- Implement the login ✅`) says its state as one opening it does.
    // After a parenthesised field (`(Status: completed) ✅`), the mark is that field's remark, read with it below.
    const closesBeyondAscii = head.checkbox === null && ownMark === null && ownLead === null && endsBeyondAscii(text);
    // An indicator mark the file explains closing it (`- Move the cron jobs 🟡`) is such a mark too.
    const closing = closesBeyondAscii ? (closingItemMark.exec(text) ?? closingCross.exec(text) ?? explainedClosing(walk, text)) : null;
    const closesGroup = closing !== null && keyedGroupClosing.test(text.slice(0, closing.index));
    if (closing !== null && !closesGroup) text = text.slice(0, closing.index);
    // A mark opening an item of a decorated list (`- 🔄 **Smart translation**` beside `- 🎨 …`, `- ⚡ …`) is decoration.
    const decoration = ownMark !== null && head.checkbox === null && (decorated ??= isDecoratedList(walk, list));
    const mark = decoration ? undefined : (ownMark ?? termed?.mark ?? (closesGroup ? undefined : closing?.[1]));
    // An item only pointing elsewhere (`- See [backlog.md](backlog.md).`, `- См. [backlog.md](backlog.md)`) names no
    // work of its own: a line of the body it sits in.
    if (head.checkbox === null && head.rest.length === 0 && (pointsElsewhere.test(head.markdown) || givesCommand.test(head.markdown) || listsFile(head.markdown, scope, parentDraft))) {
      sink?.push(itemMarkdown(walk, item));
      continue;
    }
    if (text.trim() === '' || ctx.vocabulary.isPlaceholder(text) || (text.length < 48 && templateText.test(text.trim()))) {
      if (head.checkbox !== null && head.rest.length === 0) {
        // A placeholder (`TBD`, `…`) or a mark alone (`🚀`) is no task either, and is said so: nothing is dropped unsaid.
        const written = text.trim();
        ctx.report({
          severity: 'warning',
          code: 'title-empty',
          line,
          message: written === '' ? 'a checkbox item has no text, so it was skipped' : `a checkbox item holds only ${JSON.stringify(written)}, which names no task, so it was skipped`,
          received: ctx.lines[line - 1]?.trim() ?? null,
          fix: 'write the task after the checkbox, or delete the empty item',
        });
      }
      if (head.rest.length === 0) continue;
    }
    // A checkbox is an explicit status; a bare parenthetical word next to it (`- [x] Planning complete (PLAN)`)
    // is a remark, not a second status. Keyed fields (`(Status: pending)`) still count.
    const boxStatus = head.checkbox === null ? null : ctx.vocabulary.matchCheckbox(head.checkbox);
    // Keyed fields closing the item, their keys in bold (`Implement the auth flow **Status:** Done`): read off first.
    // Or in code spans (`… \`Priority: High\` \`Status: Backlog\``).
    const bold = readBoldKeyedFields(text, head.markdown, ctx.vocabulary) ?? readCodeKeyedFields(text, head.markdown, ctx.vocabulary);
    if (bold !== null) text = bold.rest;
    let inline = withFields(readInlineFields(text, ctx.vocabulary), bold);
    // A status refining the open box, after it or closing the item (`- [ ] Wire the export button (in progress)`, `- [ ]
    // Ship the docs — blocked`): the item's own.
    let refines = opening.refines;
    if (head.checkbox !== null && inline.status !== null) {
      // A bare status next to a checkbox that agrees with it (`- [ ] test (未开始)`) is dropped from the title, and so is
      // one the open box cannot say (in progress, blocked, planned, deferred; not a stage word: `(review)` stays, nor a
      // share done, `(75% done)`, which is the item's progress);
      // one that disagrees is a remark (`- [x] Planning complete (PLAN)`) and stays in it.
      ({ inline, refines } = weighBoxStatus(inline, boxStatus, refines, ctx.vocabulary, () => withFields(readInlineFields(text, ctx.vocabulary, { bareStatus: false }), bold)));
    }
    // So is one closing an item its status mark opens or closes (`- ❌ Bitcoin payments (dropped)`): the mark's status
    // as the file explains it, else as the vocabulary reads it.
    if (head.checkbox === null && mark !== undefined && inline.status !== null && refines === null) {
      ({ inline, refines } = weighMarkStatus(inline, ctx.markMeanings.get(mark) ?? ctx.vocabulary.matchStatus(mark).canonical, ctx.vocabulary));
    }
    // A status tag closing it (`- [ ] Move the blog to the new host @wip`) refines the open box, as a closing word does.
    if (boxStatus === 'todo' && refines === null && inline.status === null && markers?.tagStatus != null && refinesOpenBox(markers.tagStatus, ctx.vocabulary)) {
      refines = markers.tagStatus;
    }
    // A status field beside the open box saying what it cannot (`- [ ] Rotate the keys (Status: in progress)`, `(owner:
    // Bo, status: blocked)`) refines it, as a bare word does: the item's own status, not a second one to report.
    // Write-back writes the field and the box together (writeback/plan.ts).
    if (boxStatus === 'todo' && refines === null && inline.status === null) {
      const keyed = inline.fields.find((field) => ctx.vocabulary.matchField(field.name) === 'status' && refinesOpenBox(field.value, ctx.vocabulary) && !/\d/u.test(field.value));
      if (keyed !== undefined) {
        refines = keyed.value;
        inline = { ...inline, fields: inline.fields.filter((field) => field !== keyed) };
      }
    }
    // A status closing a box's item after a colon (`- [ ] Loyalty points: blocked`, `- [x] Login captcha: done`) is read
    // as one after a dash is: out of the title when it agrees with the box, the item's own when the open box cannot say
    // it; one that disagrees (`- [x] Search: pending`) stays title.
    const boxColon = head.checkbox !== null && inline.status === null && refines === null && !endsWithFieldLine(head.markdown, ctx.vocabulary) ? weighBoxColonStatus(inline, boxStatus, ctx.vocabulary) : null;
    if (boxColon !== null) ({ inline, refines } = boxColon);
    // A status mark closing a box's item (`- [x] Set up CI ✅`, `- [ ] Search 🚧`) is weighed as a closing word is: off the
    // title when it says what the box says, or what the open box cannot (in progress, blocked…: the item's status); one
    // that disagrees (`- [x] Rotate the logs 🔄`) stays title.
    // A share done after it (`- [ ] Alerts 🔄 40%`) is the item's progress when the mark is off the title.
    const boxShare = head.checkbox !== null && boxColon === null && inline.status === null && refines === null ? readMarkedShare(inline.rest) : null;
    const boxRest = boxShare?.rest ?? inline.rest;
    const boxMark = head.checkbox !== null && boxColon === null && inline.status === null && refines === null && endsBeyondAscii(boxRest) ? closingItemMark.exec(boxRest) : null;
    if (boxMark?.[1] !== undefined && /[\p{L}\p{N}]/u.test(boxRest.slice(0, boxMark.index))) {
      const unmarked = inline;
      ({ inline, refines } = weighBoxStatus({ ...inline, status: boxMark[1], rest: boxRest.slice(0, boxMark.index) }, boxStatus, refines, ctx.vocabulary, () => unmarked));
      if (inline !== unmarked && boxShare !== null) markShare = boxShare.share;
    }
    // A status closing a bullet after a colon (`- Rate limiting: not started`, `- Login: done`), when nothing else
    // stated one: not beside a checkbox, nor after a field's name (`- Status: Done`) or a bold term (`- **Build:**
    // Passed.` defines, as a field does).
    if (inline.status === null && head.checkbox === null && !/^\s*(?:\*\*|__)/u.test(head.markdown) && !endsWithFieldLine(head.markdown, ctx.vocabulary)) {
      const colon = readColonStatus(inline.rest, ctx.vocabulary);
      if (colon !== null) inline = { ...inline, ...colon, note: colon.note ?? inline.note };
    }
    // Markers the item's status closed over (`- Monthly revenue chart (P1) — in progress`, `- Export to HTML (P3) ✅`,
    // `(due 2025-06-01) — blocked`): read once the status is off, as they are when it opens the item.
    const late = inline.rest === markedRest ? null : readLateMarkers(markers, inline.rest, ctx.vocabulary, head.markdown.includes('`'));
    if (late !== null) {
      markers = late;
      inline = { ...inline, rest: late.rest };
    }
    // A share done closing the item (`Reports: 40% done`, `(30% complete)`) is its progress, not title: updating it keeps
    // the key. A bare one (`Memory use (94%)`) may be a metric, and stays.
    const share = readClosingShare(inline.rest, false) ?? readGroupCount(walk, inline.rest, head);
    if (share !== null) inline = { ...inline, rest: share.rest };
    let split = splitLeadingId(inline.rest, 'strict');
    // An id in brackets closing it is its own (`Show the upload queue [ALB-202]`); one in parentheses or after an arrow
    // (`(TASK002)`, `→ TASK-002`) may name another task or a document, which merging decides.
    const key = split.id === null ? splitClosingKey(split.rest) : null;
    if (key !== null) split = key;
    // Spec Kit's `[P]` and `[US1]` after its id are labels, not title.
    const specKit = split.id !== null && isSpecKitId(split.id) ? readSpecKitMarkers(split.rest) : null;
    if (specKit !== null) split = { id: split.id, rest: specKit.rest };
    const boldLead = head.paragraph?.children[0]?.type === 'strong';
    // A stage word alone (`- Dana — design`) names a role or a stage, not progress: it does not make a task.
    // A status tag closing it (`- Renew the domain @done(2025-09-01)`, `@waiting`) is its status where nothing else
    // states one; beside a box or a mark it is when the box was ticked, not a second status.
    const tagStatus =
      markers?.tagStatus != null && head.checkbox === null && mark === undefined && ownLead === null && inline.status === null && !hasStatusField(walk, inline.fields)
        ? markers.tagStatus
        : null;
    const inlineStatus = (inline.status !== null && !isStageWord(inline.status)) || hasStatusField(walk, inline.fields) || tagStatus !== null;
    // Marks make tasks in a list that tracks open work: one whose marks are all ✅ is a summary of results
    // (`✅ Requirements documented`, `✅ Tests pass`), as an achievements list is. A cross (`❌`, `✗`) is a mark there
    // too (`✗ Drop IE support` beside `☐ Publish the docs`), not in a list of do's and don'ts (`✅ Use pnpm`, `❌ Commit
    // generated files`), which has no open mark.
    const markLike = mark !== undefined && (checkboxLikeEmoji.has(mark) || crossMarks.has(mark) || ctx.markMeanings.has(mark));
    // Under a heading naming outcomes (`## Test results`, `## Browser support`), marks and statuses say how things fared;
    // so does a test's or a decision's outcome closing the item (`- Signup flow ✅ Passed`, `- Search flow: Failed`).
    const outcomes = (markLike || inlineStatus) && (namesReport(scope.heading ?? '') || (inline.status !== null && saysOutcomeOnly(inline.status)));
    const markedLikeCheckbox =
      ownLead !== null || (markLike && !outcomes && (openMarks ??= hasOpenMark(walk, list) || isStageOfWork(owner?.title ?? scope.context.at(-1)) || namesTaskList(scope.heading) || namesDoneWork(walk, scope.heading) || namesSchedule(scope.heading)));
    // An item struck through beside checkbox items (`- ~~Old login page~~` under `- [ ] …`) was crossed off instead of
    // ticked: a task, done (below). Elsewhere a struck bullet is a note's correction, unless its section makes tasks.
    const crossedOff =
      options.checklists && head.checkbox === null && struckThrough.test(crossedMarkdown) && (boxed ??= list.children.some((sibling) => readItemHead(walk, sibling, list).checkbox !== null));
    let isTask =
      (options.checklists && (head.checkbox !== null || crossedOff)) ||
      (options.inlineStatusBullets && inlineStatus && !outcomes) ||
      ((options.checklists || options.inlineStatusBullets) && markedLikeCheckbox) ||
      (options.boldIdBullets && boldLead && split.id !== null) ||
      // An item of a numbered list under a heading naming a list of work (`#### Tasks` over `1. Import report`, `###
      // Aufgaben`) is a piece of that work, its status its own or, stating none, not begun.
      ((options.checklists || options.inlineStatusBullets) && numbersWork(list, scope, parentDraft) && text.trim() !== '') ||
      (options.sectionBullets && (parentDraft === null || parentDraft === scope.group) && text.trim() !== '' && (scope.sectionStatus !== null || isPrioritySectionItem(walk, scope)));
    // A bullet over task items, or over a task table, is their parent task; one that states its status under its
    // title (`**Status:** Done` on the next line, a field paragraph or bullet below) is a task.
    if (!isTask && head.rest.some((child) => (child.type === 'list' && hasTaskItems(walk, child)) || isTaskTable(walk, child))) isTask = true;
    if (!isTask && (headFields?.fields.some((field) => statesStatus(walk, field)) === true || statesStatusUnder(walk, head.rest))) isTask = true;
    // `TASK031 → TASK006 (merged into …)` says which id a task took: a note, whatever its section.
    if (isTask && head.checkbox === null && mark === undefined && mapsIdToId(text)) isTask = false;
    if (!isTask) {
      // A plain bullet (with or without plain sub-bullets) is text of the task it sits in.
      sink?.push(itemMarkdown(walk, item));
      continue;
    }
    // A milestone's date as a bold term's value, the item stating its status (`- **Phase 1 MVP**: March 2025 (planned)`):
    // its due date, the term its title.
    const termDue = boldLead && inlineStatus && split.id === null ? readTermDue(split.rest) : null;
    const draft = createDraft(ctx, {
      extractor: options.extractor,
      line,
      title: termDue?.title ?? (split.rest === '' && split.id !== null ? split.id : split.rest),
      sourceId: split.id,
      // Contexts are never edited once made: a top-level item shares its section's (keys.ts then reuses its path).
      context: listContext.length === 0 ? scope.context : [...scope.context, ...listContext],
      parent: owner,
    });
    if (termDue !== null) draft.dates.due = termDue.due;
    // A title linking to a task file (`- [Offline mode](tasks/offline-mode.md)`) names that file's task (merge.ts).
    const linked = split.id === null ? readLinkedFile(head.markdown, draft.title) : null;
    if (linked !== null) draft.linkedFile = linked;
    ctx.claimed.add(item);
    if (scope.sectionStatus !== null) setStatus(ctx, draft, scope.sectionStatus, null, 'section', line);
    if (head.checkbox !== null) {
      // Only for an item of the section's own list: a step under an item (`- Write the guide` over `  - [ ] Screenshots`
      // in `### In Progress`) is open until ticked, however far its parent has come.
      const sectionRefines =
        boxStatus === 'todo' && (parentDraft === null || parentDraft === scope.group) && scope.sectionStatus !== null && scope.sectionStatus !== 'done' && scope.sectionStatus !== 'todo';
      if (boxStatus !== null && !sectionRefines) setStatus(ctx, draft, boxStatus, `[${head.checkbox}]`, 'checkbox', line);
      if (boxStatus === null) applyStatusText(ctx, draft, head.checkbox, 'checkbox', line);
    }
    // A mark and the word restating it are one status value (`⏳ Pending`): write-back changes both.
    // A cross alone under a section of work not done (`## What's left` over `- ❌ Offline mode`, `## Cancelled` over `- ❌
    // Automatic backups`) says the thing is not done, which the section says better: the section's status, the cross
    // the value write-back changes; not one with a status word of its own (`- ❌ Offline mode — blocked`). Under finished
    // work or work under way it is blocked.
    // So under a heading task of such a section (`### ❌ Step handler` under `## What's left`: `crossSection`).
    // Under a span of the schedule (`### This Week` over `- ❌ Record the demo`) it is work not done yet: todo. So is a
    // cross alone opening a bold term's description (`- **Queue trait**: ❌ Dependency injection interface`).
    const crossedStatus =
      mark !== undefined &&
      crossMarks.has(mark) &&
      (termed === null ? (opening.markValue ?? mark) === mark : readTermStatus(termed, ctx.vocabulary) === mark) &&
      inline.status === null &&
      ownLead === null &&
      !ctx.markMeanings.has(mark)
        ? scope.sectionStatus === null
          ? (scope.crossSection ?? (namesSchedule(scope.heading) ? 'todo' : null))
          : notDoneStatuses.has(scope.sectionStatus) ? scope.sectionStatus : null
        : null;
    if (mark !== undefined && crossedStatus !== null) {
      setStatus(ctx, draft, crossedStatus, mark, 'inline', line);
    } else if (mark !== undefined) applyStatusText(ctx, draft, termed === null ? (opening.markValue ?? mark) : readTermStatus(termed, ctx.vocabulary), 'inline', line);
    // What the term's value says besides its status (`✅ COMPLETE (17/17 tasks)`) is kept, whole, in the body.
    if (termed !== null && !isWhollyStatus(termed.value, ctx.vocabulary)) draft.body.push(termed.value);
    const description = named?.text ?? described?.text ?? '';
    if (description !== '') draft.body.push(description);
    // A title struck through whole (`- ~~Set up CI~~`) was crossed off: done, or dropped when its box is still open.
    // It refines an open box (not a second status to report): set, not weighed against the box.
    crossOffItem(draft, crossedMarkdown, boxStatus);
    if (struck?.[2] !== undefined) draft.body.push(struck[2].trim());
    // A status refining the open box (`- [ ] 🔄 Build the exporter`): the item's own, over the box and its section.
    if (refines !== null) setRefinedStatus(ctx, draft, refines);
    if (ownLead !== null) applyStatusText(ctx, draft, ownLead, 'inline', line);
    if (ranked !== null) draft.priority = { value: ranked.priority, raw: ranked.mark };
    // A stage word closing an item of a done section (`- cards module - Decklist rendering (NEW)` under `## What works`)
    // says the thing is new or live, not that the work is not begun: a note, the section's status stands.
    if (inline.status !== null && scope.sectionStatus === 'done' && draft.status.from === 'section' && isStageWord(inline.status)) draft.body.push(inline.status);
    else if (inline.status !== null) applyStatusText(ctx, draft, inline.status, 'inline', line);
    if (tagStatus !== null) applyStatusText(ctx, draft, tagStatus, 'inline', line);
    applyInlineFields(ctx, draft, inline.fields, line);
    if (signified !== null) applyTaskSignifiers(ctx, draft, signified.signifiers, line);
    if (markers !== null) {
      applyInlineFields(ctx, draft, markers.fields, line);
      if (markers.commits.length > 0) draft.extra.commit = markers.commits.join(', ');
    }
    if (effort !== null) draft.extra.effort = effort;
    if (share !== null) draft.percentDone ??= share.share;
    // A count of its boxes short of all of them (`(1/2)`) says a group under a done section is still under way.
    if (share !== null && 'counted' in share && share.share < 1 && draft.status.from === 'section' && draft.status.canonical === 'done') {
      setStatus(ctx, draft, share.share <= 0 ? 'todo' : 'in_progress', null, 'percent', line);
    }
    if (markShare !== null) draft.percentDone ??= markShare;
    if (headFields !== null) {
      applyLineFields(walk, draft, headFields.fields);
      for (const note of headFields.notes) draft.body.push(note);
    }
    if (inline.note !== null) draft.body.push(inline.note);
    if (head.optional) addLabels(draft, ['optional']);
    if (specKit !== null) addLabels(draft, specKit.labels);
    if (scope.sectionPriority !== null && draft.priority.value === null) draft.priority = { value: scope.sectionPriority, raw: null };
    const lineStamp = ctx.lineTimestamps.size === 0 ? undefined : ctx.lineTimestamps.get(line);
    if (stamp !== null || lineStamp !== undefined) setTimestamp(draft, stamp ?? lineStamp ?? '');
    readClosingDate(draft, () => ctx.dayFirst);
    made.push(draft);
    walk.drafts.push(draft);
    // Most task items have nothing under them: no child scope to make. A bold label in a status section (`1. **Interface
    // improvements**:`, `- **テスト環境構築:**`) over a list groups that list's items: tasks of the section, its subtasks.
    // The label may be long and hold a note in parentheses (`- **Finished recurring transactions (Recurring) in core:**`).
    // Not one stating its own status in a field bullet under it (`- **TV pairing:**` over `- **Status:** Deferred`, `-
    // **Issue:** …`, `- **Next Steps:** …`): a task with its fields, the other bullets its text.
    const groups = options.sectionBullets && parentDraft === null && scope.sectionStatus !== null && groupLabelLine.test(head.markdown) && head.rest.some((child) => child.type === 'list') && !statesStatusUnder(walk, head.rest);
    if (head.rest.length > 0) walkItemChildren(walk, draft, head.rest, groups ? { ...scope, group: draft } : scope, listContext);
  }
  return made;
}

/**
 * A bullet without a checkbox that is a field of the task it sits under (`- **Priority**: High`; `- Status: Done`
 * under a task) or introduces acceptance criteria (`Acceptance criteria:`): read into that task, or its body;
 * `made` gets the tasks of a deliverables list under it. True when the item was read so (no task of its own).
 */
function readFieldItem(
  walk: Walk,
  item: ListItem,
  head: ListItemHead,
  scope: Scope,
  parentDraft: DraftTask | null,
  listContext: string[],
  made: DraftTask[],
): boolean {
  const { ctx } = walk;
  const line = readLine(item);
  const owner = parentDraft ?? scope.parent;
  // Under a task, a plain field bullet (`- Status: Done`) is its field as a bold one is; under a heading task, one
  // holding a value of its kind (`### Tune the cache` over `- Status: Blocked`, not `- State: shared notes…`).
  const field = readLeadingBoldField(head.markdown) ?? (parentDraft === null ? readHeadingTaskField(walk, head, scope, line) : readPlainFieldLine(head.markdown, line, ctx.vocabulary));
  const kind = field === null ? null : ctx.vocabulary.matchField(field.name);
  if (field !== null && kind !== null) {
    if (owner !== null) {
      const nested = head.rest.filter((child): child is List => child.type === 'list');
      if (kind === 'criteria' || kind === 'description' || kind === 'notes') {
        owner.body.push(itemMarkdown(walk, item));
      } else if ((kind === 'deliverables' || (kind === 'requirements' && nested.some((child) => hasCheckboxItem(walk, child)))) && nested.length > 0) {
        // A milestone's requirements ticked off (`- **Requirements**:` over `  - [x] Core URL expansion`) are its work, as
        // its deliverables are.
        for (const child of nested) made.push(...walkList(walk, child, scope, owner, listContext, false));
      } else {
        applyField(ctx, owner, field.name, field.value, line, 'bold-field');
        // What is nested under the field (`- **Dependencies**:` over `  - the billing API`) is the task's text, never dropped.
        for (const child of head.rest) owner.body.push(nodeMarkdown(walk, child));
      }
      ctx.claimed.add(item);
    }
    return true;
  }
  if (isCriteriaItem(walk, head.text)) {
    (parentDraft?.body ?? scope.sink)?.push(itemMarkdown(walk, item));
    return true;
  }
  return false;
}

/** A plain field bullet directly under a heading task (`- Status: Blocked`), holding a value of its kind, or null. */
function readHeadingTaskField(walk: Walk, head: ListItemHead, scope: Scope, line: number): LineField | null {
  if (scope.parent === null || scope.parent === walk.ctx.documentTask || head.checkbox !== null) return null;
  const field = readPlainFieldLine(head.markdown, line, walk.ctx.vocabulary);
  return field !== null && holdsItsKind(walk, field) ? field : null;
}

/**
 * What sits under a task item: nested lists (its subtasks, or text), field paragraphs (its fields), tables (subtasks,
 * fields or text, as at a section's top level) and other blocks (its body). Its status then follows its children's.
 */
function walkItemChildren(walk: Walk, draft: DraftTask, rest: readonly RootContent[], scope: Scope, listContext: string[]): void {
  const { ctx } = walk;
  const childScope: Scope = { ...scope, sink: draft.body };
  const children: DraftTask[] = [];
  for (const child of rest) {
    if (child.type === 'list') {
      children.push(...walkList(walk, child, childScope, draft, [...listContext, draft.title], false));
    } else if (child.type === 'paragraph') {
      // A paragraph of field lines (`**Status:** Done`, `Owner: Sam`) fills the item's fields; prose is its body.
      const fields = readParagraphFields(ctx.lines, child, ctx.vocabulary, true);
      if (fields !== null) applyLineFields(walk, draft, fields);
      else draft.body.push(nodeMarkdown(walk, child));
    } else if (child.type === 'table') {
      children.push(...walk.walkBlocks(walk, [child], { ...childScope, parent: draft, context: [...scope.context, ...listContext, draft.title] }));
    } else {
      draft.body.push(nodeMarkdown(walk, child));
    }
  }
  deriveStatusFromChildren(ctx, draft, children);
}
