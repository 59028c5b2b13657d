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

  // Character codes, not a pattern per character: discovery scans whole data files (issue logs of thousands of lines).
  function skipSpace(): void {
    for (;;) {
      const code = text.charCodeAt(at);
      // JSON's whitespace: space, tab, line feed, carriage return.
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) at++;
      else return;
    }
  }

  function readString(): JsonNode & { kind: 'string' } {
    const start = at;
    at++;
    let plain = true;
    for (;;) {
      const code = text.charCodeAt(at);
      if (Number.isNaN(code)) fail('unterminated string');
      if (code === 0x22) break;
      if (code === 0x5c || code < 0x20) plain = false;
      at += code === 0x5c ? 2 : 1;
    }
    at++;
    // A string without escapes (or control characters, which JSON.parse refuses) is its own text.
    const value = plain ? text.slice(start + 1, at - 1) : (JSON.parse(text.slice(start, at)) as string);
    return { kind: 'string', start, end: at, value };
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
