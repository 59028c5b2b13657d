/**
 * `membank validate` over fixtures/bad, end to end through the CLI: every broken file gets a clear problem
 * (file, line where known, what was received, the fix), and the run goes on for the other files.
 */
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputProblem, TaskRecord } from '../../../src/core/task-record.js';
import { runCli } from '../../helpers/cli.js';

const fixture = fileURLToPath(new URL('../../../fixtures/bad', import.meta.url));

interface ValidateJson {
  problems: InputProblem[];
  records?: TaskRecord[];
}

let repo = '';
let validate: { code: number; json: ValidateJson; stdout: string };
let parsed: { code: number; json: ValidateJson };

function problemsFor(file: string): InputProblem[] {
  return validate.json.problems.filter((problem) => problem.file === `memory-bank/${file}`);
}

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'membank-bad-'));
  cpSync(fixture, repo, { recursive: true });
  const bank = join(repo, 'memory-bank');
  const outside = mkdtempSync(join(tmpdir(), 'membank-outside-'));
  writeFileSync(join(outside, 'secret.md'), '# Secret\n\n- [ ] must never be read\n');
  symlinkSync(join(outside, 'secret.md'), join(bank, 'escape.md'));
  symlinkSync('.', join(bank, 'loop'));
  writeFileSync(join(bank, 'huge.md'), `# Huge\n\n${'- [ ] filler line for the size limit\n'.repeat(80_000)}`);
  const run = await runCli(['validate', repo, '--json'], { cwd: repo });
  validate = { code: run.code, json: JSON.parse(run.stdout) as ValidateJson, stdout: run.stdout };
  const parse = await runCli(['parse', repo, '--json'], { cwd: repo });
  parsed = { code: parse.code, json: JSON.parse(parse.stdout) as ValidateJson };
});

describe('validate over fixtures/bad', () => {
  it('exits 3 because there are errors, and still parses the good files', () => {
    expect(validate.code).toBe(3);
    expect(parsed.code).toBe(0);
    const titles = (parsed.json.records ?? []).map((record) => record.title);
    expect(titles.length).toBeGreaterThan(3);
    expect(JSON.stringify(parsed.json)).not.toContain('must never be read');
  });

  it('parse reports the same problems as validate (issue #13 class 14)', () => {
    expect(parsed.json.problems.length).toBeGreaterThan(5);
    expect(parsed.json.problems).toEqual(validate.json.problems);
  });

  it('reports malformed YAML with its line, what was received and the fix', () => {
    const [problem] = problemsFor('malformed-frontmatter.md');
    expect(problem).toMatchObject({ code: 'yaml-invalid', severity: 'error' });
    expect(problem?.line).toBeGreaterThan(0);
    expect(problem?.fix.length).toBeGreaterThan(10);
  });

  it('reports binary, non-UTF-8, empty and oversized files and skips them', () => {
    expect(problemsFor('binary.md')[0]).toMatchObject({ code: 'binary-file', severity: 'error' });
    expect(problemsFor('latin1.md')[0]).toMatchObject({ code: 'not-utf8', severity: 'error' });
    expect(problemsFor('latin1.md')[0]?.received).toContain('e9');
    expect(problemsFor('empty.md')[0]).toMatchObject({ code: 'empty-file', severity: 'warning' });
    expect(problemsFor('huge.md')[0]).toMatchObject({ code: 'file-too-large', severity: 'error' });
  });

  it('never follows a symlink out of the root, and does not loop', () => {
    expect(problemsFor('escape.md')[0]).toMatchObject({ code: 'symlink-outside-root' });
    expect(problemsFor('loop')[0]).toMatchObject({ code: 'symlink-loop' });
  });

  it('reads a CRLF + BOM file like any other (no BOM in titles)', () => {
    const records = (parsed.json.records ?? []).filter((record) => record.source.path === 'memory-bank/crlf-bom.md');
    for (const record of records) expect(record.title.startsWith('\uFEFF')).toBe(false);
    expect(problemsFor('crlf-bom.md').filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('does not take frontmatter from inside a code fence, nor an indented code block for a heading', () => {
    expect(problemsFor('fenced-frontmatter.md').filter((problem) => problem.code === 'yaml-invalid')).toEqual([]);
    const fenced = (parsed.json.records ?? []).filter((record) => record.source.path.endsWith('fenced-frontmatter.md'));
    expect(fenced).toEqual([]);
    const indented = (parsed.json.records ?? []).filter((record) => record.source.path.endsWith('indented-heading.md'));
    expect(indented).toEqual([]);
  });

  it('reports the duplicate task id with both places', () => {
    const duplicates = validate.json.problems.filter((problem) => problem.code === 'duplicate-id');
    expect(duplicates.length).toBeGreaterThan(0);
    const text = JSON.stringify(duplicates);
    expect(text).toContain('TASK001');
    expect(text).toContain('first-copy');
    expect(text).toContain('second-copy');
  });
});
