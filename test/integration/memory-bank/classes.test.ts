/**
 * Reading banks nobody here has seen (issue #13): one hand-written fixture per class under fixtures/parser/,
 * each with the records a person reading it would migrate (`expected.json`: file in the bank, title, status,
 * parent title). Discovery and parse run on the fixture folder exactly as `membank parse` would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { DiscoverResult } from '../../../src/core/source-file.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles, type ParseResult } from '../../../src/memory-bank/parse.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/parser/', import.meta.url));

interface Expected {
  /** `[file in bank, title, status, parent title | null]`, in output order. */
  records: [string, string, string, string | null][];
  /** Kinds of selected files (path in bank → kind). */
  kinds?: Record<string, string>;
  /** Problems that must be reported: `[code, file in bank, line, text the message contains?]`. */
  problems?: [string, string, number | null, string?][];
  /** Problem codes the bank must not report at all, but on the lines `problems` lists (`["status-conflict"]`). */
  quiet?: string[];
  /** Records (by title) whose body must contain the text. */
  bodies?: Record<string, string>;
  /** Records (by title) whose dates must include these values (`{ "created": "2025-09-18" }`). */
  dates?: Record<string, Record<string, string | null>>;
  /** Records (by title) and the Vikunja priority (1..5) they must carry. */
  priorities?: Record<string, number>;
  /** Records (by title) and the owner they must carry. */
  owners?: Record<string, string>;
  /** Records (by title) and the labels they must carry, in order. */
  labels?: Record<string, string[]>;
  /** Records (by title) whose `extra` must include these values. */
  extra?: Record<string, Record<string, string>>;
  /** Records (by title) and the share done (0..1) they must carry. */
  shares?: Record<string, number>;
  /** Records (by title) and the end of their key (after the `#`). */
  keys?: Record<string, string>;
  /** Files whose `--explain` reason must mention the text. */
  reasons?: Record<string, string>;
}

const config = createDefaultConfig();

async function read(name: string): Promise<{ discover: DiscoverResult; parse: ParseResult }> {
  const discover = await discoverBanks(join(fixtures, name), { files: createNodeFileSystem(), config: config.discover });
  return { discover, parse: parseFiles(discover.files, { vocabulary: config.vocabulary }) };
}

/** A path as the expectations write it: inside its bank, prefixed by the bank's parent folders when there are several. */
function inBank(path: string): string {
  return path.replace(/(?:^|\/)(?:memory[-_]bank|\.memory-bank)\//u, (match) => (match.startsWith('/') ? '/' : ''));
}

const classes = readdirSync(fixtures).filter((name) => existsSync(join(fixtures, name, 'expected.json'))).sort();

describe('issue #13 classes: fixtures/parser/<class>', () => {
  it('has a fixture per class', () => {
    expect(classes.length).toBeGreaterThanOrEqual(1);
  });

  it.each(classes)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(fixtures, name, 'expected.json'), 'utf8')) as Expected;
    const { discover, parse } = await read(name);
    const titles = new Map(parse.records.map((record) => [record.key, record.title]));
    const got = parse.records.map((record) => [
      inBank(record.source.path),
      record.title,
      record.status.canonical,
      record.parentKey === null ? null : (titles.get(record.parentKey) ?? record.parentKey),
    ]);
    expect(got).toEqual(expected.records);
    for (const [path, kind] of Object.entries(expected.kinds ?? {})) {
      expect(discover.files.find((file) => inBank(file.path) === path)?.kind, path).toBe(kind);
    }
    const problems = [...discover.problems, ...parse.problems];
    for (const [code, file, line, text] of expected.problems ?? []) {
      const found = problems.filter((problem) => problem.code === code && inBank(problem.file) === file && problem.line === line);
      expect(found, `${code} ${file}:${line}`).toHaveLength(1);
      if (text !== undefined) expect(found[0]?.message).toContain(text);
    }
    for (const code of expected.quiet ?? []) {
      const listed = (expected.problems ?? []).filter((problem) => problem[0] === code).map((problem) => `${problem[1]}:${problem[2]}`);
      const reported = problems.filter((problem) => problem.code === code).map((problem) => `${inBank(problem.file)}:${problem.line}`);
      expect(reported.filter((where) => !listed.includes(where)), code).toEqual([]);
    }
    for (const [title, text] of Object.entries(expected.bodies ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.body, title).toContain(text);
    }
    for (const [title, dates] of Object.entries(expected.dates ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.dates, title).toMatchObject(dates);
    }
    for (const [title, labels] of Object.entries(expected.labels ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.labels, title).toEqual(labels);
    }
    for (const [title, extra] of Object.entries(expected.extra ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.extra, title).toMatchObject(extra);
    }
    for (const [title, priority] of Object.entries(expected.priorities ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.priority.value, title).toBe(priority);
    }
    for (const [title, owner] of Object.entries(expected.owners ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.owner, title).toBe(owner);
    }
    for (const [title, share] of Object.entries(expected.shares ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.percentDone, title).toBe(share);
    }
    for (const [title, key] of Object.entries(expected.keys ?? {})) {
      expect(parse.records.find((record) => record.title === title)?.key.split('#')[1], title).toBe(key);
    }
    for (const [path, text] of Object.entries(expected.reasons ?? {})) {
      expect(parse.explain.find((entry) => inBank(entry.file) === path)?.reason, path).toContain(text);
    }
  });
});
