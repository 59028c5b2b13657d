import { z } from 'zod';
import { InternalError } from '../core/errors.js';
import type { CachedLabel, LabelCache } from '../core/store.js';
import type { StoreConnection } from './connection.js';
import { parseRow } from './json-column.js';

const labelRowSchema = z.object({
  scope: z.string(),
  title: z.string(),
  hex_color: z.string(),
  label_id: z.number().int(),
  updated_at: z.string(),
});

/** Normalises a Vikunja hex colour for the cache key: lower case, no `#` (`''` for none). */
export function normaliseHexColor(hexColor: string): string {
  const normalised = hexColor.trim().replace(/^#/, '').toLowerCase();
  if (!/^[0-9a-f]{0,8}$/.test(normalised)) {
    throw new InternalError(`label cache: ${JSON.stringify(hexColor)} is not a hex colour (e.g. "e8e8e8" or "")`);
  }
  return normalised;
}

function toCachedLabel(row: unknown): CachedLabel {
  const r = parseRow(labelRowSchema, row, 'label_cache');
  return { scope: r.scope, title: r.title, hexColor: r.hex_color, labelId: r.label_id, updatedAt: r.updated_at };
}

/** Creates the label cache API over a store connection. */
export function createLabelCache(conn: StoreConnection): LabelCache {
  const { db } = conn;
  const selectOne = db.prepare('SELECT label_id FROM label_cache WHERE scope = ? AND title = ? AND hex_color = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO label_cache (scope, title, hex_color, label_id, updated_at) VALUES (@scope, @title, @hexColor, @labelId, @updatedAt)
     ON CONFLICT (scope, title, hex_color) DO UPDATE SET label_id = excluded.label_id, updated_at = excluded.updated_at`,
  );
  const selectScope = db.prepare('SELECT * FROM label_cache WHERE scope = ? ORDER BY title, hex_color');
  const clearScope = db.prepare('DELETE FROM label_cache WHERE scope = ?');

  return {
    get(scope: string, title: string, hexColor: string): number | undefined {
      conn.assertOpen();
      const id = selectOne.get(scope, title, normaliseHexColor(hexColor));
      return typeof id === 'number' ? id : undefined;
    },

    put(input: { scope: string; title: string; hexColor: string; labelId: number }): CachedLabel {
      conn.assertOpen();
      if (input.scope.length === 0 || input.title.length === 0) {
        throw new InternalError('label cache: scope and title must be non-empty');
      }
      if (!Number.isInteger(input.labelId) || input.labelId <= 0) {
        throw new InternalError(`label cache: label id ${input.labelId} is not a positive integer`);
      }
      const entry: CachedLabel = {
        scope: input.scope,
        title: input.title,
        hexColor: normaliseHexColor(input.hexColor),
        labelId: input.labelId,
        updatedAt: conn.nowIso(),
      };
      upsert.run(entry);
      return entry;
    },

    list(scope: string): CachedLabel[] {
      conn.assertOpen();
      return selectScope.all(scope).map(toCachedLabel);
    },

    clear(scope: string): number {
      conn.assertOpen();
      return clearScope.run(scope).changes;
    },
  };
}
