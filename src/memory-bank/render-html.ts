import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

/** Renders a task body's Markdown (GFM) to sanitised HTML for a Vikunja description. */
export function renderMarkdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown.replace(/\r\n?/g, '\n'))).trim();
}
