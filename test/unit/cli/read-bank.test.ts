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
  it.each([
    ['.claude/epics', '.claude/epics/sync/12.md', '---\nname: Queue\nstatus: open\n---\n\n# Task: Queue\n'],
    ['.spec-workflow/specs', '.spec-workflow/specs/sync/tasks.md', '# Tasks\n\n- [ ] 1. Queue edits\n  - _Requirements: 1.1_\n'],
    ['.simone', '.simone/04_GENERAL_TASKS/T001_Pin_Node.md', '---\ntask_id: T001\nstatus: open\n---\n\n# Task: Pin Node\n'],
    ['openspec', 'openspec/changes/add-sync/tasks.md', '## 1. Implementation\n- [ ] 1.1 Queue edits\n'],
    ['memory-bank', 'memory-bank/progress.md', '# Progress\n\n- [ ] Ship\n'],
  ])("names the project after the repository when membank is pointed at its %s folder, and the source the same as from the repository", async (folder, path, text) => {
    const root = repository({ [path]: text });
    const fromBank = await read(join(root, folder));
    expect(fromBank).toEqual({ title: 'inkwell', source: `inkwell/${folder}` });
    expect(await read(root)).toEqual(fromBank);
  });
});
