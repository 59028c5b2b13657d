import { describe, expect, it } from 'vitest';
import { FatalApiError } from '../../../src/core/errors.js';
import { convertTask, deriveCapabilities, parseVikunjaVersion } from '../../../src/vikunja/convert.js';
import { infoSchema, parseResponseBody, rawTaskSchema } from '../../../src/vikunja/schemas.js';

describe('parseVikunjaVersion', () => {
  it.each([
    ['v2.5.0', { major: 2, minor: 5, patch: 0, isDev: false }],
    ['2.4.1', { major: 2, minor: 4, patch: 1, isDev: false }],
    ['v2.5.0-12-abcdef1234', { major: 2, minor: 5, patch: 0, isDev: false }],
    ['dev', { major: 0, minor: 0, patch: 0, isDev: true }],
    ['unknown', { major: 0, minor: 0, patch: 0, isDev: false }],
  ])('%s', (version, expected) => {
    expect(parseVikunjaVersion(version)).toEqual(expected);
  });
});

describe('deriveCapabilities', () => {
  const capabilitiesOf = (info: Record<string, unknown>) => deriveCapabilities(infoSchema.parse(info));

  it('2.5 has v2 PATCH and bulk create; 2.4 only PATCH; 1.0 neither', () => {
    expect(capabilitiesOf({ version: 'v2.5.0' })).toMatchObject({ v2Patch: true, v2BulkCreate: true });
    expect(capabilitiesOf({ version: 'v2.4.0' })).toMatchObject({ v2Patch: true, v2BulkCreate: false });
    expect(capabilitiesOf({ version: 'v1.0.0' })).toMatchObject({ v2Patch: false, v2BulkCreate: false });
    expect(capabilitiesOf({ version: 'v3.0.0' })).toMatchObject({ v2Patch: true, v2BulkCreate: true });
  });

  it('dev counts as the latest', () => {
    expect(capabilitiesOf({ version: 'dev' })).toMatchObject({ isDev: true, v2Patch: true, v2BulkCreate: true });
  });

  it('absent concurrent_writes means serialised writes; page size defaults to 50', () => {
    expect(capabilitiesOf({ version: 'v1.0.0' })).toMatchObject({ concurrentWrites: false, maxItemsPerPage: 50 });
    expect(capabilitiesOf({ version: 'v2.5.0', concurrent_writes: true, max_items_per_page: 20 })).toMatchObject({
      concurrentWrites: true,
      maxItemsPerPage: 20,
    });
  });
});

describe('task normalisation', () => {
  it('zero dates become null, null arrays become [], colours lose the #', () => {
    const task = convertTask(
      rawTaskSchema.parse({
        id: 1,
        project_id: 2,
        title: 't',
        description: '',
        due_date: '0001-01-01T00:00:00Z',
        start_date: '2026-01-02T03:04:05Z',
        labels: null,
        assignees: null,
        reminders: null,
        related_tasks: { subtask: [{ id: 9, title: 'child', project_id: 2 }], parenttask: null },
        hex_color: '#abcdef',
        unknown_future_field: 1,
      }),
    );
    expect(task).toMatchObject({
      due_date: null,
      start_date: '2026-01-02T03:04:05Z',
      labels: [],
      assignees: [],
      reminders: [],
      hex_color: 'abcdef',
      related_tasks: { subtask: [{ id: 9, title: 'child', project_id: 2 }] },
    });
  });

  it('keeps unknown keys in the raw form (the v1 read-modify-write sends them back)', () => {
    expect(rawTaskSchema.parse({ id: 1, project_id: 2, title: 't', some_new_field: 'x' })).toHaveProperty('some_new_field', 'x');
  });

  it('a shape mismatch is a FatalApiError naming the path and the issue', () => {
    let thrown: unknown;
    try {
      parseResponseBody(rawTaskSchema, { id: 'seven', title: 't' }, { method: 'GET', path: '/tasks/7', status: 200 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FatalApiError);
    expect((thrown as Error).message).toContain('GET /tasks/7');
    expect((thrown as Error).message).toMatch(/id: /);
    expect((thrown as Error).message).toMatch(/project_id: /);
  });
});
