/**
 * The source-snapshot store's one blob check: a file given by its hash (read earlier in the run, not read again)
 * must name a stored blob. The caller asks `hasBlob` before it skips the read; `record` itself does not look the
 * blob up again, and the manifest's foreign key still refuses a hash with no blob — the whole snapshot is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/core/errors.js';
import { hashBytes } from '../../../src/store/snapshots.js';
import { createTempStores, type TempStores } from './temp-store.js';

let stores: TempStores | undefined;
afterEach(() => {
  stores?.cleanup();
  stores = undefined;
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('source snapshots: a file given by its hash', () => {
  it('is stored without its bytes when its blob is already stored, and restores byte-exact', () => {
    stores = createTempStores();
    const store = stores.open();
    for (const id of ['run-1', 'run-2']) store.runs.create({ id, command: 'sync' });
    const tasks = bytes('- [ ] ship it\n');
    store.snapshots.record({ runId: 'run-1', root: '/bank', files: [{ path: 'tasks.md', bytes: tasks }] });
    const sha256 = hashBytes(tasks);
    expect(store.snapshots.hasBlob(sha256)).toBe(true);

    const recorded = store.snapshots.record({ runId: 'run-2', root: '/bank', files: [{ path: 'tasks.md', sha256, size: tasks.byteLength }] });

    expect(recorded).toMatchObject({ newBlobs: 0, newBytes: 0, snapshot: { files: 1, bytes: tasks.byteLength } });
    expect(store.snapshots.files('run-2')).toEqual(store.snapshots.files('run-1'));
    expect(store.snapshots.readBlob(sha256)).toEqual(tasks);
  });

  it('naming a blob that is not stored: InternalError naming the file and the hash, and nothing of the run is stored', () => {
    stores = createTempStores();
    const store = stores.open();
    store.runs.create({ id: 'run-1', command: 'sync' });
    const missing = hashBytes(bytes('never stored'));
    const other = bytes('# notes\n');

    const record = (): unknown =>
      store.snapshots.record({ runId: 'run-1', root: '/bank', files: [{ path: 'notes.md', bytes: other }, { path: 'tasks.md', sha256: missing, size: 12 }] });

    expect(record).toThrow(InternalError);
    expect(record).toThrow(new RegExp(`tasks\\.md is given by its hash ${missing}.*holds no such blob`));
    expect(store.snapshots.get('run-1')).toBeUndefined();
    expect(store.snapshots.blobStats()).toEqual({ blobs: 0, bytes: 0 });
  });
});
