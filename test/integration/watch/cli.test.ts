import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { setupWatchWorld } from './watch-helpers.js';

const closers = closeAfterEach();

describe('membank sync --watch: bad flags are usage errors (exit 64) before anything runs', () => {
  it('refuses --dry-run, a malformed --listen, a --listen address in use and a --webhook-url that is not http(s)', async () => {
    const world = await setupWatchWorld(closers, { items: ['Alpha'] });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => busy.close(() => resolve())));
    const port = (busy.address() as AddressInfo).port;
    world.takeWrites();

    const dryRun = await world.cli(['sync', world.repo, '--watch', '--dry-run']);
    expect(dryRun.code).toBe(64);
    expect(dryRun.stderr).toContain('--dry-run cannot be combined with it');

    const malformed = await world.cli(['sync', world.repo, '--watch', '--listen', 'localhost:http']);
    expect(malformed.code).toBe(64);
    expect(malformed.stderr).toContain('--listen "localhost:http" is not host:port');

    const inUse = await world.cli(['sync', world.repo, '--watch', '--listen', `127.0.0.1:${port}`]);
    expect(inUse.code).toBe(64);
    expect(inUse.stderr).toContain(`sync --watch cannot listen on 127.0.0.1:${port}: the address is in use`);

    const ftp = await world.cli(['sync', world.repo, '--watch', '--listen', '127.0.0.1:0', '--webhook-url', 'ftp://example.com/hook']);
    expect(ftp.code).toBe(64);
    expect(ftp.stderr).toContain('must be http:// or https://');

    // Nothing reached Vikunja and no webhook was registered.
    expect(world.takeWrites()).toEqual([]);
    expect(world.sandbox.webhooks()).toEqual([]);
  }, 60_000);
});
