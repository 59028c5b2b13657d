/**
 * The inline half of the fast Markdown reader: text, backslash escapes, code spans, emphasis and strong (the
 * CommonMark delimiter-run rules, character classes as micromark has them), inline links and images, autolinks,
 * raw HTML tags on one line, tildes that cannot pair up as strikethrough, hard and soft breaks. Spans that use
 * anything else (HTML comments, declarations and tags across lines, character references, strikethrough) are
 * declined with null and the caller has remark read that span, so every tree the parser sees reads as remark reads it.
 */
import type { PhrasingContent } from 'mdast';

const asciiPunctuation = /[!-/:-@[-`{-~]/u;
const unicodePunctuation = /\p{P}|\p{S}/u;
const whitespace = /\s/u;
/** Constructs the fast reader leaves to remark, tested where they start (outside code spans). */
const characterReference = /^&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/u;

class DeclinedSpan extends Error {}

/** A name as Python and JavaScript write one between double underscores, as a pattern's source. */
const dunderWordSource = String.raw`[a-z][a-z0-9]*(?:_[a-z0-9]+)*`;
/**
 * A name written between double underscores, as Python and JavaScript write them (`__init__`, `__post_init__`,
 * `__tests__`): small letters, digits and inner single underscores. CommonMark reads `__init__.py` as strong `init`;
 * every author of a memory bank who wrote one meant the name (none wrote a small-letter word between `__` for bold).
 * The fast reader leaves spans holding one to remark, and `parseMarkdown` puts the name back (`keepDunderNames`).
 */
export const dunderName = new RegExp(String.raw`(?<![\p{L}\p{N}_\\])__${dunderWordSource}__`, 'u');
/** The name inside `dunderName`'s underscores, alone. */
export const dunderWord = new RegExp(`^${dunderWordSource}$`, 'u');

/** 1 whitespace (or edge), 2 punctuation, 0 other — per UTF-16 unit, as micromark classifies. */
function classify(text: string, index: number): number {
  if (index < 0 || index >= text.length) return 1;
  const char = String.fromCharCode(text.charCodeAt(index));
  if (whitespace.test(char)) return 1;
  if (unicodePunctuation.test(char)) return 2;
  return 0;
}

interface Run {
  index: number;
  char: string;
  length: number;
  remaining: number;
  canOpen: boolean;
  canClose: boolean;
  active: boolean;
  /** Tags closed by this run (innermost first) and opened by it (innermost first). */
  closes: ('emphasis' | 'strong')[];
  opens: ('emphasis' | 'strong')[];
}

type Piece =
  | { kind: 'text'; value: string }
  | { kind: 'code'; value: string }
  | { kind: 'break' }
  | { kind: 'run'; run: Run }
  | { kind: 'node'; node: PhrasingContent };

interface Bracket {
  piece: number;
  image: boolean;
  active: boolean;
}

const whitespaceChars = /[ \t\n]/u;

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && whitespaceChars.test(text[index] as string)) index++;
  return index;
}

function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/gu, '$1');
}

/** Reads `(destination "title")` after a link's `]`: CommonMark inline link rules, without references. */
function readLinkTail(text: string, from: number): { url: string; title: string | null; end: number } | null {
  if (text[from] !== '(') return null;
  let index = skipWhitespace(text, from + 1);
  let url = '';
  if (text[index] === '<') {
    const start = index + 1;
    index = start;
    while (index < text.length && text[index] !== '>') {
      if (text[index] === '\n' || text[index] === '<') return null;
      index += text[index] === '\\' ? 2 : 1;
    }
    if (text[index] !== '>') return null;
    url = unescape(text.slice(start, index));
    index++;
  } else {
    const start = index;
    let depth = 0;
    while (index < text.length) {
      const char = text[index] as string;
      if (char === '\\' && index + 1 < text.length && asciiPunctuation.test(text[index + 1] as string)) {
        index += 2;
        continue;
      }
      if (char.charCodeAt(0) <= 32 || char.charCodeAt(0) === 127) break;
      if (char === '(') {
        depth++;
        if (depth > 32) return null;
      } else if (char === ')') {
        if (depth === 0) break;
        depth--;
      }
      index++;
    }
    if (depth !== 0) return null;
    url = unescape(text.slice(start, index));
  }
  const beforeTitle = index;
  index = skipWhitespace(text, index);
  let title: string | null = null;
  const open = text[index];
  if (index > beforeTitle && (open === '"' || open === "'" || open === '(')) {
    const close = open === '(' ? ')' : open;
    const start = index + 1;
    index = start;
    while (index < text.length && text[index] !== close) {
      if (open === '(' && text[index] === '(') return null;
      index += text[index] === '\\' ? 2 : 1;
    }
    if (text[index] !== close) return null;
    title = unescape(text.slice(start, index));
    index = skipWhitespace(text, index + 1);
  }
  if (text[index] !== ')') return null;
  return { url, title, end: index + 1 };
}

function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiAlpha(code) || (code >= 48 && code <= 57);
}

/** micromark's `asciiAtext`: the characters an email autolink's local part may use. */
function isAsciiAtext(code: number): boolean {
  return (code >= 35 && code <= 39) || code === 42 || code === 43 || (code >= 45 && code <= 57) || code === 61 || code === 63 || (code >= 65 && code <= 90) || (code >= 94 && code <= 126);
}

/**
 * An autolink at `start` (the `<`), as micromark's autolink construct reads it: `<scheme:…>` or `<local@domain>`.
 * Returns the link node and where it ends, or null when the text there is no autolink.
 */
function readAutolink(text: string, start: number): { node: PhrasingContent; end: number } | null {
  const done = (end: number, email: boolean): { node: PhrasingContent; end: number } => {
    const value = text.slice(start + 1, end - 1);
    return { node: { type: 'link', title: null, url: email ? `mailto:${value}` : value, children: [{ type: 'text', value }] }, end };
  };
  let index = start + 1;
  const code = (at: number): number => (at < text.length ? text.charCodeAt(at) : -1);
  // Scheme: an ASCII letter, then 1–31 more of letters, digits, `+`, `-`, `.`, then `:`.
  if (isAsciiAlpha(code(index))) {
    let scheme = index + 1;
    while (scheme - index < 32 && (isAsciiAlphanumeric(code(scheme)) || code(scheme) === 43 || code(scheme) === 45 || code(scheme) === 46)) scheme++;
    if (scheme - index >= 2 && code(scheme) === 58) {
      let url = scheme + 1;
      for (;;) {
        const c = code(url);
        if (c === 62) return done(url + 1, false);
        if (c === -1 || c === 32 || c === 60 || c < 32 || c === 127) break;
        url++;
      }
    }
  }
  // Email: atext+ `@` then labels of letters, digits and inner `-` (at most 63), separated by dots.
  while (isAsciiAtext(code(index))) index++;
  if (index === start + 1 || code(index) !== 64) return null;
  index++;
  for (;;) {
    if (!isAsciiAlphanumeric(code(index))) return null;
    let size = 0;
    let last = code(index);
    index++;
    while ((isAsciiAlphanumeric(code(index)) || code(index) === 45) && size < 62) {
      last = code(index);
      index++;
      size++;
    }
    if (last === 45) return null;
    if (code(index) === 62) return done(index + 1, true);
    if (code(index) !== 46) return null;
    index++;
  }
}

/**
 * A raw HTML open or closing tag at `start` (the `<`) on one line, as micromark's html-text construct reads it.
 * Returns where it ends, or -1 when the text there is no tag. Comments, declarations, processing instructions and
 * tags that run over a line end are declined (remark reads the span).
 */
function readHtmlTag(text: string, start: number): number {
  const code = (at: number): number => (at < text.length ? text.charCodeAt(at) : -1);
  const isSpace = (c: number): boolean => c === 32 || c === 9;
  let index = start + 1;
  const first = code(index);
  if (first === 33 || first === 63) throw new DeclinedSpan('HTML comment, declaration or instruction');
  const closing = first === 47;
  if (closing) index++;
  if (!isAsciiAlpha(code(index))) return -1;
  index++;
  while (isAsciiAlphanumeric(code(index)) || code(index) === 45) index++;
  if (closing) {
    while (isSpace(code(index))) index++;
    if (code(index) === 10) throw new DeclinedSpan('HTML tag across lines');
    return code(index) === 62 ? index + 1 : -1;
  }
  const next = code(index);
  if (!(next === 47 || next === 62 || next === 10 || isSpace(next))) return -1;
  // Between attributes: spaces, then `/>`, `>` or an attribute (name, optional `= value`).
  for (;;) {
    let c = code(index);
    if (c === 10) throw new DeclinedSpan('HTML tag across lines');
    if (isSpace(c)) {
      index++;
      continue;
    }
    if (c === 47) return code(index + 1) === 62 ? index + 2 : -1;
    if (c === 62) return index + 1;
    if (!(c === 58 || c === 95 || isAsciiAlpha(c))) return -1;
    index++;
    while (isAsciiAlphanumeric(code(index)) || code(index) === 45 || code(index) === 46 || code(index) === 58 || code(index) === 95) index++;
    while (isSpace(code(index))) index++;
    c = code(index);
    if (c === 10) throw new DeclinedSpan('HTML tag across lines');
    if (c !== 61) continue;
    index++;
    while (isSpace(code(index))) index++;
    c = code(index);
    if (c === 10) throw new DeclinedSpan('HTML tag across lines');
    if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96) return -1;
    if (c === 34 || c === 39) {
      const close = text.indexOf(String.fromCharCode(c), index + 1);
      if (close < 0) return -1;
      if (text.slice(index + 1, close).includes('\n')) throw new DeclinedSpan('HTML tag across lines');
      index = close + 1;
      const after = code(index);
      if (!(after === 47 || after === 62 || after === 10 || isSpace(after))) return -1;
      continue;
    }
    for (;;) {
      c = code(index);
      if (c === -1 || c === 34 || c === 39 || c === 60 || c === 61 || c === 96) return -1;
      if (c === 47 || c === 62 || c === 10 || isSpace(c)) break;
      index++;
    }
  }
}

function readPlainText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => ('value' in node ? node.value : 'alt' in node ? (node.alt ?? '') : 'children' in node ? readPlainText(node.children) : ''))
    .join('');
}

function readCodeSpan(text: string, start: number, length: number): { value: string; end: number } | null {
  let search = start + length;
  for (;;) {
    const found = text.indexOf('`', search);
    if (found < 0) return null;
    let end = found;
    while (text[end] === '`') end++;
    if (end - found === length) {
      let value = text.slice(start + length, found).replace(/\n/gu, ' ');
      if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') value = value.slice(1, -1);
      else if (value.length === 2 && value === '  ') value = '  ';
      return { value, end };
    }
    search = end;
  }
}

/** A run of characters that `tokenize` copies to text unchanged (sticky: matched where the last one ended). */
const plainRun = /[^[\]!\\`*_<&~\n]+/y;
/** Characters that start or take part in an inline construct; text without any is one text node. */
const inlineSyntax = /[[\]!\\`*_<&~\n]/;

function tokenize(text: string): Piece[] {
  const pieces: Piece[] = [];
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') pieces.push({ kind: 'text', value: buffer });
    buffer = '';
  };
  const brackets: Bracket[] = [];
  /** Lengths (1, 2 as bits) of the tilde runs so far that can open a strikethrough. */
  let tildeOpeners = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '[' || (char === '!' && text[index + 1] === '[')) {
      flush();
      const image = char === '!';
      pieces.push({ kind: 'text', value: image ? '![' : '[' });
      brackets.push({ piece: pieces.length - 1, image, active: true });
      index += image ? 2 : 1;
      continue;
    }
    if (char === ']') {
      const opener = brackets.pop();
      const tail = opener?.active === true ? readLinkTail(text, index + 1) : null;
      if (opener === undefined || tail === null) {
        buffer += char;
        index++;
        continue;
      }
      flush();
      const inside = pieces.splice(opener.piece);
      inside.shift();
      const children = buildTree(inside);
      if (children === null) throw new DeclinedSpan('link text nesting');
      const node: PhrasingContent = opener.image
        ? { type: 'image', url: tail.url, title: tail.title, alt: readPlainText(children) }
        : { type: 'link', url: tail.url, title: tail.title, children };
      pieces.push({ kind: 'node', node });
      // Links do not contain links: brackets opened before this link can no longer make one.
      if (!opener.image) for (const earlier of brackets) earlier.active = false;
      index = tail.end;
      continue;
    }
    if (char === '\\') {
      const next = text[index + 1];
      if (next === '\n') {
        flush();
        pieces.push({ kind: 'break' });
        index += 2;
        continue;
      }
      if (next !== undefined && asciiPunctuation.test(next)) {
        buffer += next;
        index += 2;
        continue;
      }
      buffer += char;
      index++;
      continue;
    }
    if (char === '`') {
      let end = index;
      while (text[end] === '`') end++;
      const span = readCodeSpan(text, index, end - index);
      if (span === null) {
        buffer += text.slice(index, end);
        index = end;
        continue;
      }
      flush();
      pieces.push({ kind: 'code', value: span.value });
      index = span.end;
      continue;
    }
    if (char === '<') {
      // An autolink first, then a raw HTML tag (micromark tries them in that order); else `<` is text.
      const autolink = readAutolink(text, index);
      const tagEnd = autolink === null ? readHtmlTag(text, index) : -1;
      if (autolink === null && tagEnd < 0) {
        buffer += char;
        index++;
        continue;
      }
      // Inside link text or image alt the node's text would be read differently: remark reads those.
      if (brackets.length > 0) throw new DeclinedSpan('autolink or HTML inside brackets');
      flush();
      if (autolink !== null) {
        pieces.push({ kind: 'node', node: autolink.node });
        index = autolink.end;
      } else {
        pieces.push({ kind: 'node', node: { type: 'html', value: text.slice(index, tagEnd) } });
        index = tagEnd;
      }
      continue;
    }
    if (char === '&' && characterReference.test(text.slice(index, index + 40))) throw new DeclinedSpan('character reference');
    if (char === '~') {
      // GFM strikethrough pairs a run of one or two tildes that can close with an earlier run of the same length
      // that can open (micromark's flanking rules); without such a pair every tilde is text (`~1 MB → ~100 KB`).
      let end = index;
      while (text[end] === '~') end++;
      const length = end - index;
      if (length <= 2) {
        const before = classify(text, index - 1);
        const after = classify(text, end);
        const canOpen = after === 0 || (after === 2 && before !== 0);
        const canClose = before === 0 || (before === 2 && after !== 0);
        if (canClose && (tildeOpeners & length) !== 0) throw new DeclinedSpan('strikethrough');
        if (canOpen) tildeOpeners |= length;
      }
      buffer += text.slice(index, end);
      index = end;
      continue;
    }
    if (char === '*' || char === '_') {
      let end = index;
      while (text[end] === char) end++;
      const before = classify(text, index - 1);
      const after = classify(text, end);
      const left = after !== 1 && (after !== 2 || before !== 0);
      const right = before !== 1 && (before !== 2 || after !== 0);
      const canOpen = char === '*' ? left : left && (!right || before === 2);
      const canClose = char === '*' ? right : right && (!left || after === 2);
      flush();
      const length = end - index;
      pieces.push({ kind: 'run', run: { index, char, length, remaining: length, canOpen, canClose, active: true, closes: [], opens: [] } });
      index = end;
      continue;
    }
    if (char === '\n') {
      const trailing = /[ ]*$/u.exec(buffer)?.[0].length ?? 0;
      if (trailing >= 2) {
        buffer = buffer.slice(0, buffer.length - trailing);
        flush();
        pieces.push({ kind: 'break' });
      } else {
        buffer = `${buffer.slice(0, buffer.length - trailing)}\n`;
      }
      index++;
      while (text[index] === ' ') index++;
      continue;
    }
    // Plain characters up to the next one with a meaning here go to the text at once.
    plainRun.lastIndex = index + 1;
    const plain = plainRun.exec(text);
    const end = plain === null ? index + 1 : plainRun.lastIndex;
    buffer += text.slice(index, end);
    index = end;
  }
  flush();
  return pieces;
}

/** The CommonMark "process emphasis" step over the delimiter runs, recording which run opens or closes what. */
function matchRuns(runs: Run[]): void {
  const bottoms = new Map<string, number>();
  for (let closerIndex = 0; closerIndex < runs.length; closerIndex++) {
    const closer = runs[closerIndex] as Run;
    if (!closer.canClose || !closer.active) continue;
    while (closer.remaining > 0) {
      const bottomKey = `${closer.char}${closer.canOpen ? 1 : 0}${closer.length % 3}`;
      const bottom = bottoms.get(bottomKey) ?? -1;
      let openerIndex = -1;
      for (let candidate = closerIndex - 1; candidate > bottom; candidate--) {
        const opener = runs[candidate] as Run;
        if (!opener.active || opener.remaining === 0 || !opener.canOpen || opener.char !== closer.char) continue;
        if ((opener.canClose || closer.canOpen) && (opener.length + closer.length) % 3 === 0 && (opener.length % 3 !== 0 || closer.length % 3 !== 0)) continue;
        openerIndex = candidate;
        break;
      }
      if (openerIndex < 0) {
        bottoms.set(bottomKey, closerIndex - 1);
        if (!closer.canOpen) closer.active = false;
        break;
      }
      const opener = runs[openerIndex] as Run;
      const use = opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1;
      const tag = use === 2 ? 'strong' : 'emphasis';
      opener.remaining -= use;
      closer.remaining -= use;
      opener.opens.push(tag);
      closer.closes.push(tag);
      for (let between = openerIndex + 1; between < closerIndex; between++) (runs[between] as Run).active = false;
      if (opener.remaining === 0) opener.active = false;
    }
  }
}

interface Frame {
  node: { type: 'emphasis' | 'strong'; children: PhrasingContent[] } | null;
  children: PhrasingContent[];
}

function pushText(children: PhrasingContent[], value: string): void {
  if (value === '') return;
  const last = children[children.length - 1];
  if (last?.type === 'text') last.value += value;
  else children.push({ type: 'text', value });
}

/**
 * Whether the text opens with a task box and a space (`[x] `, `[ ] `, `[X] `), as most checklist items do. The box is
 * literal text: its `]` is not followed by `(`, so its `[` opens no link, and no bracket, delimiter run or tilde
 * before the rest is left open — the rest reads alone as it reads after the box (it follows a space either way).
 */
export function startsWithTaskBox(text: string): boolean {
  if (text.length <= 4 || text.charCodeAt(0) !== 91 /* [ */ || text.charCodeAt(2) !== 93 /* ] */ || text.charCodeAt(3) !== 32) return false;
  const box = text.charCodeAt(1);
  return box === 32 || box === 120 /* x */ || box === 88 /* X */;
}

/** `nodes` with `value` as literal text before them (merged into a leading text node, as `pushText` does). */
function prependText(value: string, nodes: PhrasingContent[] | null): PhrasingContent[] | null {
  if (nodes === null) return null;
  const head = nodes[0];
  if (head?.type === 'text') head.value = value + head.value;
  else nodes.unshift({ type: 'text', value });
  return nodes;
}

/** Matches emphasis over the pieces' delimiter runs and nests the result; null when it would not nest. */
function buildTree(pieces: readonly Piece[]): PhrasingContent[] | null {
  const runs: Run[] = [];
  for (const piece of pieces) if (piece.kind === 'run') runs.push(piece.run);
  if (runs.length > 0) matchRuns(runs);
  const root: Frame = { node: null, children: [] };
  const stack: Frame[] = [root];
  // The children of the innermost open frame (the top of `stack`).
  let children = root.children;
  for (const piece of pieces) {
    if (piece.kind === 'text') pushText(children, piece.value);
    else if (piece.kind === 'code') children.push({ type: 'inlineCode', value: piece.value });
    else if (piece.kind === 'break') children.push({ type: 'break' });
    else if (piece.kind === 'node') children.push(piece.node);
    else {
      const run = piece.run;
      for (const tag of run.closes) {
        const frame = stack.pop();
        if (frame?.node?.type !== tag || stack.length === 0) return null;
        children = (stack[stack.length - 1] as Frame).children;
        children.push(frame.node as PhrasingContent);
      }
      pushText(children, run.char.repeat(run.remaining));
      for (let index = run.opens.length - 1; index >= 0; index--) {
        const node = { type: run.opens[index] as 'emphasis' | 'strong', children: [] as PhrasingContent[] };
        stack.push({ node, children: node.children });
        children = node.children;
      }
    }
  }
  return stack.length === 1 ? root.children : null;
}

/** Whether `readInline` reads `text` as one text node of the same value (no inline syntax; `''` reads as none). */
export function isPlainInline(text: string): boolean {
  return text !== '' && !inlineSyntax.test(text);
}

/**
 * Reads inline Markdown into mdast phrasing nodes (no positions), or returns null when the span uses a construct
 * this reader leaves to remark. `text` is the span's content: lines joined by `\n`, each line's indentation removed.
 */

export function readInline(text: string): PhrasingContent[] | null {
  if (!inlineSyntax.test(text)) return text === '' ? [] : [{ type: 'text', value: text }];
  if (text.includes('__') && dunderName.test(text)) return null;
  if (startsWithTaskBox(text)) return prependText(text.slice(0, 4), readInline(text.slice(4)));
  let pieces: Piece[];
  try {
    pieces = tokenize(text);
  } catch (error) {
    if (error instanceof DeclinedSpan) return null;
    throw error;
  }
  return buildTree(pieces);
}
