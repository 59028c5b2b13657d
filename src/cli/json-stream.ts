/**
 * Streamed JSON: writes a JSON document to a stream piece by piece — each element of an array serialised on its
 * own, written in chunks of about 64 KiB, waiting for `drain` when the stream asks for it — instead of building the
 * whole document as one string. The text is exactly what `JSON.stringify(value, null, indent)` returns, so a
 * 70,000-record `parse --json` never holds a 50 MB string (and its redacted and UTF-8 copies) in memory.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from './command.js';

/** Where the JSON goes: `process.stdout`, a file stream, or a test's collector. */
export interface JsonSink {
  /** Returns `false` when the stream's buffer is full (then `drain` is awaited, if the sink has `once`). */
  write(chunk: string): unknown;
  once?(event: 'drain' | 'error' | 'close', listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: 'drain' | 'error' | 'close', listener: (...args: unknown[]) => void): unknown;
}

/** How a document is streamed. */
export interface JsonStreamOptions {
  /** Spaces per level, as `JSON.stringify`'s third argument (none: compact). */
  indent?: number;
  /**
   * Applied to each serialised piece before it is written (e.g. secret redaction). Pieces are whole array
   * elements and whole leaf values, never a part of a string, so a value is never cut in two.
   */
  transform?: (text: string) => string;
  /** Characters gathered before one write (default 64 Ki). */
  chunkSize?: number;
}

/**
 * An array whose elements are made as it is written: `serializeJson` writes each element as the iterator yields it
 * (nothing holds the elements once written), and `JSON.stringify` writes the same text through `toJSON`. `list` is
 * called once per pass, so it must list the same elements every time.
 */
export class ListedJsonArray<T> implements Iterable<T> {
  readonly #list: () => Iterable<T>;

  constructor(list: () => Iterable<T>) {
    this.#list = list;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#list()[Symbol.iterator]();
  }

  toJSON(): T[] {
    return [...this];
  }
}

/**
 * An object whose properties are made as it is written, from `[key, value]` entries (keys distinct): `serializeJson`
 * writes each property as the iterator yields it, and `JSON.stringify` writes the same text through `toJSON`.
 * `entries` is called once per pass, so it must list the same entries every time.
 */
export class ListedJsonObject<T> {
  readonly #entries: () => Iterable<readonly [string, T]>;

  constructor(entries: () => Iterable<readonly [string, T]>) {
    this.#entries = entries;
  }

  entries(): Iterable<readonly [string, T]> {
    return this.#entries();
  }

  toJSON(): Record<string, T> {
    return Object.fromEntries(this.#entries());
  }
}

/** Objects nested at most this deep are written property by property; arrays at any of those levels stream. */
const streamedDepth = 3;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function* propertiesOf(node: Record<string, unknown>): Generator<[string, unknown], void, undefined> {
  for (const key of Object.keys(node)) yield [key, node[key]];
}

/** JSON.stringify of a leaf placed `depth` levels deep: its inner lines indented to that depth. */
function stringifyAt(value: unknown, depth: number, indent: string): string | undefined {
  const text = JSON.stringify(value, null, indent) as string | undefined;
  // A newline inside JSON text is always layout (strings escape theirs), so re-indenting is a plain replace.
  if (text === undefined || indent === '' || depth === 0) return text;
  return text.replaceAll('\n', `\n${indent.repeat(depth)}`);
}

/**
 * Yields the pieces of `JSON.stringify(value, null, indent)`: structure as it goes, and each array element and
 * each leaf as one piece (passed through `transform`). Only plain objects, arrays, `ListedJsonArray`s and
 * `ListedJsonObject`s are walked; anything else (dates, `toJSON`, boxed values) is left to JSON.stringify, so the
 * text is the same.
 */
export function* serializeJson(
  value: unknown,
  options: Pick<JsonStreamOptions, 'indent' | 'transform'> = {},
): Generator<string, void, undefined> {
  const indent = ' '.repeat(Math.min(10, Math.max(0, options.indent ?? 0)));
  const transform = options.transform ?? ((text: string) => text);
  const newline = (depth: number): string => (indent === '' ? '' : `\n${indent.repeat(depth)}`);
  const colon = indent === '' ? ':' : ': ';

  function* walk(node: unknown, depth: number): Generator<string, void, undefined> {
    if (Array.isArray(node) && depth < streamedDepth) {
      if (node.length === 0) {
        yield '[]';
        return;
      }
      yield '[';
      for (let index = 0; index < node.length; index++) {
        yield `${index === 0 ? '' : ','}${newline(depth + 1)}`;
        // As JSON.stringify: an element that has no JSON form (undefined, a function) is written as null.
        yield transform(stringifyAt(node[index], depth + 1, indent) ?? 'null');
      }
      yield `${newline(depth)}]`;
      return;
    }
    if (node instanceof ListedJsonArray && depth < streamedDepth) {
      let count = 0;
      for (const element of node as ListedJsonArray<unknown>) {
        yield `${count === 0 ? '[' : ','}${newline(depth + 1)}`;
        count += 1;
        yield transform(stringifyAt(element, depth + 1, indent) ?? 'null');
      }
      yield count === 0 ? '[]' : `${newline(depth)}]`;
      return;
    }
    if ((isPlainObject(node) || node instanceof ListedJsonObject) && depth < streamedDepth) {
      let first = true;
      const entries: Iterable<readonly [string, unknown]> =
        node instanceof ListedJsonObject ? (node as ListedJsonObject<unknown>).entries() : propertiesOf(node as Record<string, unknown>);
      for (const [key, child] of entries) {
        // As JSON.stringify: properties without a JSON form are left out.
        if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
        yield `${first ? '{' : ','}${newline(depth + 1)}${transform(JSON.stringify(key))}${colon}`;
        first = false;
        yield* walk(child, depth + 1);
      }
      yield first ? '{}' : `${newline(depth)}}`;
      return;
    }
    const text = stringifyAt(node, depth, indent);
    if (text !== undefined) yield transform(text);
  }

  yield* walk(value, 0);
}

/** The text of `JSON.stringify(value, null, indent)` + `\n`, in chunks of about `chunkSize` characters. */
export function* chunkJson(value: unknown, options: JsonStreamOptions = {}): Generator<string, void, undefined> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  let pieces: string[] = [];
  let gathered = 0;
  for (const piece of serializeJson(value, options)) {
    pieces.push(piece);
    gathered += piece.length;
    if (gathered >= chunkSize) {
      yield pieces.join('');
      pieces = [];
      gathered = 0;
    }
  }
  pieces.push('\n');
  yield pieces.join('');
}

function waitForDrain(sink: JsonSink): Promise<void> {
  const { once, removeListener } = sink;
  if (once === undefined) return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    const stop = (): void => {
      removeListener?.call(sink, 'drain', onDrain);
      removeListener?.call(sink, 'error', onError);
      removeListener?.call(sink, 'close', onClose);
    };
    const onDrain = (): void => {
      stop();
      resolvePromise();
    };
    const onError = (error: unknown): void => {
      stop();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onClose = (): void => {
      stop();
      reject(new Error('the output stream closed before the JSON document was written'));
    };
    once.call(sink, 'drain', onDrain);
    once.call(sink, 'error', onError);
    once.call(sink, 'close', onClose);
  });
}

/**
 * Writes `value` to `sink` as JSON followed by a newline — the same text as `JSON.stringify(value, null, indent)`
 * + `\n` — in chunks, honouring backpressure: when `write` returns false, the next chunk waits for `drain`.
 */
export async function writeJsonStream(sink: JsonSink, value: unknown, options: JsonStreamOptions = {}): Promise<void> {
  for (const chunk of chunkJson(value, options)) {
    if (sink.write(chunk) === false) await waitForDrain(sink);
  }
}

/**
 * Writes `value` to the file at `path` as pretty-printed JSON (`JSON.stringify(value, null, 2)` + newline),
 * streamed; resolves once the file is written and closed, rejects with the stream's error (e.g. EACCES).
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await pipeline(Readable.from(chunkJson(value, { indent: 2 })), createWriteStream(path, { encoding: 'utf8' }));
}

/**
 * Prints a command's JSON result, streamed when the context can (`ctx.printJson`, set by `main`), else through
 * `ctx.print` (contexts built by hand). Only for `--json`: the human report is not built at all.
 */
export async function printJsonResult(ctx: Pick<CliContext, 'print' | 'printJson'>, value: unknown): Promise<void> {
  if (ctx.printJson !== undefined) await ctx.printJson(value);
  else ctx.print(value, '');
}
