import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneReports } from '../../../src/cli/run-output.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('pruneReports', () => {
  it('removes the folders written first, even when run ids of the same second sort the other way', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'membank-reports-'));
    dirs.push(reports);
    // Three runs started within the same second: their random suffixes sort opposite to the order they ran in.
    const ranInOrder = ['2026-11-30T04-28-08Z-zzzzzz', '2026-11-30T04-28-08Z-mmmmmm', '2026-11-30T04-28-08Z-aaaaaa'];
    ranInOrder.forEach((name, index) => {
      mkdirSync(join(reports, name));
      const written = new Date(Date.UTC(2026, 10, 30, 4, 28, 8, 100 * (index + 1)));
      utimesSync(join(reports, name), written, written);
    });
    mkdirSync(join(reports, 'my-notes'));

    const removed = await pruneReports(reports, 2, '2026-11-30T04-28-08Z-aaaaaa');

    expect(removed).toEqual(['2026-11-30T04-28-08Z-zzzzzz']);
    expect(readdirSync(reports).sort()).toEqual(['2026-11-30T04-28-08Z-aaaaaa', '2026-11-30T04-28-08Z-mmmmmm', 'my-notes']);
  });
});
