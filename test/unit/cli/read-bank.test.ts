import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBankSource, selectProjectTitle } from '../../../src/cli/read-bank.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A repository folder named `inkwell` holding `files` (path → text). */
function repository(files: Record<string, string>): string {
  const root = join(mkdtempSync(join(tmpdir(), 'membank-read-bank-')), 'inkwell');
  made.push(dirname(root));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function read(root: string): Promise<{ title: string; source: string }> {
  const config = createDefaultConfig();
  const discover = await discoverBanks(root, { files: createNodeFileSystem(), config: config.discover });
  return { title: selectProjectTitle(config, { root, discover }), source: describeBankSource({ root, discover }) };
}

describe('selectProjectTitle, describeBankSource', () => {
  // A bank pointed at directly keeps the project name earlier versions gave it, even where a newer version recognises
  // the folder as a tool's bank: a new name would make the next sync open a second project and copy every task into it.
  it.each([
    ['.claude/epics', 'epics', '.claude/epics/sync/12.md', '---\nname: Queue\nstatus: open\n---\n\n# Task: Queue\n'],
    ['.spec-workflow/specs', 'specs', '.spec-workflow/specs/sync/tasks.md', '# Tasks\n\n- [ ] 1. Queue edits\n  - _Requirements: 1.1_\n'],
    ['.simone', '.simone', '.simone/04_GENERAL_TASKS/T001_Pin_Node.md', '---\ntask_id: T001\nstatus: open\n---\n\n# Task: Pin Node\n'],
    ['openspec', 'openspec', 'openspec/changes/add-sync/tasks.md', '## 1. Implementation\n- [ ] 1.1 Queue edits\n'],
    ['backlog', 'backlog', 'backlog/tasks/task-1 - Queue.md', '---\nid: task-1\ntitle: Queue\nstatus: To Do\n---\n'],
  ])('names the project of a bank pointed at in its %s folder as earlier versions did (%s)', async (folder, title, path, text) => {
    const root = repository({ [path]: text });
    expect(await read(join(root, folder))).toEqual({ title, source: title });
    expect(await read(root)).toEqual({ title: 'inkwell', source: `inkwell/${folder}` });
  });

  it('names the project of a memory-bank folder pointed at after its repository, as from the repository', async () => {
    const root = repository({ 'memory-bank/progress.md': '# Progress\n\n- [ ] Ship\n' });
    expect(await read(join(root, 'memory-bank'))).toEqual({ title: 'inkwell', source: 'inkwell/memory-bank' });
    expect(await read(root)).toEqual({ title: 'inkwell', source: 'inkwell/memory-bank' });
  });
});
