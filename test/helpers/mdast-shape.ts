import type { Nodes, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { expect } from 'vitest';
import { parseMarkdown } from '../../src/memory-bank/markdown.js';

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

/** Nodes as plain data without their positions (the fast inline reader builds none), children included. */
export function withoutPositions(nodes: readonly Nodes[]): unknown[] {
  return nodes.map((node) => {
    const { position: _position, ...rest } = node as Nodes & { children?: Nodes[] };
    return 'children' in rest && rest.children !== undefined ? { ...rest, children: withoutPositions(rest.children) } : rest;
  });
}

/** remark's phrasing of a text that is one paragraph, without positions: what the fast inline reader must build. */
export function readPhrasingWithRemark(text: string): unknown[] {
  const root = parseMarkdown(text);
  expect(root.children).toHaveLength(1);
  return withoutPositions((root.children[0] as Paragraph).children);
}
