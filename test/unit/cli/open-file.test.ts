import { describe, expect, it } from 'vitest';
import { chooseOpener, openFile } from '../../../src/cli/open-file.js';

describe('chooseOpener', () => {
  it('uses open on macOS and start on Windows, without looking for a display', () => {
    expect(chooseOpener({ platform: 'darwin', env: {} })).toEqual({ command: 'open', args: [] });
    expect(chooseOpener({ platform: 'win32', env: {} })).toEqual({ command: 'cmd', args: ['/c', 'start', '""'] });
  });

  it('opens nothing in CI, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(chooseOpener({ platform, env: { CI: 'true', DISPLAY: ':0' } })).toEqual({ reason: 'CI is set (no browser to open in CI)' });
    }
    expect(chooseOpener({ platform: 'darwin', env: { CI: 'false' } })).toEqual({ command: 'open', args: [] });
  });

  it('needs a display and xdg-open elsewhere', () => {
    expect(chooseOpener({ platform: 'linux', env: { PATH: '/usr/bin:/bin' } })).toEqual({ reason: 'no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' });
    expect(chooseOpener({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0', PATH: '' } })).toEqual({ reason: 'xdg-open is not on PATH (install xdg-utils)' });
  });
});

describe('openFile', () => {
  it('reports an opener that cannot be started instead of throwing', async () => {
    // `open` does not exist on this Linux machine: spawn fails with ENOENT, reported as the reason.
    const result = await openFile('/tmp/page.html', { platform: 'darwin', env: { PATH: '/nonexistent' } });
    expect(result).toEqual({ opened: false, reason: expect.stringContaining('open could not be started: spawn open ENOENT') });
  });
});
