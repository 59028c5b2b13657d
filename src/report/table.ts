import { measureWidth } from './format.js';

/** Column alignment in a text table. */
export type ColumnAlign = 'left' | 'right';

/** Options for {@link renderTextTable}. */
export interface TextTableOptions {
  /** Alignment per column (default left). */
  align?: readonly ColumnAlign[];
  /** Prefix for every line (indentation). */
  indent?: string;
  /** Space between columns. */
  gap?: string;
}

/**
 * Lays out rows (the first one is usually the header) as aligned columns. Cells may hold ANSI colour, CJK and
 * emoji: widths are measured in terminal columns (string-width). Trailing spaces are trimmed.
 */
export function renderTextTable(rows: readonly (readonly string[])[], options: TextTableOptions = {}): string[] {
  const { align = [], indent = '', gap = '  ' } = options;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, measureWidth(cell));
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, index) => {
      const padding = ' '.repeat(Math.max(0, (widths[index] ?? 0) - measureWidth(cell)));
      return align[index] === 'right' ? `${padding}${cell}` : `${cell}${padding}`;
    });
    return `${indent}${cells.join(gap)}`.trimEnd();
  });
}
