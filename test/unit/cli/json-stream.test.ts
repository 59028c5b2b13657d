/**
 * Streamed JSON (`src/cli/json-stream.ts`): the text is exactly JSON.stringify's, in chunks, and a sink that asks
 * for backpressure gets no more until it drains.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkJson, ListedJsonArray, ListedJsonObject, serializeJson, writeJsonFile, writeJsonStream } from '../../../src/cli/json-stream.js';

const samples: Record<string, unknown> = {
  'a document of records and problems': {
    records: [
      { key: 'a#1', title: 'Ünïcode · ✅ "quoted"\nnew line', tags: [], nested: { deep: { deeper: [1, { x: null }] } } },
      { key: 'a#2', title: '', empty: {}, list: [[], [[]], {}] },
    ],
    problems: [],
    explain: undefined,
  },
  'a plan with nested arrays and skipped properties': {
    format: 'membank-plan',
    version: 1,
    createdAt: new Date(Date.UTC(2026, 10, 30, 6, 0, 0)),
    ops: [{ id: 'x', fn: () => 1, missing: undefined, desired: { fields: { done: false, due: null } } }, undefined, () => 2],
    desired: [],
    summary: { writes: 3, byKind: { create: 2, labels: 1 } },
  },
  'objects with no JSON-able property': { a: { b: undefined }, c: [{ d: undefined }] },
  'a class instance and toJSON': { when: new Date(0), custom: { toJSON: () => ({ replaced: true }) }, map: new Map([[1, 2]]) },
  'a top-level array': [1, 'two', { three: [3] }, [[4]]],
  'a top-level string': 'just text',
  'a top-level number': 42,
  'null': null,
  'an empty object': {},
  'deep nesting below the streamed levels': { a: { b: { c: { d: { e: [1, 2, { f: 'g' }] } } } } },
};

function collect(value: unknown, indent?: number): string {
  return [...chunkJson(value, indent === undefined ? {} : { indent, chunkSize: 7 })].join('');
}

describe('serializeJson / chunkJson', () => {
  for (const [name, value] of Object.entries(samples)) {
    it(`writes ${name} exactly as JSON.stringify, compact and indented`, () => {
      expect(collect(value)).toBe(`${JSON.stringify(value)}\n`);
      expect(collect(value, 2)).toBe(`${JSON.stringify(value, null, 2)}\n`);
      expect(collect(value, 4)).toBe(`${JSON.stringify(value, null, 4)}\n`);
    });
  }

  it('writes a ListedJsonArray as the array it lists, element by element as they are made, like JSON.stringify', () => {
    let made = 0;
    const list = (): Generator<{ id: string; nested: number[] }> =>
      (function* listed() {
        for (let index = 0; index < 3; index++) {
          made += 1;
          yield { id: `op-${index}`, nested: [index, index + 1] };
        }
      })();
    const value = { plan: { ops: new ListedJsonArray(list), empty: new ListedJsonArray(() => []), deep: { a: { b: new ListedJsonArray(list) } } } };
    const plain = { plan: { ops: [...list()], empty: [], deep: { a: { b: [...list()] } } } };
    expect(collect(value)).toBe(`${JSON.stringify(plain)}\n`);
    expect(collect(value, 2)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
    expect(JSON.stringify(value, null, 2)).toBe(JSON.stringify(plain, null, 2));
    // Streamed: the first element is written before the next one is made.
    made = 0;
    const pieces = serializeJson({ ops: new ListedJsonArray(list) });
    let text = '';
    for (const piece of pieces) {
      text += piece;
      if (text.includes('"op-0"')) break;
    }
    expect(made).toBe(1);
  });

  it('writes a ListedJsonObject as the object of its entries, property by property, like JSON.stringify', () => {
    const entries = (): Array<[string, unknown]> => [['a#1', { title: 'one', labels: ['x'] }], ['b#2', { title: 'two', skipped: undefined }], ['c', undefined]];
    const value = { plan: { desired: new ListedJsonObject(entries), none: new ListedJsonObject(() => []), deep: { a: { b: new ListedJsonObject(entries) } } } };
    const plain = { plan: { desired: Object.fromEntries(entries()), none: {}, deep: { a: { b: Object.fromEntries(entries()) } } } };
    expect(collect(value)).toBe(`${JSON.stringify(plain)}\n`);
    expect(collect(value, 2)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
    expect(JSON.stringify(value, null, 2)).toBe(JSON.stringify(plain, null, 2));
  });

  it('serialises each array element as one piece, so a transform sees whole values', () => {
    const records = Array.from({ length: 5 }, (_, index) => ({ title: `secret-${index}` }));
    const pieces = [...serializeJson({ records }, { transform: (text) => text.replaceAll('secret', 'xxx') })];
    expect(pieces.join('')).toBe(JSON.stringify({ records: records.map((record) => ({ title: record.title.replace('secret', 'xxx') })) }));
    expect(pieces).toContain('{"title":"xxx-3"}');
  });

  it('gathers pieces into chunks of about chunkSize characters', () => {
    const records = Array.from({ length: 2000 }, (_, index) => ({ key: `file.md#${index}`, title: 'x'.repeat(40) }));
    const chunks = [...chunkJson({ records }, { chunkSize: 4096 })];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((chunk) => chunk.length < 4096 + 200)).toBe(true);
    expect(chunks.join('')).toBe(`${JSON.stringify({ records })}\n`);
  });

  it('throws what JSON.stringify throws (a BigInt)', () => {
    expect(() => collect({ records: [{ n: 1n }] })).toThrow(TypeError);
  });
});

/** A sink whose buffer is "full" after every write until the test drains it. */
class SlowSink extends EventEmitter {
  readonly chunks: string[] = [];
  waiting = false;
  writesWhileWaiting = 0;
  write(chunk: string): boolean {
    if (this.waiting) this.writesWhileWaiting += 1;
    this.chunks.push(chunk);
    this.waiting = true;
    return false;
  }
  drain(): void {
    this.waiting = false;
    this.emit('drain');
  }
}

describe('writeJsonStream', () => {
  it('waits for drain after a write the sink refused, and finishes the document', async () => {
    const value = { records: Array.from({ length: 500 }, (_, index) => ({ key: `k${index}`, title: 'y'.repeat(100) })) };
    const sink = new SlowSink();
    const done = writeJsonStream(sink, value, { chunkSize: 1024 });
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    for (let round = 0; round < 1000 && !finished; round++) {
      await new Promise((resolvePromise) => setImmediate(resolvePromise));
      sink.drain();
    }
    await done;
    expect(sink.writesWhileWaiting).toBe(0);
    expect(sink.chunks.length).toBeGreaterThan(10);
    expect(sink.chunks.join('')).toBe(`${JSON.stringify(value)}\n`);
  });

  it('rejects with the stream error that comes while it waits for drain', async () => {
    const sink = new SlowSink();
    const done = writeJsonStream(sink, { records: ['a'.repeat(100), 'b'.repeat(100)] }, { chunkSize: 10 });
    await new Promise((resolvePromise) => setImmediate(resolvePromise));
    sink.emit('error', new Error('EPIPE: broken pipe'));
    await expect(done).rejects.toThrow('EPIPE');
  });
});

describe('writeJsonFile', () => {
  it('writes JSON.stringify(value, null, 2) and a newline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'membank-json-stream-'));
    try {
      const value = samples['a plan with nested arrays and skipped properties'];
      await writeJsonFile(join(dir, 'plan.json'), value);
      expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      await expect(writeJsonFile(join(dir, 'missing', 'plan.json'), value)).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
