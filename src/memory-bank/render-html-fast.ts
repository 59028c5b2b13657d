/**
 * A fast path for the Markdown most task bodies are made of: ATX headings, paragraphs, tight lists of one-line
 * items, `**strong**`, `` `code` `` and `[text](url)`. It renders them straight to the HTML the remark → rehype →
 * sanitize → stringify pipeline gives, without building a syntax tree, and declines (returns null) anything it
 * does not recognise with certainty — every other construct, and every character that could start one — so the
 * caller renders those with remark. test/unit/memory-bank/render-fast.test.ts renders every record body of the
 * shared corpus both ways and requires equal strings.
 */

/**
 * Text that is literal in every context this renderer accepts: no backslash escapes, emphasis or code markers,
 * brackets, raw HTML, entities, strikethrough, table pipes, autolink triggers (`@`, `www.`, `://`), tabs or
 * other control characters.
 */
const plainPattern = /^[^\\`*_[\]<&~|@\u0000-\u0009\u000b-\u001f\u007f]*$/;
const autolinkPattern = /www\.|:\/\//i;
/** A code span's content: one line, no backtick, nothing HTML would escape, no padding remark would strip. */
const codePattern = /^[^\s`<&\u0000-\u001f\u007f](?:[^`<&\n\u0000-\u001f\u007f]*[^\s`<&\u0000-\u001f\u007f])?$/;
/** A link destination kept as written by remark's URL normalisation and the sanitiser's protocol check. */
const urlPattern = /^(?:https?:\/\/)?[A-Za-z0-9._~/#?=+-]+$/;
const wordPattern = /^[\p{L}\p{N}]$/u;
/** How a paragraph line or list item may begin: a letter or digit, punctuation that starts no block, or `**word`. */
const lineStartPattern = /^(?:[\p{L}\p{N}("'`[]|\*\*[\p{L}\p{N}])/u;
const orderedLikePattern = /^\d{1,9}[.)](?: |$)/;
const headingPattern = /^(#{1,6}) (.+)$/;
const bulletPattern = /^([-+*]) (.+)$/;
const orderedPattern = /^(\d{1,9})\. (.+)$/;

function isPlain(text: string): boolean {
  return plainPattern.test(text) && !autolinkPattern.test(text);
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && wordPattern.test(character);
}

/** The inline HTML of a paragraph, heading or list item, or null when it holds anything beyond the subset. */
function renderInline(text: string): string | null {
  let html = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === '`') {
      const end = text.indexOf('`', index + 1);
      if (text[index + 1] === '`' || end < 0 || text[end + 1] === '`') return null;
      const code = text.slice(index + 1, end);
      if (!codePattern.test(code)) return null;
      html += `<code>${code}</code>`;
      index = end + 1;
    } else if (character === '*') {
      // `**strong**` opened after a space or a line start and closed after a letter or digit: unambiguous.
      const before = index === 0 ? ' ' : text[index - 1];
      if (text[index + 1] !== '*' || (before !== ' ' && before !== '\n')) return null;
      const end = text.indexOf('**', index + 2);
      if (end < 0 || text[end + 2] === '*') return null;
      const inner = text.slice(index + 2, end);
      if (!isWordCharacter(inner[0]) || !isWordCharacter(inner.at(-1)) || inner.includes('\n') || !isPlain(inner)) return null;
      html += `<strong>${inner}</strong>`;
      index = end + 2;
    } else if (character === '[') {
      if (index > 0 && text[index - 1] === '!') return null;
      const close = text.indexOf('](', index + 1);
      if (close < 0) return null;
      const label = text.slice(index + 1, close);
      const urlEnd = text.indexOf(')', close + 2);
      if (urlEnd < 0) return null;
      const url = text.slice(close + 2, urlEnd);
      if (label === '' || label.includes('\n') || !isPlain(label) || !urlPattern.test(url)) return null;
      html += `<a href="${url}">${label}</a>`;
      index = urlEnd + 1;
    } else {
      let end = index;
      while (end < text.length && text[end] !== '`' && text[end] !== '*' && text[end] !== '[') end++;
      const run = text.slice(index, end);
      if (!isPlain(run)) return null;
      html += run;
      index = end;
    }
  }
  return html;
}

/** Whether a line may begin a paragraph or a list item's text (nothing that could open another block). */
function startsLikeText(text: string): boolean {
  return lineStartPattern.test(text) && !orderedLikePattern.test(text);
}

interface OpenList {
  tag: 'ol' | 'ul';
  marker: string;
  items: string[];
}

/**
 * Renders `markdown` (line endings already `\n`) to the HTML remark's pipeline gives it, trimmed, or returns null
 * when it holds anything beyond the fast path's subset.
 */
export function renderSimpleMarkdown(markdown: string): string | null {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: OpenList | null = null;
  let previous: 'start' | 'blank' | 'heading' | 'paragraph' | 'list' = 'start';
  // A list closed by a blank line: a list item after it could make it one loose list (items wrapped in <p>).
  let listBeforeBlank = false;

  const closeParagraph = (): boolean => {
    if (paragraph.length === 0) return true;
    const inline = renderInline(paragraph.join('\n'));
    paragraph = [];
    if (inline === null) return false;
    blocks.push(`<p>${inline}</p>`);
    return true;
  };
  const closeList = (): void => {
    if (list === null) return;
    blocks.push(`<${list.tag}>\n${list.items.map((item) => `<li>${item}</li>`).join('\n')}\n</${list.tag}>`);
    list = null;
  };

  for (const line of markdown.split('\n')) {
    if (line === '') {
      if (!closeParagraph()) return null;
      if (list !== null) listBeforeBlank = true;
      closeList();
      previous = 'blank';
      continue;
    }
    if (/^\s|\s$/u.test(line)) return null;
    const heading = headingPattern.exec(line);
    if (heading !== null) {
      const [, hashes = '', content = ''] = heading;
      if (previous === 'list' || content.endsWith('#') || /^\s|\s$/u.test(content)) return null;
      if (!closeParagraph()) return null;
      const inline = renderInline(content);
      if (inline === null) return null;
      blocks.push(`<h${hashes.length}>${inline}</h${hashes.length}>`);
      previous = 'heading';
      listBeforeBlank = false;
      continue;
    }
    const bullet = bulletPattern.exec(line);
    const ordered = bullet === null ? orderedPattern.exec(line) : null;
    if (bullet !== null || ordered !== null) {
      const tag = bullet !== null ? 'ul' : 'ol';
      const marker = bullet?.[1] ?? '.';
      const content = (bullet ?? ordered)?.[2] ?? '';
      if (!startsLikeText(content)) return null;
      const current = list as OpenList | null;
      if (previous === 'list') {
        if (current === null || current.tag !== tag || current.marker !== marker) return null;
      } else {
        // A new list: never right after a list a blank line closed (that is one loose list), and numbered from 1.
        if (previous === 'blank' && listBeforeBlank) return null;
        if (ordered !== null && ordered[1] !== '1') return null;
        if (!closeParagraph()) return null;
        list = { tag, marker, items: [] };
      }
      const inline = renderInline(content);
      if (inline === null || list === null) return null;
      (list as OpenList).items.push(inline);
      previous = 'list';
      listBeforeBlank = false;
      continue;
    }
    // A paragraph line; after a list item it would be the item's lazy continuation, which is left to remark.
    if (previous === 'list' || !startsLikeText(line)) return null;
    paragraph.push(line);
    previous = 'paragraph';
    listBeforeBlank = false;
  }
  if (!closeParagraph()) return null;
  closeList();
  return blocks.join('\n');
}
