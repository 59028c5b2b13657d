/**
 * The shortcuts taken per record on large files (issue #13, "Speed"), each held to the plain answer it replaces:
 * title cleaning, the section-field question that decides whether a heading becomes a task, and slugs.
 */
import { describe, expect, it } from 'vitest';
import { slugify, slugifyPlainly } from '../../../src/memory-bank/keys.js';
import { collapseWhitespace, readNormalisedText } from '../../../src/memory-bank/vocabulary.js';
import {
  cleanCollapsedTitle,
  cleanCollapsedTitlePlainly,
  cleanStrippedTitle,
  maxTitleLength,
  normaliseId,
} from '../../../src/memory-bank/extractors/text.js';
import { normaliseIdPlainly } from '../../helpers/reference-text.js';
import { lines, makeFile, parse } from './fixtures.js';

const separators = ['-', '–', '—', ':', '·', '|', '*', '_', '•', '→', '(', ')', '.', '✅', '#', '"'];
const words = ['Build the API', 'a', '规划阶段', 'Write tests for module 3', 'OFFER_*, KYC_*', 'x'.repeat(maxTitleLength + 5)];

/** Every word with every separator before, after or around it, with and without a space between. */
function titleVariants(): string[] {
  const variants = ['', ' ', '-', '*', '· –', ...words];
  for (const word of words) {
    for (const mark of separators) {
      for (const gap of ['', ' ', '  ', '\t', '\u00a0']) {
        variants.push(`${mark}${gap}${word}`, `${word}${gap}${mark}`, `${mark}${gap}${word}${gap}${mark}`);
      }
    }
  }
  return variants;
}

describe('cleanCollapsedTitle', () => {
  it('answers as the plain cleaning for titles with and without separators at either end', () => {
    for (const variant of titleVariants()) {
      const collapsed = collapseWhitespace(variant);
      expect(cleanCollapsedTitle(collapsed), JSON.stringify(variant)).toBe(cleanCollapsedTitlePlainly(collapsed));
      expect(cleanStrippedTitle(variant), JSON.stringify(variant)).toBe(cleanCollapsedTitlePlainly(collapsed));
    }
  });

  it('drops dangling separators, keeps a trailing star and cuts long titles', () => {
    expect(cleanCollapsedTitle('– Build the API ·')).toBe('Build the API');
    expect(cleanCollapsedTitle('* Fix the login —')).toBe('Fix the login');
    expect(cleanCollapsedTitle('Rename OFFER_*')).toBe('Rename OFFER_*');
    expect(cleanCollapsedTitle('x'.repeat(maxTitleLength + 1))).toBe(`${'x'.repeat(maxTitleLength - 1)}…`);
  });
});

/** ASCII text with every character class the normalisation treats differently, at either end and in runs. */
function asciiVariants(): string[] {
  const marks = ['', ' ', '  ', '\t', '\n', '-', '--', '_', '.', '!', '\x01', '\x7f', "'", '[', '](', '*', '0', 'Z'];
  const variants: string[] = [];
  for (const before of marks) for (const after of marks) variants.push(`${before}Fix ${after}the API${after}v2${before}`, `${before}${after}`);
  // Slugs about as long as the cut (64 characters), with the last dash before, at and after its middle.
  for (let length = 28; length <= 70; length++) {
    for (const gap of [' ', ' -- ', '  ']) {
      variants.push(`${'a'.repeat(length)}${gap}Bc${gap}d`, `Word${gap}${'E'.repeat(length)}`, `${'x'.repeat(length)}${gap}${'y'.repeat(70 - length)}!`);
    }
  }
  return variants;
}

describe('slugify', () => {
  it('is the normalised text with each space a dash, cut at a word under 64 characters', () => {
    for (const variant of [...titleVariants(), ...asciiVariants()]) {
      expect(slugifyPlainly(variant), JSON.stringify(variant)).toBe(readNormalisedText(variant).split(' ').join('-'));
      const plain = slugifyPlainly(variant);
      const cut = plain.length <= 64 ? plain : plain.slice(0, 64).lastIndexOf('-') > 32 ? plain.slice(0, plain.slice(0, 64).lastIndexOf('-')) : plain.slice(0, 64);
      expect(slugify(variant), JSON.stringify(variant)).toBe(cut);
    }
  });
});

describe("a heading's section fields", () => {
  const text = lines(
    '# Release plan',
    '',
    '- **Owner:** Ana',
    '- [ ] Write the notes',
    '',
    '## Login page',
    '',
    '**Priority:** High',
    '',
    '**Status:** Done',
    '',
    '## Search box',
    '',
    'Some prose about it.',
    '',
    '- **Due:** 2026-03-01',
    '- [x] Index the titles',
    '',
    '## Background',
    '',
    '**Priority:** Low',
    '',
    'Nothing to do here.',
  );

  it('make a heading a task when a status follows another field, or a task-like field sits over task items', () => {
    const records = parse(makeFile('memory-bank/progress.md', text, ['cursor-tasks'])).records;
    const rows = records.map((record) => [record.key.slice(record.key.indexOf('#') + 1), record.status.canonical, record.status.from]);
    expect(rows).toEqual([
      // An H1 with an owner over a checklist: the checklist's parent (an H1's status field alone would not do).
      ['release-plan', 'in_progress', 'children'],
      ['release-plan/write-the-notes', 'todo', 'checkbox'],
      // `**Status:**` after `**Priority:**`, no checklist: a task because of the status found second.
      ['release-plan/login-page', 'done', 'bold-field'],
      // A due date in a bullet after prose, over a checkbox.
      ['release-plan/search-box', 'done', 'children'],
      ['release-plan/search-box/index-the-titles', 'done', 'checkbox'],
      // `## Background`: a priority over no task items is not a task.
    ]);
    expect(records.find((record) => record.title === 'Login page')?.priority.value).toBe(3);
    expect(records.find((record) => record.title === 'Search box')?.dates.due).toBe('2026-03-01');
  });

  it('do not make an H1 a task for its status alone', () => {
    const plan = lines('# Release plan', '', '**Status:** Done', '', 'Prose.', '', '## Later', '', '- [ ] Ship it');
    const records = parse(makeFile('memory-bank/progress.md', plan, ['cursor-tasks'])).records;
    expect(records.map((record) => [record.title, record.parentKey])).toEqual([['Ship it', null]]);
  });
});

describe('the empty lists drafts and records start with', () => {
  it("are shared until a task gets an entry, which then goes to that task's own list", () => {
    const index = makeFile(
      'memory-bank/tasks/_index.md',
      lines('# Tasks', '', '## In Progress', '', '- [TASK001] Build the API', '- [TASK002] Write the docs'),
      ['tasks-folder-index'],
      { kind: 'index' },
    );
    const own = makeFile(
      'memory-bank/tasks/TASK001-build-the-api.md',
      lines('# [TASK001] - Build the API', '', '**Status:** In Progress', '**Added:** 2026-01-02', '**Tags:** api, backend', '', '## Progress Log', '', '### 2026-01-03', '', 'Routes done.'),
      ['tasks-folder-task'],
      { kind: 'task-document' },
    );
    const table = makeFile(
      'memory-bank/progress.md',
      lines('# Progress', '', '| ID | Task | Status |', '|----|------|--------|', '| P-1 | Ship step | Pending |', '| P-1 | Ship step | ✅ Done |', '| P-2 | Plan step | Pending |'),
      ['cursor-tasks'],
    );
    const result = parse(index, own, table);
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const byTitle = new Map(result.records.map((record) => [record.title, record]));
    const api = byTitle.get('TASK001 · Build the API');
    expect(api?.alsoSeenAt.map((ref) => ref.path)).toEqual(['memory-bank/tasks/_index.md']);
    expect(api?.labels).toEqual(['api', 'backend']);
    expect(api?.progress.map((entry) => entry.text)).toEqual(['Routes done.']);
    expect(byTitle.get('P-1 · Ship step')?.progress.map((entry) => entry.text)).toEqual(['Pending: Ship step']);
    for (const title of ['TASK002 · Write the docs', 'P-2 · Plan step']) {
      const record = byTitle.get(title);
      expect(record, title).toBeDefined();
      expect([record?.labels, record?.progress, record?.alsoSeenAt], title).toEqual([[], [], []]);
    }
  });
});

describe('anchors claimed more than once', () => {
  it('get ~2, ~3… in file order, each anchor counted on its own', () => {
    // Titles that differ only past the slug's 64 characters share an anchor (the same title would be one task restated).
    const alpha = 'Prepare the quarterly migration of every customer workspace to the new storage cluster';
    const beta = 'Rewrite the onboarding guide for administrators who manage several workspaces at once';
    const text = lines('# Tasks', '', `- [ ] ${alpha} (1)`, `- [ ] ${beta} (1)`, `- [x] ${alpha} (2)`, `- [ ] ${alpha} (3)`, `- [x] ${beta} (2)`, '- [ ] Gamma', `- [ ] ${alpha} (4)`);
    const keys = parse(makeFile('mb/tasks.md', text, ['cursor-tasks'])).records.map((record) => record.key.slice(record.key.indexOf('#') + 1));
    const a = 'prepare-the-quarterly-migration-of-every-customer-workspace-to';
    const b = 'rewrite-the-onboarding-guide-for-administrators-who-manage';
    expect(keys).toEqual([a, b, `${a}~2`, `${a}~3`, `${b}~2`, 'gamma', `${a}~4`]);
  });
});

describe('statuses written the same way', () => {
  it('keep their own source, text and value (one shared status per way of writing it)', () => {
    const text = lines(
      '# Work',
      '',
      '- [x] Write the parser',
      '- [x] Write the docs',
      '- [ ] Ship the build',
      '- Ship the release (Status: Done)',
      '- Ship the site (Status: Blocked)',
      '- [x] Plan the work (Status: Blocked)',
      '',
      '## Table',
      '',
      '| ID | Task | Status |',
      '|----|------|--------|',
      '| W-1 | Test the parser | Done |',
      '| W-2 | Test the docs | Done |',
      `| W-3 | Test the site | ${'Waiting for the design review'} |`,
    );
    const records = parse(makeFile('mb/work.md', text, ['cursor-tasks'])).records;
    expect(records.map((record) => [record.title, record.status.canonical, record.status.raw, record.status.from])).toEqual([
      ['Write the parser', 'done', '[x]', 'checkbox'],
      ['Write the docs', 'done', '[x]', 'checkbox'],
      ['Ship the build', 'todo', '[ ]', 'checkbox'],
      ['Ship the release', 'done', 'Done', 'inline'],
      ['Ship the site', 'blocked', 'Blocked', 'inline'],
      ['Plan the work', 'blocked', 'Blocked', 'inline'],
      ['W-1 · Test the parser', 'done', 'Done', 'table-cell'],
      ['W-2 · Test the docs', 'done', 'Done', 'table-cell'],
      ['W-3 · Test the site', 'blocked', 'Waiting for the design review', 'table-cell'],
    ]);
  });
});

describe('normaliseId', () => {
  it('answers as the plain reading with and without brackets and spaces at either end', () => {
    const ids = ['TASK004', 'task004', ' task-4 ', '[TASK004]', '[task004', 'task004]', ' [T1] ', '[ T1 ]', '[[T1]]', ']T1[', '[', ']', '', '1.2', 'PM-003 ', 'ß-1', '任务1'];
    for (const id of ids) expect(normaliseId(id), JSON.stringify(id)).toBe(normaliseIdPlainly(id));
    expect(normaliseId('[task004]')).toBe('TASK004');
    // A dash or an underscore after the letters is no part of the id (`TASK-051` in a title, `[TASK051]` in an index).
    expect(normaliseId('TASK-051')).toBe(normaliseId('[TASK051]'));
    expect(normaliseId('PM_003')).toBe('PM003');
  });
});
