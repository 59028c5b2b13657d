/**
 * The `sync` config section: defaults (bank owns the text, both own the rest, conflicts reported, inbox on, removed
 * items labelled), every key settable, and bad values named with the fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { ConfigError } from '../../../src/core/errors.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'membank-sync-config-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function resolveWith(config: unknown): ReturnType<typeof resolveConfig> {
  writeFileSync(join(cwd, 'membank.config.json'), JSON.stringify(config));
  return resolveConfig({}, {}, cwd);
}

describe('sync config', () => {
  it('defaults: the bank owns title, description and share done, both sides the rest; report; inbox; label', () => {
    expect(createDefaultConfig().sync).toEqual({
      ownership: { title: 'memory-bank', description: 'memory-bank', done: 'both', priority: 'both', due: 'both', percentDone: 'memory-bank', labels: 'both', bucket: 'both' },
      conflicts: 'report',
      inbox: 'vikunja-inbox.md',
      removed: 'label',
      removedLabel: 'removed-from-memory-bank',
    });
  });

  it('takes every key; an ownership left out keeps its default', () => {
    const { config } = resolveWith({ sync: { ownership: { done: 'vikunja', title: 'both' }, conflicts: 'newest', inbox: false, removed: 'delete' } });
    expect(config.sync.ownership).toMatchObject({ done: 'vikunja', title: 'both', description: 'memory-bank', due: 'both' });
    expect(config.sync.conflicts).toBe('newest');
    expect(config.sync.inbox).toBe(false);
    expect(config.sync.removed).toBe('delete');
  });

  it('names a bad policy, a bad owner and a typo', () => {
    let error: unknown;
    try {
      resolveWith({ sync: { conflicts: 'newer', ownership: { due: 'bank' }, inbx: 'x.md' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('sync.conflicts');
    expect(message).toContain('prefer-memory-bank');
    expect(message).toContain('sync.ownership.due');
    expect(message).toContain('sync.inbx: unknown key — did you mean "inbox"?');
  });
});
