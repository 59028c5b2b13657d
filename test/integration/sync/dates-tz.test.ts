/**
 * An all-day due date never drifts a day: 100 sync round trips through the CLI, alternating between two machines
 * whose clocks sit at opposite ends of the date line (`TZ=Pacific/Kiritimati`, UTC+14, and `TZ=Pacific/Pago_Pago`,
 * UTC−11), with the date changed now in the Markdown, now in Vikunja, across a table cell, a frontmatter key and a
 * `**Due:**` field. After every sync the Markdown holds exactly the expected date text and Vikunja the same
 * calendar day at 12:00 UTC; a sync with nothing changed writes nothing on either side.
 *
 * Each TZ is one long-lived child process running the CLI in-process (`tz-driver.ts`): a Node process cannot
 * change its own zone mid-run reliably, and 100 cold CLI starts would take minutes.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { type E2eWorld, setupE2eWorld, startTzDriver, type TzDriver } from './e2e-helpers.js';

const closers = closeAfterEach();

/** One dated item: where its date is written in the bank, and its task's title in Vikunja. */
interface DatedItem {
  title: string;
  file: string;
}

const items: DatedItem[] = [
  { title: 'R-1 · Launch the beta', file: 'tasks.md' },
  { title: 'R-2 · Close the books', file: 'tasks.md' },
  { title: 'Renew the certificate', file: 'tasks/TASK001-renew-certificate.md' },
  { title: 'TASK002 · Migrate the database', file: 'tasks/TASK002-migrate-database.md' },
];

/** The bank's files with the given due dates (by item index): the exact bytes the Markdown must hold. */
function renderBank(due: readonly string[]): Record<string, string> {
  return {
    'tasks.md': [
      '# Roadmap',
      '',
      '| ID | Task | Due | Status |',
      '|----|------|-----|--------|',
      `| R-1 | Launch the beta | ${due[0]} | ⏳ Pending |`,
      `| R-2 | Close the books | ${due[1]} | ⏳ Pending |`,
      '',
    ].join('\n'),
    'tasks/TASK001-renew-certificate.md': `---\ntitle: Renew the certificate\nstatus: pending\ndue: ${due[2]}\n---\n\n# Renew the certificate\n\nBefore it expires.\n`,
    'tasks/TASK002-migrate-database.md': `# TASK002 - Migrate the database\n\n**Status:** Pending\n**Due:** ${due[3]}\n\nMove to the new cluster.\n`,
  };
}

/** Days on which a one-day slip is easy to see: year and month ends, a leap day, DST changes in both hemispheres. */
const days = ['2026-12-31', '2027-01-01', '2027-02-28', '2028-02-29', '2027-03-14', '2027-03-28', '2027-04-04', '2027-10-31', '2027-11-07', '2027-06-30', '2027-07-01', '2028-01-01'];

async function vikunjaDue(world: E2eWorld): Promise<string[]> {
  const tasks = await world.tasks();
  return items.map((item) => {
    const found = tasks.filter((task) => task.title === item.title);
    expect(found, item.title).toHaveLength(1);
    return String(found[0].due_date);
  });
}

function mtimes(world: E2eWorld): number[] {
  return Object.keys(renderBank(['', '', '', ''])).map((path) => statSync(join(world.bank, path)).mtimeMs);
}

describe('all-day due dates under TZ=Pacific/Kiritimati and TZ=Pacific/Pago_Pago (Vikunja 0.24.1)', () => {
  it('100 sync round trips, alternating machines and the side that changes the date: no drift, ever', async () => {
    const due = ['2027-01-01', '2027-02-28', '2026-12-31', '2027-03-28'];
    const world = await setupE2eWorld(closers, { version: '0.24.1', files: renderBank(due) });
    const kiritimati = await startTzDriver('Pacific/Kiritimati', world);
    closers.push(() => kiritimati.close());
    const pagoPago = await startTzDriver('Pacific/Pago_Pago', world);
    closers.push(() => pagoPago.close());
    // The zones took effect in the children: UTC+14 and UTC−11.
    expect(kiritimati.offsetMinutes).toBe(-14 * 60);
    expect(pagoPago.offsetMinutes).toBe(11 * 60);
    expect(await vikunjaDue(world)).toEqual(due.map((day) => `${day}T12:00:00Z`));

    let seed = 20261130;
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * below);
    };
    const counts = { bank: 0, vikunja: 0, none: 0 };
    for (let round = 0; round < 100; round += 1) {
      const machine: TzDriver = round % 2 === 0 ? kiritimati : pagoPago;
      const change = round % 3 === 1 ? 'bank' : round % 3 === 2 ? 'vikunja' : 'none';
      counts[change] += 1;
      const index = random(items.length);
      const item = items[index] as DatedItem;
      const day = days.filter((candidate) => candidate !== due[index])[random(days.length - 1)] as string;
      if (change === 'bank') {
        due[index] = day;
        world.write(item.file, renderBank(due)[item.file] as string);
      } else if (change === 'vikunja') {
        due[index] = day;
        await world.editTask(item.title, { due_date: `${day}T12:00:00Z` });
      }
      const before = mtimes(world);
      world.takeWrites();
      const run = await machine.run(['sync', world.repo, '--json']);
      const where = `round ${round} (${machine.tz}, ${change} changed ${item.title} to ${day})`;
      expect(run.code, `${where}: ${run.stdout}${run.stderr}`).toBe(0);
      const result = JSON.parse(run.stdout) as { toVikunja: unknown[]; toMemoryBank: unknown[]; conflicts: unknown[] };
      expect(result.conflicts, where).toEqual([]);
      // Exactly the one direction that had a change wrote; a round with no change writes nothing anywhere.
      expect(result.toVikunja.length, where).toBe(change === 'bank' ? 1 : 0);
      expect(result.toMemoryBank.length, where).toBe(change === 'vikunja' ? 1 : 0);
      if (change === 'none') {
        expect(world.takeWrites(), where).toEqual([]);
        expect(mtimes(world), where).toEqual(before);
      }
      // Both sides hold the expected calendar day: the Markdown byte for byte, Vikunja at 12:00 UTC.
      for (const [path, text] of Object.entries(renderBank(due))) expect(world.read(path), `${where}: ${path}`).toBe(text);
      expect(await vikunjaDue(world), where).toEqual(due.map((value) => `${value}T12:00:00Z`));
    }
    expect(counts).toEqual({ bank: 33, vikunja: 33, none: 34 });
  }, 180_000);
});
