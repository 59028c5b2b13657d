/**
 * Discover + parse of a bank in a fresh process loads only what the bank needs: no zod (tasks.json is read by hand,
 * the task states are plain constants in src/core/task-status.ts) and no yaml unless a file's frontmatter needs it
 * (plain `key: value` lines are read without it; otherwise it is loaded on first use and reads the same values). Loading them was a large part of a cold run (bench/parse).
 */
import { describe, expect, it } from 'vitest';
import { resolvedUrlHook, runFreshModule, trackLoadedModules } from '../../helpers/fresh-process.js';

interface FreshParse {
  records: { title: string; sourceId: string | null; extractor: string; status: { raw: string | null; from: string }; priority: { raw: string | null }; dates: { due: string | null }; labels: string[] }[];
  resolved: string[];
}

/** Discovers and parses `bank` (relative to the repository root) in a fresh process: its records, and every module loaded. */
function parseInFreshProcess(bank: string): FreshParse {
  const script = [
    ...trackLoadedModules,
    'const [bank] = process.argv.slice(1);',
    "const { createDefaultConfig } = await import('./src/core/config.ts');",
    "const { discoverBanks } = await import('./src/memory-bank/discover.ts');",
    "const { parseFiles } = await import('./src/memory-bank/parse.ts');",
    "const { createNodeFileSystem } = await import('./src/node-files.ts');",
    'const config = createDefaultConfig();',
    'const discovered = await discoverBanks(bank, { files: createNodeFileSystem(), config: config.discover });',
    'const { records } = parseFiles(discovered.files, { vocabulary: config.vocabulary });',
    'await settle();',
    'process.stdout.write(JSON.stringify({ records, resolved: loadedFiles() }));',
  ];
  return JSON.parse(runFreshModule(script, [bank, resolvedUrlHook]).stdout) as FreshParse;
}

// A fresh process under tsx takes a few seconds on a loaded machine: each test allows a minute, as the other fresh-process tests do.
const packageFiles = (resolved: string[], name: string): string[] => resolved.filter((path) => path.includes(`/node_modules/${name}/`));

describe('modules loaded by discover + parse', () => {
  it('loads no zod and no yaml for a bank with a Taskmaster tasks.json and no frontmatter', () => {
    const { records, resolved } = parseInFreshProcess('fixtures/parser/13-titles-and-dependencies');
    expect(records.filter((record) => record.extractor === 'taskmaster-json').length).toBeGreaterThan(3);
    expect(resolved.some((path) => path.endsWith('/src/memory-bank/extractors/taskmaster-json.ts'))).toBe(true);
    expect(packageFiles(resolved, 'zod')).toEqual([]);
    expect(resolved.filter((path) => path.endsWith('/src/core/task-record.ts'))).toEqual([]);
    expect(packageFiles(resolved, 'yaml')).toEqual([]);
  }, 60_000);

  it('loads no yaml for a bank whose frontmatter is plain `key: value` lines and flow lists, and reads its values', () => {
    const { records, resolved } = parseInFreshProcess('fixtures/sync/basic');
    expect(packageFiles(resolved, 'yaml')).toEqual([]);
    expect(packageFiles(resolved, 'zod')).toEqual([]);
    const task = records.find((record) => record.title === 'Import browser exports');
    expect(task).toMatchObject({ status: { raw: 'in progress', from: 'frontmatter' }, priority: { raw: 'high' }, dates: { due: '2026-12-31' } });
    expect(task?.labels).toEqual(expect.arrayContaining(['import', 'beta']));
  }, 60_000);

  it('loads yaml for a bank whose frontmatter needs it (a block scalar, a block list) and reads the same values', () => {
    const { records, resolved } = parseInFreshProcess('fixtures/parser/67-data-keys-in-other-words');
    expect(packageFiles(resolved, 'yaml').length).toBeGreaterThan(0);
    const task = records.find((record) => record.title === 'Cache the search results for an hour');
    expect(task).toMatchObject({ status: { raw: 'done', from: 'frontmatter' } });
    expect(task?.labels).toEqual(['search', 'performance']);
  }, 60_000);
});
