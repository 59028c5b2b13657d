/**
 * The plan's header and inputs hash (jobs/plan.ts): `hashRecords` is the sha256 of `JSON.stringify(records)` —
 * the value every saved plan carries — though it is now fed one record at a time; `createPlanHeader` gives
 * migrate's and sync's plans the same header fields.
 */
import { describe, expect, it } from 'vitest';
import { createPlanHeader, hashRecords, selectPlanApi } from '../../../jobs/plan.js';
import { createMarker, hashText, hashTextParts } from '../../../src/core/mapping.js';
import { parse, lines, makeFile } from '../memory-bank/fixtures.js';

const records = parse(
  makeFile('memory-bank/progress.md', lines('# Progress', '', '- [x] Première «tâche» ✅ with `code`', '- [ ] Two "quotes" and a \\ backslash', '- [ ] Three'), ['checklist']),
).records;

describe('hashRecords', () => {
  it('is the sha256 of JSON.stringify(records), fed record by record', () => {
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(hashRecords(records)).toBe(hashText(JSON.stringify(records)));
    expect(hashRecords([])).toBe(hashText('[]'));
    expect(hashRecords(records.slice(0, 1))).toBe(hashText(JSON.stringify(records.slice(0, 1))));
  });

  it('hashTextParts hashes the concatenation of its parts', () => {
    expect(hashTextParts(['a', 'é', '', '😀'])).toBe(hashText('aé😀'));
  });
});

describe('createPlanHeader', () => {
  it('carries what the plan was made from, the server and the project', () => {
    const now = new Date('2026-11-30T12:00:00.000Z');
    const header = createPlanHeader(
      { clock: { now: () => now }, serverUrl: 'http://vikunja.test' } as Parameters<typeof createPlanHeader>[0],
      { root: '/bank', projectTitle: 'Project', records },
      { version: 'v2.5.0', api: selectPlanApi({ v2BulkCreate: false, v2Patch: true }) },
      7,
    );
    expect(header).toEqual({
      format: 'membank-plan',
      version: 1,
      createdAt: '2026-11-30T12:00:00.000Z',
      root: '/bank',
      inputsHash: hashText(JSON.stringify(records)),
      server: { url: 'http://vikunja.test', version: 'v2.5.0', api: 'v2' },
      project: { title: 'Project', id: 7, marker: createMarker('project:Project') },
    });
    expect(selectPlanApi({ v2BulkCreate: false, v2Patch: false })).toBe('v1');
  });
});
