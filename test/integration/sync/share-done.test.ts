/**
 * The share done an item states (`- [ ] Billing export (40% done)`, a progress bar, a percent column) after migrate:
 * a change of it in the bank is pushed by sync (Vikunja's `percent_done`); the bank owns it (`sync.ownership.
 * percentDone`), so a share set in Vikunja is kept there and reported, and an item stating none leaves Vikunja's
 * alone. Through the CLI against the sandbox at 0.24.1 and 2.5.0. Before, sync carried no change of it either way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const tasks = ['# Tasks', '', '## Now', '', '- [ ] Billing export (40% done)', '- [ ] Search index (20% done)', '- [ ] Dark mode', '- [ ] Offline cache ▓▓░░░░░░ 25%', ''].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a share done changed in the bank is pushed; one set in Vikunja is kept there and reported`, async () => {
    const world = await openMigratedWorld(closers, { version, repoName: 'ledger', fill: fillBank({ 'tasks.md': tasks }) });
    const share = async (title: string): Promise<number> => (await world.task(title)).percent_done;
    expect([await share('Billing export'), await share('Search index'), await share('Dark mode'), await share('Offline cache')]).toEqual([0.4, 0.2, 0, 0.25]);
    const file = join(world.bank, 'tasks.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('(40% done)', '(75% done)').replace('▓▓░░░░░░ 25%', '▓▓▓▓░░░░ 50%'));
    await world.editTask('Search index', { percent_done: 0.5 });
    await world.editTask('Dark mode', { percent_done: 0.3 });
    const report = (await syncTwice(world)) as { items: Array<{ key: string; notes: string[]; fields: Array<{ field: string; action: string }> }> };
    expect([await share('Billing export'), await share('Search index'), await share('Dark mode'), await share('Offline cache')]).toEqual([0.75, 0.5, 0.3, 0.5]);
    const item = (key: string) => report.items.find((candidate) => candidate.key.endsWith(key));
    expect(item('billing-export')?.fields.find((decision) => decision.field === 'percentDone')?.action).toBe('push');
    expect(item('search-index')?.notes.join(' ')).toMatch(/percentDone: changed in Vikunja, but the memory bank owns this field/u);
    expect(item('dark-mode')?.notes).toEqual([]);
    // The bank is never edited for it.
    expect(readFileSync(file, 'utf8')).toContain('- [ ] Search index (20% done)');
  });
}
