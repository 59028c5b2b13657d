import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

/**
 * What the extractors read of an mdast tree, as plain data: block types, positions (line, column, offset),
 * heading depth, list order and start, checkbox state, code value, and the text of headings, paragraphs and
 * table cells with the type of their first inline node. Two trees with equal shapes read the same to the parser.
 */
export function readShape(node: Nodes): unknown {
  const shape: Record<string, unknown> = { type: node.type };
  if (node.position !== undefined && node.type !== 'tableCell') {
    const { start, end } = node.position;
    shape.at = `${start.line}:${start.column}:${start.offset ?? ''}-${end.line}:${end.column}:${end.offset ?? ''}`;
  }
  for (const key of ['depth', 'ordered', 'start', 'checked', 'lang', 'meta', 'value'] as const) {
    if (key in node && node.type !== 'text') shape[key] = (node as unknown as Record<string, unknown>)[key];
  }
  if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') {
    shape.text = toString(node);
    shape.first = node.children[0]?.type ?? null;
  } else if ('children' in node) {
    shape.children = node.children.map((child) => readShape(child));
  }
  return shape;
}
