/**
 * A JSON scanner that keeps offsets: it finds objects and the exact span of each member's value, so a value is
 * replaced in place without re-serialising the file (key order, spacing and indentation stay as written).
 */

/** A JSON value with its span in the text. */
export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'literal'; start: number; end: number; raw: string };

/** One `"key": value` member of an object. */
export interface JsonMember {
  key: string;
  keyStart: number;
  value: JsonNode;
}

/** Parses JSON text into spans; throws a SyntaxError naming the offset on malformed input. */
export function scanJson(text: string): JsonNode {
  let at = 0;

  function fail(what: string): never {
    throw new SyntaxError(`${what} at offset ${at}`);
  }

  function skipSpace(): void {
    while (at < text.length && /\s/u.test(text[at] ?? '')) at++;
  }

  function readString(): JsonNode & { kind: 'string' } {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail('unterminated string');
    at++;
    return { kind: 'string', start, end: at, value: JSON.parse(text.slice(start, at)) as string };
  }

  function readValue(): JsonNode {
    skipSpace();
    const char = text[at];
    const start = at;
    if (char === '{') {
      at++;
      const members: JsonMember[] = [];
      skipSpace();
      if (text[at] === '}') {
        at++;
        return { kind: 'object', start, end: at, members };
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail('expected a key');
        const keyStart = at;
        const key = readString().value;
        skipSpace();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        members.push({ key, keyStart, value: readValue() });
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return { kind: 'object', start, end: at, members };
        }
        fail('expected "," or "}"');
      }
    }
    if (char === '[') {
      at++;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[at] === ']') {
        at++;
        return { kind: 'array', start, end: at, items };
      }
      for (;;) {
        items.push(readValue());
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return { kind: 'array', start, end: at, items };
        }
        fail('expected "," or "]"');
      }
    }
    if (char === '"') return readString();
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/u.exec(text.slice(at, at + 64));
    if (literal === null) fail('unexpected character');
    at += literal[0].length;
    return { kind: 'literal', start, end: at, raw: literal[0] };
  }

  const root = readValue();
  skipSpace();
  if (at < text.length) fail('unexpected text after the value');
  return root;
}

/** Every object in the tree, in document order. */
export function listJsonObjects(node: JsonNode): (JsonNode & { kind: 'object' })[] {
  const out: (JsonNode & { kind: 'object' })[] = [];
  const visit = (current: JsonNode): void => {
    if (current.kind === 'object') {
      out.push(current);
      for (const member of current.members) visit(member.value);
    } else if (current.kind === 'array') {
      for (const item of current.items) visit(item);
    }
  };
  visit(node);
  return out;
}
