import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultConfig, type MembankConfig } from '../../../src/core/config.js';
import { ConfigError } from '../../../src/core/errors.js';
import type { FileSystemReader } from '../../../src/core/ports.js';
import type { DiscoverResult } from '../../../src/core/source-file.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const fixtureDir = fileURLToPath(new URL('../../../fixtures/bad/', import.meta.url));

function discoverConfig(overrides: Partial<MembankConfig['discover']> = {}): MembankConfig['discover'] {
  return { ...createDefaultConfig().discover, ...overrides };
}

/** Every entry under `dir` the way discovery must account for it: files, links, and skipped folders once each. */
function listEntries(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = `${prefix}/${name}`;
    const st = lstatSync(abs);
    if (st.isDirectory() && !['node_modules', '.git'].includes(name)) out.push(...listEntries(abs, rel));
    else out.push(rel);
  }
  return out;
}

/** A FileSystemReader whose reads fail with EACCES for paths ending in one of `locked`. */
function createLockedFileSystem(locked: readonly string[]): FileSystemReader {
  const real = createNodeFileSystem();
  return {
    ...real,
    async readFile(path) {
      if (locked.some((l) => path.endsWith(l))) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      }
      return real.readFile(path);
    },
  };
}

function byPath(result: DiscoverResult, path: string) {
  const file = result.files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`not in result: ${path}`);
  return file;
}

function problemFor(result: DiscoverResult, path: string) {
  return result.problems.filter((p) => p.file === path);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'membank-discover-'));
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('discoverBanks on fixtures/bad (a temp copy with the dangerous parts added)', () => {
  let root: string;
  let outside: string;
  let result: DiscoverResult;
  const bank = 'memory-bank';

  beforeAll(async () => {
    root = tempDir();
    outside = tempDir();
    cpSync(fixtureDir, root, { recursive: true });
    const mb = join(root, bank);
    writeFileSync(join(outside, 'secret.md'), '# Secret\n- [ ] must never be read\n');
    symlinkSync(join(outside, 'secret.md'), join(mb, 'escape.md'));
    symlinkSync('.', join(mb, 'loop'));
    symlinkSync('pong.md', join(mb, 'ping.md'));
    symlinkSync('ping.md', join(mb, 'pong.md'));
    symlinkSync('progress.md', join(mb, 'alias.md'));
    mkdirSync(join(mb, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(mb, 'node_modules', 'pkg', 'README.md'), '# dependency\n');
    mkdirSync(join(mb, '.git'), { recursive: true });
    writeFileSync(join(mb, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(mb, 'huge.md'), `# Huge\n${'- [ ] line\n'.repeat(20_000)}`);
    writeFileSync(join(mb, 'locked.md'), '# Locked\n');
    result = await discoverBanks(root, {
      files: createLockedFileSystem(['locked.md']),
      config: discoverConfig({ maxFileBytes: 64 * 1024 }),
    });
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('finds the bank folder and lists paths relative to the root', () => {
    expect(result.banks).toEqual([{ path: 'memory-bank', conventions: ['tasks-folder', 'frontmatter'], reason: 'folder named memory-bank' }]);
    expect(result.files.every((f) => f.path.startsWith('memory-bank/') && f.bank === 'memory-bank')).toBe(true);
  });

  it('accounts for every entry under the bank exactly once, in path order', () => {
    const expected = listEntries(join(root, bank), bank).sort();
    const paths = result.files.map((f) => f.path);
    expect(paths).toEqual(expected);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(paths);
  });

  it('does not list the README outside the bank', () => {
    expect(result.files.some((f) => f.path === 'README.md')).toBe(false);
  });

  it('still classifies the good files (the run went on)', () => {
    expect(byPath(result, 'memory-bank/progress.md')).toMatchObject({ kind: 'task-list', extractors: ['section-list'] });
    expect(byPath(result, 'memory-bank/tasks/_index.md').kind).toBe('index');
    expect(byPath(result, 'memory-bank/activeContext.md').kind).toBe('context-document');
  });

  it('reports a binary .md file: ignored, with an error naming the byte and the fix', () => {
    const file = byPath(result, 'memory-bank/binary.md');
    expect(file).toMatchObject({ kind: 'ignored', text: null, extractors: [] });
    expect(file.reason).toBe('binary content (NUL byte at offset 22)');
    expect(problemFor(result, 'memory-bank/binary.md')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'binary-file', line: 2, fix: expect.stringContaining('discover.ignore') }),
    ]);
  });

  it('reports invalid UTF-8: ignored, with the offset, line and a re-encoding fix', () => {
    const file = byPath(result, 'memory-bank/latin1.md');
    expect(file.kind).toBe('ignored');
    expect(file.reason).toBe('not UTF-8 (invalid UTF-8 at byte 31 (bytes e9 20 63 72))');
    const [problem] = problemFor(result, 'memory-bank/latin1.md');
    expect(problem).toMatchObject({ severity: 'error', code: 'not-utf8', line: 3, received: 'invalid UTF-8 at byte 31 (bytes e9 20 63 72)' });
    expect(problem?.fix).toContain('UTF-8');
  });

  it('accounts for a 0-byte file as ignored "empty file" with a warning, and a blank one too', () => {
    expect(byPath(result, 'memory-bank/empty.md')).toMatchObject({ kind: 'ignored', reason: 'empty file (0 bytes)', size: 0 });
    expect(problemFor(result, 'memory-bank/empty.md')).toEqual([expect.objectContaining({ severity: 'warning', code: 'empty-file' })]);
    expect(byPath(result, 'memory-bank/blank.md').reason).toBe('blank file (7 bytes of whitespace)');
    expect(problemFor(result, 'memory-bank/blank.md')[0]?.code).toBe('empty-file');
  });

  it('does not read a file over maxFileBytes, and says how to raise the limit', () => {
    const file = byPath(result, 'memory-bank/huge.md');
    expect(file).toMatchObject({ kind: 'ignored', text: null });
    expect(file.reason).toMatch(/^too large: 214\.\d KiB > discover\.maxFileBytes 64\.0 KiB$/);
    expect(problemFor(result, 'memory-bank/huge.md')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'file-too-large', fix: expect.stringContaining('discover.maxFileBytes') }),
    ]);
  });

  it('strips a BOM and records CRLF / mixed line endings', () => {
    const bom = byPath(result, 'memory-bank/crlf-bom.md');
    expect(bom.eol).toBe('crlf');
    expect(bom.text?.startsWith('# Decisions')).toBe(true);
    expect(bom.text).toContain('\r\n');
    expect(byPath(result, 'memory-bank/mixed-eol.md').eol).toBe('mixed');
    expect(byPath(result, 'memory-bank/progress.md').eol).toBe('lf');
  });

  it('never follows a symlink that leaves the root, and warns', () => {
    const file = byPath(result, 'memory-bank/escape.md');
    expect(file).toMatchObject({ kind: 'ignored', text: null });
    expect(file.reason).toContain('outside the scanned root: not followed');
    expect(problemFor(result, 'memory-bank/escape.md')).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'symlink-outside-root' }),
    ]);
    expect(result.files.some((f) => f.text?.includes('must never be read') === true)).toBe(false);
  });

  it('does not loop on a link to its own folder, nor on a link cycle', () => {
    expect(byPath(result, 'memory-bank/loop').reason).toContain('symbolic link loop: points to its own ancestor folder memory-bank');
    expect(byPath(result, 'memory-bank/ping.md').reason).toBe('symbolic link loop (ELOOP): not followed');
    expect(problemFor(result, 'memory-bank/loop')[0]?.code).toBe('symlink-loop');
    expect(problemFor(result, 'memory-bank/pong.md')[0]?.code).toBe('symlink-loop');
  });

  it('does not read a linked file twice', () => {
    expect(byPath(result, 'memory-bank/alias.md')).toMatchObject({
      kind: 'ignored',
      reason: 'symbolic link to memory-bank/progress.md, which is read at its own path',
    });
  });

  it('skips node_modules/ and .git/ but lists each once', () => {
    expect(byPath(result, 'memory-bank/node_modules').reason).toContain('never scanned');
    expect(byPath(result, 'memory-bank/.git').kind).toBe('ignored');
    expect(result.files.some((f) => f.path.includes('node_modules/'))).toBe(false);
  });

  it('reports an unreadable file (EACCES) and goes on', () => {
    expect(byPath(result, 'memory-bank/locked.md')).toMatchObject({ kind: 'ignored', reason: 'unreadable (EACCES)' });
    expect(problemFor(result, 'memory-bank/locked.md')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unreadable', received: 'EACCES' }),
    ]);
  });

  it('ignores non-Markdown files with a reason', () => {
    expect(byPath(result, 'memory-bank/notes.txt').reason).toMatch(/^not Markdown \(non-Markdown document, \.txt\)/);
  });

  it('accounts for the parser-level cases and classifies them sensibly', () => {
    expect(byPath(result, 'memory-bank/malformed-frontmatter.md')).toMatchObject({ kind: 'task-document', extractors: ['frontmatter-task'] });
    expect(byPath(result, 'memory-bank/fenced-frontmatter.md').kind).toBe('context-document');
    expect(byPath(result, 'memory-bank/indented-heading.md').kind).toBe('context-document');
    expect(byPath(result, 'memory-bank/tasks/TASK001-first-copy.md').extractors).toEqual(['tasks-folder-task']);
    expect(byPath(result, 'memory-bank/tasks/TASK001-second-copy.md').extractors).toEqual(['tasks-folder-task']);
  });

  it('sorts problems by file and keeps them machine-readable', () => {
    const files = result.problems.map((p) => p.file);
    expect([...files].sort()).toEqual(files);
    for (const p of result.problems) {
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.fix.length).toBeGreaterThan(10);
    }
  });

  it('is deterministic', async () => {
    const again = await discoverBanks(root, {
      files: createLockedFileSystem(['locked.md']),
      config: discoverConfig({ maxFileBytes: 64 * 1024 }),
    });
    expect(again).toEqual(result);
  });

  it('reads the same bank when pointed at the bank folder itself', async () => {
    const direct = await discoverBanks(join(root, bank), {
      files: createLockedFileSystem(['locked.md']),
      config: discoverConfig({ maxFileBytes: 64 * 1024 }),
    });
    expect(direct.banks).toEqual([expect.objectContaining({ path: '.', reason: 'the root is a folder named memory-bank' })]);
    expect(direct.files.map((f) => `memory-bank/${f.path}`)).toEqual(result.files.map((f) => f.path));
  });
});

describe('discoverBanks: finding banks', () => {
  const roots: string[] = [];
  function tree(files: Record<string, string>): string {
    const root = tempDir();
    roots.push(root);
    writeTree(root, files);
    return root;
  }
  const run = (root: string, overrides: Partial<MembankConfig['discover']> = {}) =>
    discoverBanks(root, { files: createNodeFileSystem(), config: discoverConfig(overrides) });

  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('finds memory_bank/, memory-bank/ and .memory-bank/ and leaves files outside banks unlisted', async () => {
    const root = tree({
      'README.md': '# repo\n',
      'src/index.ts': 'export {};\n',
      'memory_bank/progress.md': '# Progress\n- [ ] a\n',
      'docs/memory-bank/tasks.md': '# Tasks\n- [ ] b\n',
      'pkg/.memory-bank/activeContext.md': '# Active\n',
    });
    const result = await run(root);
    expect(result.banks.map((b) => b.path)).toEqual(['docs/memory-bank', 'memory_bank', 'pkg/.memory-bank']);
    expect(result.files.map((f) => f.path)).toEqual([
      'docs/memory-bank/tasks.md',
      'memory_bank/progress.md',
      'pkg/.memory-bank/activeContext.md',
    ]);
  });

  it('finds .kiro/specs, .taskmaster and roadmap/ (only with tasks/ or milestones/)', async () => {
    const root = tree({
      '.kiro/specs/feature/tasks.md': '# Implementation Plan\n\n- [ ] 1. A\n  - _Requirements: 1.1_\n- [ ] 2. B\n',
      '.kiro/specs/feature/design.md': '# Design\n',
      '.taskmaster/tasks/tasks.json': JSON.stringify({ master: { tasks: [{ id: '1', title: 'A', status: 'pending' }] } }),
      '.taskmaster/config.json': '{"models":{}}',
      'roadmap/tasks/feature.md': '# Feature\n\n#### Task 1: X\n- **Status**: Todo\n',
      'docs/roadmap/notes.md': '# Not a bank: no tasks/ or milestones/\n',
    });
    const result = await run(root);
    expect(result.banks).toEqual([
      { path: '.kiro/specs', conventions: ['kiro'], reason: 'Kiro spec folder .kiro/specs' },
      { path: '.taskmaster', conventions: ['taskmaster'], reason: 'Taskmaster folder .taskmaster' },
      { path: 'roadmap', conventions: ['roadmap'], reason: 'roadmap folder with tasks/ or milestones/' },
    ]);
    expect(byPath(result, '.kiro/specs/feature/tasks.md').extractors).toEqual(['kiro-tasks']);
    expect(byPath(result, '.taskmaster/tasks/tasks.json')).toMatchObject({ kind: 'task-list', extractors: ['taskmaster-json'] });
    expect(byPath(result, '.taskmaster/tasks/tasks.json').text).toContain('"master"');
    expect(byPath(result, '.taskmaster/config.json')).toMatchObject({ kind: 'ignored', text: null });
    expect(byPath(result, 'roadmap/tasks/feature.md').extractors).toEqual(['roadmap']);
  });

  it('finds a Conductor folder (conductor/ with tracks.md or tracks/), and a root that is one; other conductor/ folders are not banks', async () => {
    const root = tree({
      'app/conductor/tracks.md': '# Project Tracks\n\n## [ ] Track: Search\n',
      'app/conductor/tracks/search_1/plan.md': '# Plan\n\n- [ ] Task: Index\n',
      'app/conductor/archive/setup_1/plan.md': '# Plan\n\n- [x] Task: Scaffold\n',
      'app/conductor/product.md': '# Product\n\n- [ ] Shared notebooks\n',
      'music/conductor/notes.md': '# Not Conductor: no tracks.md, no tracks/\n',
    });
    const result = await run(root);
    expect(result.banks).toEqual([{ path: 'app/conductor', conventions: ['conductor'], reason: 'Conductor folder conductor/ (tracks.md or tracks/)' }]);
    expect(result.files.map((f) => [f.path, f.kind, f.extractors])).toEqual([
      ['app/conductor/archive/setup_1/plan.md', 'context-document', []],
      ['app/conductor/product.md', 'context-document', []],
      ['app/conductor/tracks.md', 'task-list', ['cursor-tasks']],
      ['app/conductor/tracks/search_1/plan.md', 'task-list', ['cursor-tasks']],
    ]);
    const inside = await run(join(root, 'app', 'conductor'));
    expect(inside.banks).toEqual([{ path: '.', conventions: ['conductor'], reason: 'the root is a Conductor folder (tracks.md or tracks/)' }]);
    expect(byPath(inside, 'tracks/search_1/plan.md').kind).toBe('task-list');
  });

  it("finds BMAD's docs/stories beside .bmad-core and Cursor's .cursor/plans beside a memory bank, and a root that is one; a stories/ folder elsewhere is not a bank", async () => {
    const story = '# Story 1.2: Login\n\n## Status\n\nInProgress\n\n## Tasks / Subtasks\n\n- [ ] Task 1: Form (AC: 1)\n';
    const root = tree({
      'app/.bmad-core/core-config.yaml': 'devStoryLocation: docs/stories\n',
      'app/docs/stories/1.2.login.md': story,
      'app/.cursor/plans/login_0a1b2c3d.plan.md': '---\nname: Login\ntodos:\n  - id: form\n    content: Build the form\n    status: pending\n---\n',
      'app/memory-bank/progress.md': '# Progress\n\n- [ ] Ship\n',
      'web/docs/stories/button.md': '# Button\n\nStorybook notes.\n',
    });
    const result = await run(root);
    expect(result.banks.map((bank) => [bank.path, bank.reason])).toEqual([
      ['app/.cursor/plans', "Cursor's plans folder .cursor/plans"],
      ['app/docs/stories', "BMAD's story folder docs/stories (beside .bmad-core)"],
      ['app/memory-bank', 'folder named memory-bank'],
    ]);
    expect(byPath(result, 'app/docs/stories/1.2.login.md').kind).toBe('task-document');
    expect(byPath(result, 'app/.cursor/plans/login_0a1b2c3d.plan.md').extractors).toEqual(['cursor-plan']);
    const inside = await run(join(root, 'app', 'docs', 'stories'));
    expect(inside.banks.map((bank) => [bank.path, bank.reason])).toEqual([['.', 'the root is a story folder docs/stories (BMAD)']]);
    expect(byPath(inside, '1.2.login.md').kind).toBe('task-document');
  });

  it('finds Agent OS folders (.agent-os/ or agent-os/ with specs/ or product/), and a root that is one; an agent-os/ folder without them is not a bank', async () => {
    const root = tree({
      'app/agent-os/product/roadmap.md': '# Product Roadmap\n\n## Phase 1\n\n- [ ] Sharing - Invite by email `M`\n',
      'app/agent-os/specs/2025-08-01-sharing/tasks.md': '# Spec Tasks\n\n- [ ] 1. **Invitations**\n  - [ ] 1.1 Write tests\n',
      'lib/.agent-os/notes.md': '# Notes\n\n- [ ] not a bank: no specs/ or product/\n',
    });
    const result = await run(root);
    expect(result.banks).toEqual([{ path: 'app/agent-os', conventions: ['agent-os'], reason: 'Agent OS folder agent-os (specs/ or product/)' }]);
    expect(result.files.map((f) => [f.path, f.kind, f.extractors])).toEqual([
      ['app/agent-os/product/roadmap.md', 'task-list', ['cursor-tasks']],
      ['app/agent-os/specs/2025-08-01-sharing/tasks.md', 'task-list', ['kiro-tasks']],
    ]);
    const inside = await run(join(root, 'app', 'agent-os'));
    expect(inside.banks.map((bank) => [bank.path, bank.reason])).toEqual([['.', 'the root is an Agent OS folder (specs/ or product/)']]);
    expect(byPath(inside, 'product/roadmap.md').kind).toBe('task-list');
  });

  it("finds other tools' task folders beside a memory bank (CCPM's .claude/epics, Simone's .simone, .spec-workflow/specs, Spec Kit's specs/ beside .specify, openspec/ with changes/), and a root that is one; look-alikes are not banks", async () => {
    const task = (name: string, status: string): string => `---\nname: ${name}\nstatus: ${status}\n---\n\n# Task: ${name}\n`;
    const root = tree({
      'app/memory-bank/progress.md': '# Progress\n\n- [ ] Ship\n',
      'app/.claude/epics/sync/epic.md': '---\nname: sync\nstatus: in-progress\n---\n\n# Epic: sync\n',
      'app/.claude/epics/sync/12.md': task('Queue', 'open'),
      'app/.claude/agents/reviewer.md': '# Reviewer\n\n- [ ] not a bank: not under epics/\n',
      'app/.simone/04_GENERAL_TASKS/T001_Pin_Node.md': '---\ntask_id: T001\nstatus: open\n---\n\n# Task: Pin Node\n',
      'app/.spec-workflow/specs/sync/tasks.md': '# Tasks\n\n- [ ] 1. Queue edits\n  - _Requirements: 1.1_\n',
      'app/.specify/memory/constitution.md': '# Constitution\n',
      'app/specs/002-sync/tasks.md': '# Tasks\n\n- [ ] T001 Queue edits\n',
      'app/openspec/changes/add-sync/tasks.md': '## 1. Implementation\n- [ ] 1.1 Queue edits\n',
      'lib/specs/button.md': '# Button\n\n- [ ] not a bank: no .specify beside it\n',
      'lib/openspec/notes.md': '# Notes\n\n- [ ] not a bank: no changes/\n',
      'lib/.simone/notes.md': '# Notes\n\n- [ ] not a bank: no sprints, tasks or manifest\n',
    });
    const result = await run(root);
    expect(result.banks.map((bank) => [bank.path, bank.reason])).toEqual([
      ['app/.claude/epics', "CCPM's epic folder .claude/epics"],
      ['app/.simone', 'Simone folder .simone (sprints, general tasks or its manifest)'],
      ['app/.spec-workflow/specs', 'Spec Workflow folder .spec-workflow/specs'],
      ['app/memory-bank', 'folder named memory-bank'],
      ['app/openspec', 'OpenSpec folder openspec (changes/)'],
      ['app/specs', "Spec Kit's specs folder (beside .specify)"],
    ]);
    expect(byPath(result, 'app/.claude/epics/sync/12.md').kind).toBe('task-document');
    expect(byPath(result, 'app/.spec-workflow/specs/sync/tasks.md').extractors).toEqual(['kiro-tasks']);
    expect(byPath(result, 'app/openspec/changes/add-sync/tasks.md').extractors).toEqual(['kiro-tasks']);
    expect(result.files.some((file) => file.path.startsWith('lib/') || file.path.startsWith('app/.claude/agents/'))).toBe(false);
    const epics = await run(join(root, 'app', '.claude', 'epics'));
    expect(epics.banks.map((bank) => [bank.path, bank.reason])).toEqual([['.', "the root is CCPM's epic folder .claude/epics"]]);
    const openspec = await run(join(root, 'app', 'openspec'));
    expect(openspec.banks.map((bank) => [bank.path, bank.reason])).toEqual([['.', 'the root is an OpenSpec folder openspec (changes/)']]);
    expect(byPath(openspec, 'changes/add-sync/tasks.md').extractors).toEqual(['kiro-tasks']);
  });

  it('treats the root as the bank when it holds core files and no bank folder', async () => {
    const root = tree({ 'progress.md': "# Progress\n## What Works\n- a\n## What's Left\n- b\n", 'notes/x.md': '# x\n' });
    const result = await run(root);
    expect(result.banks).toEqual([{ path: '.', conventions: ['generic'], reason: 'the root looks like a bank: core files progress.md at its top level' }]);
    expect(result.files.map((f) => f.path)).toEqual(['notes/x.md', 'progress.md']);
  });

  it('falls back to the root when no bank folder is found but Markdown is there', async () => {
    const root = tree({ 'docs/plan.md': '# Plan\n' });
    const result = await run(root);
    expect(result.banks).toHaveLength(1);
    expect(result.banks[0]?.path).toBe('.');
    expect(result.banks[0]?.reason).toContain('no bank folder found');
  });

  it('warns when there is no bank and no Markdown at all', async () => {
    const root = tree({ 'src/a.ts': 'export {};\n' });
    const result = await run(root);
    expect(result.banks).toEqual([]);
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'no-bank-found', fix: expect.stringContaining('bankGlobs') })]);
  });

  it('reads a folder holding task data and no Markdown, and says when none of its data is a task list', async () => {
    const kept = await run(tree({ 'agent/tasks.json': JSON.stringify({ tasks: [{ name: 'Warm the cache', status: 'pending' }] }) }));
    expect(kept.banks.map((bank) => bank.path)).toEqual(['.']);
    expect(kept.files.map((file) => [file.path, file.kind])).toEqual([['agent/tasks.json', 'task-list']]);
    expect(kept.problems).toEqual([]);
    const none = await run(tree({ 'package.json': '{"name": "x"}\n' }));
    expect(none.files.map((file) => [file.path, file.kind])).toEqual([['package.json', 'ignored']]);
    expect(none.problems).toEqual([expect.objectContaining({ code: 'no-bank-found', message: expect.stringContaining('none of its YAML or JSON files holds a task list') })]);
  });

  it('finds a Backlog.md folder (backlog/ with tasks/) beside other banks', async () => {
    const result = await run(
      tree({
        'backlog/tasks/task-1 - Ship.md': '---\nid: task-1\ntitle: Ship\nstatus: To Do\n---\n',
        'memory-bank/progress.md': '# Progress\n',
        'docs/backlog/notes.md': '# Notes\n',
      }),
    );
    expect(result.banks.map((bank) => [bank.path, bank.reason])).toEqual([
      ['backlog', 'backlog folder with tasks/ (Backlog.md)'],
      ['memory-bank', 'folder named memory-bank'],
    ]);
  });

  it("finds Task Magic's .ai folder (TASKS.md or tasks/) beside the repository's other Markdown", async () => {
    const result = await run(
      tree({
        '.ai/TASKS.md': '# Project Tasks\n\n- [ ] **ID 1: Ship**\n',
        '.ai/tasks/task1_ship.md': '---\nid: 1\ntitle: Ship\nstatus: pending\n---\n',
        'README.md': '# App\n',
        'docs/setup.md': '# Setup\n',
        'other/.ai/notes.md': '# Notes\n',
      }),
    );
    expect(result.banks.map((bank) => [bank.path, bank.reason])).toEqual([['.ai', 'Task Magic folder .ai (TASKS.md or tasks/)']]);
    expect(result.files.map((file) => file.path)).toEqual(['.ai/TASKS.md', '.ai/tasks/task1_ship.md']);
  });

  it('honours discover.bankGlobs, discover.ignore and discover.taskGlobs', async () => {
    const root = tree({
      'notes/ai/plan.md': '# Plan\n\n| ID | Task | Status |\n|---|---|---|\n| 1 | a | done |\n',
      'notes/ai/drafts/wip.md': '# wip\n',
      'notes/ai/scratch.tmp': 'x',
      'notes/other.md': '# other\n',
    });
    const result = await run(root, { bankGlobs: ['notes/ai'], ignore: ['notes/ai/drafts', '*.tmp'], taskGlobs: ['notes/ai/plan.md'] });
    expect(result.banks).toEqual([{ path: 'notes/ai', conventions: ['generic'], reason: 'matches discover.bankGlobs "notes/ai"' }]);
    expect(result.files.map((f) => [f.path, f.kind, f.reason])).toEqual([
      ['notes/ai/drafts', 'ignored', 'matches discover.ignore "notes/ai/drafts"'],
      ['notes/ai/plan.md', 'task-table', 'matches discover.taskGlobs "notes/ai/plan.md": table with columns ID/Task/Status at line 3 (1 row)'],
      ['notes/ai/scratch.tmp', 'ignored', 'matches discover.ignore "*.tmp"'],
    ]);
  });

  it('assigns nested banks to the outermost bank folder only once', async () => {
    const root = tree({ 'memory-bank/progress.md': '# P\n', 'memory-bank/archive/memory-bank/old.md': '# old\n' });
    const result = await run(root);
    expect(result.banks.map((b) => b.path)).toEqual(['memory-bank']);
    expect(result.files.map((f) => f.path)).toEqual(['memory-bank/archive/memory-bank/old.md', 'memory-bank/progress.md']);
  });

  it('throws a ConfigError (exit 1) when the root does not exist or is a file', async () => {
    const root = tree({ 'a.md': '# a\n' });
    await expect(run(join(root, 'missing'))).rejects.toThrow(ConfigError);
    await expect(run(join(root, 'missing'))).rejects.toThrow(/does not exist or cannot be read/);
    await expect(run(join(root, 'missing'))).rejects.toMatchObject({ exitCode: 64 });
    await expect(run(join(root, 'a.md'))).rejects.toThrow(/it is a file, not a folder/);
  });
});
