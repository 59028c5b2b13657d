/**
 * Sections: a heading either becomes a task (see headings.ts; a heading whose section states a `**Status**`, or
 * whose metadata sits over task items, too) that owns its section, or sets the status, priority and key context of
 * what is under it (`## Completed Tasks`, `## High priority`, `## Sprint 8`). Acceptance-criteria sections are text.
 */
import type { RootContent } from 'mdast';
import { readEndLine, readLine, readListItemHead, sliceLines, type Section } from '../../markdown.js';
import { normaliseDate, readsAsStatus, stripInlineMarkdown, type Vocabulary } from '../../vocabulary.js';
import { applyCrossedOff, applyInlineFields, applyStatusText, applyTaskSignifiers, createDraft, deriveStatusFromChildren, setStatus } from '../draft.js';
import type { DraftTask } from '../types.js';
import { colonSource, crossAlonePattern, notDoneStatuses, statusEmoji, type KnownStatus } from '../../vocabulary-data.js';
import { namesBugList } from '../../classify-locations.js';
import { readStem } from '../../classify-facts.js';
import { isBugFieldName } from '../../classify-sections.js';
import { documentSummaryWords, headingEdges, isStatusValue, leadingPictographs, markDate, namesAbsence, namesDocumentSection, namesOutcomes, namesWork, readClosingTitleMark, readStatusLead, readTitleMark, splitLeadingId, struckThrough } from '../text.js';
import { applyClosingDate } from '../item-line.js';
import { readBoldFieldLine } from '../fields.js';
import { numberedItemHeading } from '../../discover-patterns.js';
import { walkBlocks } from './blocks.js';
import { classifyHeading, isLabelledTask, readContextTitle, statusLabelledStage, type HeadingInfo } from './headings.js';
import { hasStatedItems, hasTaskItems, walkList } from './lists.js';
import { applyLineFields, readCardFields, readSectionFieldSignal, type CardFields } from './metadata.js';
import { blockLines, nodeMarkdown, ownNodes, type Scope, type Walk } from './walk.js';

function sectionHasTaskItems(walk: Walk, section: Section): boolean {
  return section.nodes.some((node) => node.type === 'list' && hasTaskItems(walk, node));
}

/**
 * A heading grouping a checklist as a task (`classifyHeading` read it as one, its priority, share and markers fields): a
 * day in brackets closing it (`### Dual plant support (2026-02-01)`) is when it was done, as after a heading's mark.
 */
function readGroupHeading(info: HeadingInfo): HeadingInfo {
  const day = closingGroup.exec(info.title);
  const dated = day?.[1] === undefined || day.index === 0 ? null : markDate.exec(day[1]);
  const date = dated?.[1] ?? dated?.[2];
  if (day === null || date === undefined) return { ...info, isTask: true };
  return { ...info, title: info.title.slice(0, day.index).trim(), date: info.date ?? date, isTask: true };
}
/** A word saying when, before a status (`Previously Completed`, `Recently done`). */
const whenAdverb = /^(?:previously|recently|already|earlier|formerly|bereits|zuvor|déjà|ya|уже|之前|已经)\s*/iu;
/** A group in brackets closing a title: group 1. */
const closingGroup = /\s*([(（\[][^()（）[\]]{1,40}[)）\]])$/u;

/** Whether a section's own blocks are one checklist: a list whose every item is a checkbox, nothing but prose beside it. */
function holdsOwnChecklist(walk: Walk, section: Section): boolean {
  const lists = ownNodes(walk, section).filter((node) => node.type === 'list');
  const list = lists.length === 1 ? lists[0] : undefined;
  return list?.type === 'list' && list.children.length > 0 && list.children.every((item) => item.checked === true || item.checked === false);
}

function lastLine(section: Section): number {
  const lastChild = section.children[section.children.length - 1];
  if (lastChild !== undefined) return lastLine(lastChild);
  const lastNode = section.nodes[section.nodes.length - 1];
  return lastNode === undefined ? section.line : readEndLine(lastNode);
}

/**
 * Whether a section has no sub-sections, or only status sections sorting its steps (`#### Completed Steps`, `#### Up
 * Next` under `### T1: Multi-task support`): the heading still owns those steps, as it owns a list.
 */
function holdsOnlyStepSections(walk: Walk, section: Section): boolean {
  return section.children.every((child) => child.heading !== null && child.children.length === 0 && readSectionStatus(walk, stripInlineMarkdown(child.title)) !== null);
}

/**
 * Whether a plain heading becomes a task, and what it says (null: it does not). Where bullets under a status section
 * are tasks (section lists), so is a sub-heading of one that holds no list and no sub-heading (`## Completed features`
 * over `### Search ✅` and its paragraph): its text is its body; a sub-heading over bullets only groups them.
 */
function readHeadingTask(walk: Walk, section: Section, sectionStatus: Scope['sectionStatus']): HeadingInfo | null {
  const { ctx, options } = walk;
  if (section.heading === null || ctx.claimed.has(section.heading)) return null;
  if (walk.markedRun?.has(section) === true) return { ...classifyHeading(walk, section.title, section.depth), isTask: true };
  // In a list of bugs (`bugs.md`, `known-bugs.md`), a heading over the parts of a bug (`- **Where**: …`, `- **Cause**:
  // …`) is that bug, open unless a field says otherwise.
  if (section.depth > 1 && section.children.length === 0 && (walk.bugList ??= namesBugList(readStem(ctx.path))) && describesBug(walk, ownNodes(walk, section))) {
    return { ...classifyHeading(walk, section.title, section.depth), isTask: true };
  }
  if (options.headingTasks === 'none' && options.sectionBullets && section.depth > 1 && holdsOnlyStepSections(walk, section)) {
    // So is one stating its own status in a field (`### Authentication` over `- **Status**: ✅ Complete` and notes on
    // the work): its bullets are its notes, not items of the section. Such a heading is a task outside the status
    // sections too (`### Task 1: Login` over `**Status**: Done`, beside a `## Next steps` list).
    // Outside them its status must read as one, and its title name work: `## Overall` over `**Status:** In progress`,
    // or over `**Status:** building the core`, sums the project up.
    // Not one naming outcomes (`### ✅ Major milestone achieved: all base classes complete!`): a report.
    const nodes = ownNodes(walk, section);
    const bare = sectionStatus !== null && !nodes.some((node) => node.type === 'list' || node.type === 'table') && !namesOutcomes(section.title);
    const own = sectionStatus !== null || namesWork(section.title, ctx.vocabulary, null, documentSummaryWords);
    if (bare || (own && readSectionFieldSignal(walk, nodes, true, sectionStatus === null) === 'status')) {
      return { ...classifyHeading(walk, section.title, section.depth), isTask: true };
    }
  }
  let info: HeadingInfo | null = options.headingTasks !== 'none' ? classifyHeading(walk, section.title, section.depth) : null;
  if ((info === null || !info.isTask) && options.groupHeadings) {
    // A heading whose section states a `**Status**` (cursor / roadmap documents) is a task even without a
    // checklist; elsewhere metadata only promotes a heading that owns task items.
    const statusMatters = (options.headingTasks === 'marked' || options.headingTasks === 'pattern') && section.depth > 1;
    const signal = readSectionFieldSignal(walk, ownNodes(walk, section), statusMatters);
    const taskish = signal !== 'none';
    // A heading naming the whole (`## Overview`, `## Summary`, `## System Overview`, `## Текущее состояние` over
    // `**Status:** In progress`) sums the document up.
    const statusHeading = statusMatters && signal === 'status' && namesWork(section.title, ctx.vocabulary, null, documentSummaryWords);
    // The status question first: it is already answered, the task-items one reads every list again.
    if (statusHeading || (taskish && sectionHasTaskItems(walk, section))) {
      info = info ?? classifyHeading(walk, section.title, section.depth);
      info = { ...info, isTask: true };
    }
  }
  // A sub-heading of a status section over a checklist of its own (`## In progress` over `### Export reports` over `- [x]
  // CSV writer` and `- [ ] PDF writer`): the piece of work its boxes are the parts of, a task of the section's status,
  // parent of its boxes, which keep their own.
  // Not one whose words are a status (`### Previously Completed`): a section of its own.
  if ((info === null || !info.isTask) && sectionStatus !== null && section.depth > 1 && section.children.length === 0 && options.sectionBullets && holdsOwnChecklist(walk, section)) {
    const title = stripInlineMarkdown(section.title);
    if (namesWork(title, ctx.vocabulary, null, documentSummaryWords) && !namesOutcomes(title) && !isStatusValue(title.replace(whenAdverb, ''), ctx.vocabulary)) return readGroupHeading(classifyHeading(walk, section.title, section.depth, true));
  }
  // A heading naming a section of the document with a status mark on it (`## ✅ Development progress`, `## ✅
  // Architecture decisions`, `## 🔄 Current status`) decorates the section: no task. One with an id, or stating its
  // status in words (`## Cleanup progress - Current Task`), is one.
  if (info !== null && info.isTask && info.id === null && info.statusRaw !== null && statusMarkOnly.test(info.statusRaw) && namesDocumentSection(info.title)) return null;
  return info !== null && info.isTask ? info : null;
}

/** A status written as a mark alone (`✅`, `🔄`, `✔️`). */
const statusMarkOnly = /^\p{Extended_Pictographic}\uFE0F?$/u;

/**
 * A heading that ranks or parks one card (`P0 - Unify the export path`, `Parked - Cloud sync`, `P2 — Feather source`):
 * a rank or a status, a spaced dash, the card's title, over two labelled paragraphs or more (`User story: …`, `Why
 * now: …`, `Backend scope:` over its bullets, `Acceptance criteria:`), as a board's card is written; null for a section
 * ranking the work under it (`## P1 - Should fix` over its bullets).
 */
function readRankedCard(walk: Walk, section: Section, title: string): { title: string; rank: string; priority: number | null; status: KnownStatus | null } | null {
  const parts = rankedTitle.exec(title);
  const rank = parts?.[1]?.trim();
  const rest = parts?.[2]?.trim();
  if (rank === undefined || rest === undefined || rest === '') return null;
  const priority = walk.ctx.vocabulary.matchSectionPriority(rank);
  const status = priority === null ? walk.ctx.vocabulary.matchSection(rank) : null;
  if (priority === null && status === null) return null;
  let labels = 0;
  for (const node of ownNodes(walk, section)) {
    if (node.type !== 'paragraph' || node.position === undefined) continue;
    if (cardLabel.test(walk.ctx.lines[node.position.start.line - 1] ?? '') && ++labels >= 2) return { title: rest, rank, priority, status };
  }
  return null;
}
/** A heading's rank or status, a spaced dash and a title: groups 1 and 2. */
const rankedTitle = /^([^\s–—-][^–—-]{0,20}?)\s+[-–—]\s+(\S.*)$/u;
/** A paragraph opening with a label of a card's part and its colon (`User story: …`, `Why now:`, `Backend scope:`). */
const cardLabel = /^\s*(?:\*\*|__)?\p{L}[\p{L}'’/-]*(?:\s+[\p{L}'’/-]+){0,5}(?:\*\*|__)?\s*[:：](?:\*\*|__)?(?:\s|$)/u;

/** Whether a section's lines name two parts of a bug or more in bold (`**Where**:`, `**Symptom**:`, `**Cause**:`). */
function describesBug(walk: Walk, nodes: readonly RootContent[]): boolean {
  const names = new Set<string>();
  for (const line of blockLines(walk, nodes)) {
    for (const field of readBoldFieldLine(line, 0) ?? []) if (isBugFieldName(field.name)) names.add(field.name.toLowerCase());
    if (names.size >= 2) return true;
  }
  return false;
}

/**
 * Whether a heading names a protocol or a runbook to follow each time (`## Pre-Sprint Review Protocol` over its
 * checklist, `## Release runbook`, `## Review-Protokoll`): its checklists are steps, not work — a table of its work
 * items with their ids and statuses stays a task table.
 */
function namesProcedure(title: string): boolean {
  return procedureHeading.test(title.replace(headingEdges, ''));
}
const procedureHeading = /(?<![\p{L}\p{N}])(?:protocol|runbook|playbook|protokoll|protocole|protocolo|protocollo|регламент)$/iu;

/** A label naming the task at hand (`Current Task:`, `Active task —`, `Aktuelle Aufgabe:`, `Tâche en cours :`, `当前任务：`). */
const currentTaskLabel = /^(?:(?:current|active|ongoing)\s+task|aktuelle\s+aufgabe|tâche\s+(?:en\s+cours|actuelle)|tarea\s+actual|текущая\s+задача|当前任务|現在のタスク)\s*(?:[:：]|\s[-–—]\s)/iu;

/** Words naming a principle, a rule or a convention to keep, in the languages the vocabulary reads. */
const principleWords = String.raw`principles?|rules?|guidelines?|conventions?|best practices?|coding standards?|policy|policies|prinzip(?:ien)?|grundsätze|grundsatz|regeln?|richtlinien?|principes?|règles?|principios?|reglas?|принципы?|правила?|原则|规范|原則|ルール`;
/**
 * A heading naming one after a dash or before a colon (`DRY - CORE PRINCIPLE`, `Principle: DRY`, `Rule 2: test first`);
 * not a title ending with the word (`Update the coding guidelines` names work).
 */
const principleTitle = new RegExp(String.raw`\s[-–—:]\s*(?:core\s+|design\s+|coding\s+|golden\s+)?(?:${principleWords})\s*$|^(?:${principleWords})(?:\s+\d+)?\s*[:：]`, 'iu');
/** A heading over them (`## Principles`, `## Core Principles`, `## Development Guidelines`, `## Grundsätze`). */
const principlesHeading = new RegExp(String.raw`^(?:\p{L}+\s+){0,2}(?:${principleWords})$`, 'iu');

/** Whether a heading names a principle or a rule to keep, not work. */
function namesPrinciple(title: string): boolean {
  return principleTitle.test(title.replace(headingEdges, '').trim());
}

/** Words naming a way of doing the work, a strategy or an approach, in the languages the vocabulary reads. */
const guidanceWords = String.raw`strateg(?:y|ies)|approach(?:es)?|methodology|philosophy|strategie|vorgehen(?:sweise)?|ansatz|stratégie|approche|méthodologie|estrategia|enfoque|metodología|estratégia|abordagem|strategia|approccio|стратеги[яи]|подход|策略|战略|戰略|方针|方針|戦略|アプローチ`;
/** A heading of a few words closing with one, or with a word for principles (`### Development Strategy`, `## Approach`). */
const guidanceHeading = new RegExp(String.raw`^(?:[\p{L}\d.-]+\s+){0,3}(?:${guidanceWords}|${principleWords})$|^\p{Script=Han}{0,6}(?:策略|战略|戰略|方针|方針|戦略|原则|原則|规范)$`, 'iu');

/** Whether a heading names how the work is to be done (`Development Strategy`, `Testing approach`, `Guidelines`), not work. */
function namesGuidance(title: string): boolean {
  return guidanceHeading.test(title.replace(headingEdges, '').replace(/\s*[(（][^()（）]*[)）]\s*$/u, '').replace(/[:：]\s*$/u, '').trim());
}

/** Whether a heading heads principles or rules (`## Core Principles`), its sub-headings each one. */
function headsPrinciples(title: string): boolean {
  return principlesHeading.test(title.replace(headingEdges, '').trim());
}

/**
 * The task a heading names the plan or design of by its id (`DEV-0003 Implementation Plan`, `Plan for DEV-0003`,
 * `TASK-12: Technical design`), when the file wrote that task before it; else null.
 */
function readPlannedTask(walk: Walk, title: string): DraftTask | null {
  if (!planWords.test(title)) return null;
  const split = splitLeadingId(title.replace(planFor, ''), 'loose');
  if (split.id === null || !planOnly.test(split.rest.trim() === '' ? title.replace(split.id, '').trim() : split.rest.trim())) return null;
  return walk.drafts.find((draft) => draft.sourceId === split.id) ?? null;
}
/** Whether a heading under a task's plan names another task: labelled as one (`Task ID: INIT`) or opening with another id. */
function namesOtherTask(walk: Walk, section: Section, planned: DraftTask): boolean {
  const title = stripInlineMarkdown(section.title);
  if (isLabelledTask(title, walk.ctx.vocabulary)) return true;
  const id = splitLeadingId(title, 'loose').id;
  return id !== null && id !== planned.sourceId && !/^\d/u.test(id);
}
const planWords = /(?<![\p{L}])(?:plan|design|spec|specification|approach|umsetzungsplan|implementierungsplan|entwurf|konzept)(?![\p{L}])/iu;
/** `Plan for …`, `Design of …` opening a heading, before the id. */
const planFor = /^(?:(?:implementation|technical)\s+)?(?:plan|design|spec|specification|approach)\s+(?:for|of)\s+/iu;
/** What a heading says after the id: a plan or a design of it, and nothing else. */
const planOnly = /^(?:[:：–—-]\s*)?(?:(?:implementation|technical|detailed)\s+)?(?:plan|design|spec|specification|approach|umsetzungsplan|implementierungsplan|entwurf|konzept)$|^(?:(?:implementation|technical)\s+)?(?:plan|design|spec|specification|approach)\s+(?:for|of)$/iu;

/** Whether a section or one under it holds a table. */
function holdsTable(section: Section): boolean {
  return section.nodes.some((node) => node.type === 'table') || section.children.some(holdsTable);
}

/** Walks a section and its sub-sections; returns the drafts made at this level. */
export function walkSection(walk: Walk, section: Section, scope: Scope, h1Count: number): DraftTask[] {
  const { ctx, options } = walk;
  let inner = scope;
  let headingTask: DraftTask | null = null;
  // Subtasks nested under a card's field bullets (`- steps:` over a checklist).
  const cardItems: DraftTask[] = [];
  if (section.heading !== null) {
    const title = stripInlineMarkdown(section.title);
    if (scope.criteria || ctx.vocabulary.isCriteriaLabel(title) || (namesProcedure(title) && !holdsTable(section))) {
      scope.sink?.push(sliceLines(ctx.lines, section.line, lastLine(section)));
      return [];
    }
    // A heading naming the plan of a task the file wrote above (`# DEV-0003 Implementation Plan` after `## Task ID:
    // DEV-0003`): what it holds is that task's, its items its steps; a heading under it naming another task (`## Task
    // ID: INIT`, `## DEV-0002 …`) is the file's again, no step of DEV-0003.
    const planned = readPlannedTask(walk, title);
    if (planned !== null) {
      ctx.claimed.add(section.heading);
      planned.body.push(`${'#'.repeat(section.depth)} ${section.title}`);
      const own = { ...scope, context: [...scope.context, title], sectionStatus: null, parent: planned, sink: planned.body, heading: title };
      const made = walkBlocks(walk, ownNodes(walk, section), own);
      for (const child of section.children) made.push(...walkSection(walk, child, namesOtherTask(walk, child, planned) ? scope : own, h1Count));
      return made;
    }
    // An H1 is the document's title (`# Progress`), a status section only when it is the document's one heading and
    // names a status over plain bullets (`# TODO` over a flat list: its bullets are the todos; beside items that state
    // their own status, `- TODO …` or `- [ ] …`, a plain bullet is a note).
    let sectionStatus = section.depth > 1 ? readSectionStatus(walk, title) : readTitleSectionStatus(walk, section, title, h1Count);
    let sectionPriority = section.depth === 1 ? null : ctx.vocabulary.matchSectionPriority(title);
    if (section.depth > 1 && (sectionStatus === null || sectionPriority === null)) {
      const both = readRankAndStatus(ctx.vocabulary, title);
      if (both !== null) {
        sectionStatus ??= both.status;
        sectionPriority ??= both.priority;
      }
    }
    // A card of a board ranked or parked in its heading (`### P0 - Unify the export path`, `### Parked - Cloud sync` over
    // `User story:`, `Scope:` paragraphs): one piece of work, its text the card's, not a section of tasks.
    const rankedCard = section.depth > 1 && section.children.length === 0 ? readRankedCard(walk, section, title) : null;
    if (rankedCard !== null) {
      sectionStatus = null;
      sectionPriority = null;
    }
    const plainSection = sectionStatus === null && sectionPriority === null;
    const card = plainSection && rankedCard === null ? readCard(walk, section, scope) : null;
    // A sub-heading of a ranked or status section naming one item by a short number (`## High priority` over `### B1.
    // Artifact auto-registration`, `### M7: Cluster tuning`) is that item: what it holds is its text.
    const numbered = plainSection && card === null && options.sectionBullets && section.depth > 1 && (scope.sectionPriority !== null || scope.sectionStatus !== null) && numberedItemHeading.test(title);
    // A principle or a rule to keep (`### 🔄 DRY - CORE PRINCIPLE`, `### Rule 2: test first`, a heading under `## Core
    // Principles`): no work, whatever mark it carries.
    const principle = namesPrinciple(title) || (scope.heading !== undefined && headsPrinciples(scope.heading));
    // A document titled as the task at hand (Cline's `currentTask.md`: `# Current Task: Deployment Phase (V1)`) is that
    // task, in progress, the sections under it (`## Next Steps`) its steps.
    const current = section.depth === 1 && h1Count === 1 && currentTaskLabel.test(title) && isLabelledTask(title, ctx.vocabulary);
    let info: HeadingInfo | null = null;
    if (principle) info = null;
    else if (current) info = { ...classifyHeading(walk, section.title, section.depth), isTask: true };
    else if (rankedCard !== null) info = { ...classifyHeading(walk, rankedCard.title, section.depth), isTask: true };
    else if (plainSection) info = readHeadingTask(walk, section, scope.sectionStatus) ?? (card === null && !numbered ? null : { ...classifyHeading(walk, section.title, section.depth), isTask: true });
    if (info !== null) {
      // A stage of the work labelled with its status (`✅ Completed Sprint: Sprint 4 - Perf fixes`): the label is its
      // status, the words after the colon its title.
      const staged = statusLabelledStage.exec(info.title);
      if (staged?.[1] !== undefined && staged[2] !== undefined) info = { ...info, title: staged[2].trim(), statusRaw: info.statusRaw ?? staged[1] };
      headingTask = createDraft(ctx, {
        extractor: options.extractor,
        line: section.line,
        title: info.title === '' ? title : info.title,
        sourceId: info.id,
        context: scope.context,
        parent: scope.parent,
      });
      ctx.claimed.add(section.heading);
      if (scope.sectionStatus !== null) setStatus(ctx, headingTask, scope.sectionStatus, null, 'section', section.line);
      // A cross alone on it under a section of work not done (`## What's Left to Build` over `### ❌ Step handler`) says it
      // is not done, as on an item there: the section's status, the cross the value write-back changes.
      const crossSection = scope.sectionStatus !== null && notDoneStatuses.has(scope.sectionStatus) ? scope.sectionStatus : scope.crossSection;
      const crossed = info.statusRaw !== null && crossSection !== undefined && crossAlonePattern.test(info.statusRaw) && !ctx.markMeanings.has(info.statusRaw.replace(/\uFE0F/gu, ''));
      if (crossed && crossSection !== undefined && info.statusRaw !== null) setStatus(ctx, headingTask, crossSection, info.statusRaw, 'heading', section.line);
      else if (info.statusRaw !== null) applyStatusText(ctx, headingTask, info.statusRaw, 'heading', section.line);
      else if (current) setStatus(ctx, headingTask, 'in_progress', null, 'section', section.line);
      if (info.note != null && info.note !== '') headingTask.body.push(info.note);
      applyInlineFields(ctx, headingTask, info.fields, section.line);
      applyTaskSignifiers(ctx, headingTask, info.signifiers, section.line);
      if (info.date !== null) applyClosingDate(headingTask, info.date, () => ctx.dayFirst);
      if (scope.sectionPriority !== null) headingTask.priority = { value: scope.sectionPriority, raw: null };
      if (rankedCard?.priority != null) headingTask.priority = { value: rankedCard.priority, raw: rankedCard.rank };
      if (rankedCard?.status != null) setStatus(ctx, headingTask, rankedCard.status, rankedCard.rank, 'heading', section.line);
      const stamp = ctx.lineTimestamps.get(section.line);
      if (stamp !== undefined) {
        const date = normaliseDate(stamp);
        if (date !== null) headingTask.dates.created = date;
      }
      walk.drafts.push(headingTask);
      inner = {
        context: [...scope.context, info.id === null ? headingTask.title : `${info.id} ${headingTask.title}`],
        sectionStatus: null,
        sectionPriority: scope.sectionPriority,
        parent: headingTask,
        sink: headingTask.body,
        criteria: false,
        heading: headingTask.title,
        ...(info.boxed ? { outer: scope } : {}),
        ...(crossSection === undefined ? {} : { crossSection }),
      };
      if (card !== null) cardItems.push(...readCardInto(walk, card, headingTask, inner));
    } else {
      if (scope.sink !== null && scope.parent !== null && scope.parent !== ctx.documentTask) {
        scope.sink.push(`${'#'.repeat(section.depth)} ${section.title}`);
      }
      // Status and priority headings stay out of keys: moving an item from `## In Progress` to `## Done` is a
      // status change, not a new task.
      const inContext = plainSection && !(section.depth === 1 && h1Count === 1);
      // A sub-heading of a status section stating its own status (`## Done` over `### Phase 1 (Sprint 7) 🚧`): its items
      // take that status, the nearer one, rather than the section's.
      const ownStatus = plainSection && scope.sectionStatus !== null && options.sectionBullets && section.depth > 1 ? readOwnHeadingStatus(walk, section, scope.sectionStatus) : null;
      // One naming outcomes (`### Problems and solutions`, `### Test results` under `## Completed`) lists how things
      // went, not work done: its bullets are text.
      const outcomes = plainSection && ownStatus === null && scope.sectionStatus !== null && namesOutcomes(title);
      // One naming what is still absent under finished work (`## What works` over `### Missing shell scripts`) lists
      // the work not done yet.
      const absent = plainSection && ownStatus === null && scope.sectionStatus === 'done' && namesAbsence(title);
      const notedRank = plainSection ? readNotedRank(ctx.vocabulary, title) : null;
      // One naming how the work is to be done (`## Next Steps` over `### Development Strategy`, `### Approach`, `###
      // Guidelines`) lists ways and rules, not work: its plain bullets are text; a checkbox there is still a task.
      const guidance = plainSection && ownStatus === null && scope.sectionStatus !== null && namesGuidance(title);
      inner = {
        context: inContext ? [...scope.context, readContextTitle(walk, title)] : scope.context,
        sectionStatus: sectionStatus ?? ownStatus ?? (absent ? 'todo' : outcomes || guidance ? null : scope.sectionStatus),
        sectionPriority: sectionPriority ?? notedRank ?? scope.sectionPriority,
        // Under a heading another extractor made a task of (its fields read there), a plain bullet is that task's text, as
        // under a heading task this walk made: no task of the section's rank.
        rankOnly: sectionPriority === null && (notedRank !== null || scope.rankOnly === true || (section.heading !== null && ctx.claimed.has(section.heading))),
        parent: scope.parent,
        sink: scope.sink,
        criteria: false,
        heading: title,
      };
    }
  }
  const made = [...cardItems, ...walkBlocks(walk, ownNodes(walk, section), inner)];
  if (options.checklists && options.headingTasks !== 'marked') markStatusRun(walk, section.children);
  else if (options.headingTasks === 'marked') markCrossedOffHeadings(walk, section.children);
  for (const child of section.children) made.push(...walkSection(walk, child, inner, h1Count));
  if (headingTask !== null) {
    deriveStatusFromChildren(ctx, headingTask, made.filter((draft) => draft.parent === headingTask));
    // A stage stating no status over its acceptance criteria: all met, done; some, in progress; none, todo.
    const criteria = headingTask.status.from === 'default' ? readCriteriaBoxes(walk, section) : null;
    if (criteria !== null && criteria.done > 0) setStatus(ctx, headingTask, criteria.done === criteria.all ? 'done' : 'in_progress', null, 'criteria', headingTask.line);
    applyCrossedOff(headingTask, readHeadingMarkdown(walk, section));
    // Drafts after a thematic break that ended the heading task belong to the level around it.
    const after = made.filter((draft) => draft !== headingTask && draft.parent === scope.parent);
    return after.length === 0 ? [headingTask] : [headingTask, ...after];
  }
  return made;
}

/**
 * The rank a topic heading gives its work in a note closing it (`## Security (High Priority)`, `### Sandbox (Priority:
 * Critical)`, `## Export [P1]`, `## Docs — low priority`): the items under it take it, as under `## High Priority`.
 */
function readNotedRank(vocabulary: Vocabulary, title: string): number | null {
  const note = notedRankPattern.exec(title);
  const words = note?.[1] ?? note?.[2] ?? note?.[3];
  return words === undefined ? null : vocabulary.matchSectionPriority(words);
}

const notedRankPattern = /(?:\(([^()]{1,30})\)|\[([^[\]]{1,30})\]|\s[-–—]\s+([^-–—]{1,30}))\s*$/u;

/**
 * The status a heading states of itself, by a mark or a word after its title (`### Phase 1 (Sprint 7) 🚧`, `### Login —
 * done`), as the vocabulary reads it; null when it states none or one no known status.
 */
function readOwnHeadingStatus(walk: Walk, section: Section, sectionStatus: KnownStatus | null = null): KnownStatus | null {
  const raw = classifyHeading(walk, section.title, section.depth).statusRaw;
  if (raw === null) return null;
  // A cross alone under work not done (`## What's left` over `### ❌ Step handler`) says it is not done: the section's.
  if (sectionStatus !== null && crossAlonePattern.test(raw) && notDoneStatuses.has(sectionStatus) && !walk.ctx.markMeanings.has(raw.replace(/\uFE0F/gu, ''))) return sectionStatus;
  const canonical = walk.ctx.vocabulary.matchStatus(raw).canonical;
  return canonical === 'unknown' ? null : canonical;
}

/**
 * A card on a board (`readCardFields`): a sub-heading without sub-headings in a status section, where bullets are
 * tasks (section lists) — its field bullets are its fields, not tasks of that section.
 */
function readCard(walk: Walk, section: Section, scope: Scope): CardFields | null {
  if (!walk.options.sectionBullets || scope.sectionStatus === null || scope.criteria || section.depth < 2) return null;
  if (section.heading === null || section.children.length > 0 || walk.ctx.claimed.has(section.heading)) return null;
  return readCardFields(walk, section.nodes);
}

/**
 * Reads a card's field bullets into its task: each field as a header's would be (unknown short ones to `extra`),
 * what is nested under a bullet its own — a checklist its subtasks (returned), other blocks its body.
 */
function readCardInto(walk: Walk, card: CardFields, task: DraftTask, inner: Scope): DraftTask[] {
  walk.ctx.claimed.add(card.list);
  applyLineFields(walk, task, card.fields);
  const made: DraftTask[] = [];
  for (const item of card.list.children) {
    for (const node of item.children.slice(1)) {
      if (node.type === 'list') made.push(...walkList(walk, node, inner, null, [], false));
      // A description kept in a Markdown code block (```md, as board extensions write a card's) is Markdown.
      else if (node.type === 'code' && (node.lang === 'md' || node.lang === 'markdown')) task.body.push(node.value);
      else task.body.push(nodeMarkdown(walk, node));
    }
  }
  return made;
}

/**
 * Sibling headings below the title each marked with its status (`### ✅ User login`, `### 🚧 Photo upload`, `### ⬜
 * Sharing links` under `## Feature status`; `## Export 🚧`): the work written as headings, each a task owning its section
 * (where the walk reads headings only by their checkbox or pattern, or bullets only under status sections). Only a whole
 * run counts: a mark on some headings of a document is decoration (`## 🔄 Sync protocol`), and status sections (`## ✅
 * Done`) stay sections. A run all done stays tasks, so finishing the last of them (write-back ticks its mark) keeps them;
 * crosses beside done marks alone are do's and don'ts (`### ✅ Do`, `### ❌ Don't`), not work. A heading struck through
 * whole among them (`### ~~Shared albums~~`) was crossed off: one of the run (walkSection reads its status).
 */
function markStatusRun(walk: Walk, headings: readonly Section[]): void {
  if (!markWholeRun(walk, headings)) markStageRun(walk, headings);
}

/** `markStatusRun` over every sibling: whether they made a run. */
function markWholeRun(walk: Walk, headings: readonly Section[]): boolean {
  // A heading naming outcomes among them (`### ✅ Quality metrics` beside `### ✅ Build status`) reports how a check
  // went, not work: no part of the run.
  const siblings = headings.some((heading) => namesOutcomes(heading.title)) ? headings.filter((heading) => !namesOutcomes(heading.title)) : headings;
  const first = siblings[0];
  if (siblings.length < 2 || first === undefined || first.depth < 2) return false;
  let open = false;
  let crossed = false;
  let stating = false;
  for (const sibling of siblings) {
    if (sibling.depth !== first.depth) return false;
    const title = stripInlineMarkdown(sibling.title).trim();
    // One struck through whole (`### ~~Shared albums~~`) was crossed off (done): one of the run, if another states a status.
    const stated = readHeadingStatus(title, walk.ctx.vocabulary) ?? (isStruckHeading(walk, sibling) ? crossedOff : null);
    if (stated === null || readSectionStatus(walk, title) !== null || walk.ctx.vocabulary.matchSectionPriority(title) !== null) return false;
    const crossMark = stated.marked && stated.status === 'blocked';
    open ||= stated.status !== 'done' && !crossMark;
    crossed ||= crossMark;
    stating ||= stated !== crossedOff;
  }
  if (!stating || (crossed && !open)) return false;
  walk.markedRun ??= new Set();
  for (const sibling of siblings) walk.markedRun.add(sibling);
  return true;
}

/**
 * Sibling headings naming numbered stages of the work (`## ✅ Sprint 0: Foundation (COMPLETE)`, `## Sprint 2: Deploy`,
 * `## Phase 3 — Search`), some of them stating their status, where the siblings make no whole run (`## Sprint Summary`
 * beside them): the plan's stages, each a task owning its section, one stating no status taking it from its items.
 */
function markStageRun(walk: Walk, headings: readonly Section[]): void {
  const stages = headings.filter((heading) => stageHeading.test(stripInlineMarkdown(heading.title).replace(leadingPictographs, '')));
  const first = stages[0];
  if (stages.length < 2 || first === undefined || first.depth < 2) return;
  let stating = false;
  for (const stage of stages) {
    if (stage.depth !== first.depth) return;
    const title = stripInlineMarkdown(stage.title).trim();
    if (readSectionStatus(walk, title) !== null) return;
    const stated = readHeadingStatus(title, walk.ctx.vocabulary);
    // A stage over its acceptance criteria (`## M1 — Playable hub` over `**Acceptance criteria:**` and its boxes) states
    // its status through them.
    stating ||= stated !== null ? !(stated.marked && stated.status === 'blocked') : readOwnHeadingStatus(walk, stage) !== null || readCriteriaBoxes(walk, stage) !== null;
  }
  if (!stating) return;
  walk.markedRun ??= new Set();
  for (const stage of stages) walk.markedRun.add(stage);
}
/**
 * A numbered stage of the work opening a heading (`Sprint 0:`, `Phase 2 —`, `Milestone 3`, `Fase 1`, `Этап 2`, `阶段 1`,
 * and a milestone's short name before a dash or a colon, `M1 — Playable hub`, `M2: Dungeon`).
 */
const stageHeading = /^(?:(?:phase|sprint|milestone|iteration|increment|fase|etapa|étape|этап|фаза|спринт|阶段|フェーズ|스프린트|단계)\s*#?\d|m\d{1,2}\s*[-–—:])/iu;

/**
 * The boxes of a section's acceptance criteria, a label naming them over a checklist (`**Acceptance criteria:**` over
 * `- [ ] Player can walk the street`): how many, and how many ticked; null for a section without.
 */
function readCriteriaBoxes(walk: Walk, section: Section): { all: number; done: number } | null {
  const { ctx } = walk;
  let all = 0;
  let done = 0;
  section.nodes.forEach((node, index) => {
    const list = section.nodes[index + 1];
    if (node.type !== 'paragraph' || list?.type !== 'list' || readEndLine(node) !== readLine(node)) return;
    const label = stripInlineMarkdown(ctx.lines[readLine(node) - 1] ?? '').replace(/[:：]\s*$/u, '').trim();
    if (label === '' || !ctx.vocabulary.isCriteriaLabel(label)) return;
    for (const item of list.children) {
      const box = readListItemHead(ctx.source, item, list).checkbox;
      const status = box === null ? null : ctx.vocabulary.matchCheckbox(box);
      if (status === null) continue;
      all++;
      if (status === 'done') done++;
    }
  });
  return all === 0 ? null : { all, done };
}

/** What a heading struck through whole states among headings carrying their status: crossed off, done. */
const crossedOff = { status: 'done', marked: false };

/**
 * Where a heading stating its status is a task by itself (`headingTasks: 'marked'`), a sibling struck through whole
 * (`### ~~Shared albums~~` beside `### ✅ Sign-in`) was crossed off: a task too (walkSection reads its status).
 */
function markCrossedOffHeadings(walk: Walk, siblings: readonly Section[]): void {
  const struck = siblings.filter((sibling) => isStruckHeading(walk, sibling));
  if (struck.length === 0 || struck.length === siblings.length) return;
  if (!siblings.some((sibling) => !struck.includes(sibling) && readHeadingStatus(stripInlineMarkdown(sibling.title).trim(), walk.ctx.vocabulary) !== null)) return;
  walk.markedRun ??= new Set();
  for (const sibling of struck) walk.markedRun.add(sibling);
}

/** Whether a heading is struck through whole (`### ~~Shared albums~~`). */
function isStruckHeading(walk: Walk, section: Section): boolean {
  return walk.ctx.lines[section.line - 1]?.includes('~~') === true && struckThrough.test(readHeadingMarkdown(walk, section));
}

/** A heading's Markdown, without its `#` marks (`~~Shared albums~~`): a section's title is its text alone. */
function readHeadingMarkdown(walk: Walk, section: Section): string {
  return (walk.ctx.lines[section.line - 1] ?? '').replace(/^ {0,3}#{1,6}(?=\s|$)/u, '').replace(/\s#+\s*$/u, '').trim();
}

/** A heading in two parts apart (`A — B`, `A: B`, `A | B`, `A / B`, `A (B)`): group 1 and group 2. */
const twoParts = new RegExp(String.raw`^(.+?)(?:\s+[-–—|/·]\s+|\s*${colonSource}|\s*[(（\[])(.+?)[)）\]]?$`, 'u');

/**
 * A heading naming a priority and a status, in either order (`High Priority — In Progress`, `Done: Low Priority`,
 * `Critical | Blocked`, `Medium Priority (Not Started)`): both, for what is under it, as nested `## High Priority` and
 * `### In Progress` headings give them; null when one part names neither.
 */
function readRankAndStatus(vocabulary: Vocabulary, title: string): { status: KnownStatus; priority: number } | null {
  // A rank with a note, then a mark closing it (`### 🔴 高优先级（阶段08）✅ 已完成`, `### High priority (Stage 8) ✅ Done`):
  // the rank, and the mark's status.
  const closing = readClosingTitleMark(title, vocabulary);
  const closed = closing === null ? null : vocabulary.matchSectionPriority(closing.rest);
  const closedStatus = closing === null ? 'unknown' : vocabulary.matchStatus(closing.status).canonical;
  if (closed !== null && closedStatus !== 'unknown') return { status: closedStatus, priority: closed };
  const parts = twoParts.exec(title);
  if (parts?.[1] === undefined || parts[2] === undefined) return null;
  const [first, second] = [parts[1].trim(), parts[2].trim()];
  const rankFirst = vocabulary.matchSectionPriority(first);
  const priority = rankFirst ?? vocabulary.matchSectionPriority(second);
  if (priority === null) return null;
  const status = vocabulary.matchSection(rankFirst === null ? first : second);
  return status === null ? null : { status, priority };
}

/**
 * The status a heading states with a mark (`### ✅ User login`, `## Export 🚧`) or a status word opening it (`### DONE:
 * Password reset`, `### [WIP] Audit log`), and whether it is a mark; null when it states none.
 */
function readHeadingStatus(title: string, vocabulary: Vocabulary): { status: string; marked: boolean } | null {
  const mark = readTitleMark(title, vocabulary)?.mark;
  if (mark !== undefined) {
    const status = statusEmoji[mark];
    return status === undefined ? null : { status, marked: true };
  }
  const lead = readStatusLead(title, vocabulary);
  return lead === null || lead.rest.trim() === '' ? null : { status: vocabulary.matchStatus(lead.word).canonical, marked: false };
}

/**
 * The status a document's H1 gives its items: only the document's one heading, naming a status, over lists none of
 * whose items states its own (the status is read first: most titles name none, and then no list is looked at).
 */
function readTitleSectionStatus(walk: Walk, section: Section, title: string, h1Count: number): KnownStatus | null {
  if (h1Count !== 1 || section.children.length > 0) return null;
  const status = readSectionStatus(walk, title);
  if (status === null) return null;
  return section.nodes.some((node) => node.type === 'list' && hasStatedItems(walk, node)) ? null : status;
}

/**
 * The status a section heading gives its items. On an Obsidian Kanban board (frontmatter `kanban-plugin`) every lane
 * is a column of a board, so a lane named by any status word is that status (`Review`, `Testing`, which elsewhere are
 * headings of prose); other headings are status sections only by the section vocabulary.
 */
function readSectionStatus(walk: Walk, title: string): KnownStatus | null {
  const { ctx } = walk;
  if (ctx.frontmatter?.data['kanban-plugin'] !== undefined) {
    const lane = ctx.vocabulary.matchStatus(title);
    if (readsAsStatus(lane) && lane.canonical !== 'unknown') return lane.canonical;
  }
  // `Aktuelle Aufgabe: Suche` (current task: search) names a status section's words, but is labelled as a task; so does
  // `Completed Sprint: Sprint 4 - Perf fixes`, a stage of the work labelled with its status.
  if (isLabelledTask(title, ctx.vocabulary) || statusLabelledStage.test(title)) return null;
  const exact = ctx.vocabulary.matchSection(title);
  if (exact !== null) return exact;
  // `## Now` beside `## Next` or `## Later` (a Now/Next/Later roadmap) is the work under way; alone it names no status.
  if (/^now$/iu.test(title.trim())) {
    walk.nextOrLater ??= hasNextOrLater(ctx.sections);
    return walk.nextOrLater ? 'in_progress' : null;
  }
  // A heading opening with a status phrase (`Nächste Schritte für Repository`) beside headings that are statuses: the
  // file is a progress log, and that section one of its lists (alone, `Next steps for readers` closes an article).
  walk.statusHeadings ??= hasStatusHeading(walk, ctx.sections);
  return walk.statusHeadings ? ctx.vocabulary.matchSectionPhrase(title) : null;
}

/** Whether a section below the title, or one inside it, is headed `Next` or `Later`. */
function hasNextOrLater(section: Section): boolean {
  for (const child of section.children) {
    if (child.depth > 1 && /^(?:next|later)$/iu.test(stripInlineMarkdown(child.title).trim())) return true;
    if (hasNextOrLater(child)) return true;
  }
  return false;
}

/** Whether a section below the title, or one inside it, has a heading that is exactly a status (or see below). */
function hasStatusHeading(walk: Walk, section: Section): boolean {
  const phrases = new Set<KnownStatus>();
  const visit = (parent: Section): boolean => {
    for (const child of parent.children) {
      if (child.depth > 1) {
        const title = stripInlineMarkdown(child.title);
        if (walk.ctx.vocabulary.matchSection(title) !== null) return true;
        const phrase = walk.ctx.vocabulary.matchSectionPhrase(title);
        if (phrase !== null) phrases.add(phrase);
      }
      if (visit(child)) return true;
    }
    return false;
  };
  // Or two headings opening with phrases of different statuses (`已经可用的功能` over `还需要构建的内容`, `Cosa già funziona`
  // over `Cosa rimane da implementare`: what works, what is left to build).
  return visit(section) || phrases.size >= 2;
}
