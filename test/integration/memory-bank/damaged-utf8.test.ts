/**
 * Issue #13 class 14 through the CLI: a UTF-8 file with a few damaged bytes is reported as damaged UTF-8 (with its
 * lines, and a fix that is not `iconv`) and its tasks are still read; a file in another encoding keeps the
 * re-encoding fix; `parse` and `validate` list the same problems.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputProblem, TaskRecord } from '../../../src/core/task-record.js';
import { runCli } from '../../helpers/cli.js';

const fixture = fileURLToPath(new URL('../../../fixtures/parser/14-damaged-utf8', import.meta.url));

interface ReadJson {
  problems: InputProblem[];
  records?: TaskRecord[];
}

let parsed: ReadJson;
let validated: ReadJson;

beforeAll(async () => {
  const parse = await runCli(['parse', fixture, '--json'], { cwd: fixture });
  parsed = JSON.parse(parse.stdout) as ReadJson;
  const validate = await runCli(['validate', fixture, '--json'], { cwd: fixture });
  validated = JSON.parse(validate.stdout) as ReadJson;
});

describe('damaged UTF-8 (fixtures/parser/14-damaged-utf8)', () => {
  it('reports the damaged file as damaged UTF-8 on its line, without suggesting iconv', () => {
    const damaged = validated.problems.filter((problem) => problem.file === 'memory-bank/progress.md');
    expect(damaged).toEqual([expect.objectContaining({ code: 'damaged-utf8', severity: 'warning', line: 5 })]);
    expect(damaged[0]?.fix).toContain('line 5');
    expect(damaged[0]?.fix).not.toMatch(/^re-save|iconv -f/u);
  });

  it('still reads the damaged file: every task, the damaged character replaced', () => {
    const titles = (parsed.records ?? []).filter((record) => record.source.path === 'memory-bank/progress.md').map((record) => record.title);
    expect(titles).toEqual(["Traduire l’écran d’accueil", 'Réparer le menu du caf\uFFFD du matin', 'Vérifier les accents']);
  });

  it('keeps the re-encoding fix for a file in another encoding', () => {
    const latin1 = validated.problems.find((problem) => problem.file === 'memory-bank/notes-latin1.md');
    expect(latin1).toMatchObject({ code: 'not-utf8', severity: 'error' });
    expect(latin1?.fix).toContain('iconv');
  });

  it('parse and validate list the same problems', () => {
    expect(parsed.problems).toEqual(validated.problems);
  });
});
