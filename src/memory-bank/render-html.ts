import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { renderSimpleMarkdown } from './render-html-fast.js';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

/** Renders Markdown (GFM) to sanitised HTML through remark → rehype, for any input. */
export function renderMarkdownWithRemark(markdown: string): string {
  return String(processor.processSync(markdown.replace(/\r\n?/g, '\n'))).trim();
}

/**
 * Renders a task body's Markdown (GFM) to sanitised HTML for a Vikunja description: the common subset (headings,
 * paragraphs, tight lists, strong, code, links) without building syntax trees, everything else through remark —
 * the same string either way.
 */
export function renderMarkdownToHtml(markdown: string): string {
  const normalised = markdown.replace(/\r\n?/g, '\n');
  return renderSimpleMarkdown(normalised) ?? renderMarkdownWithRemark(normalised);
}
