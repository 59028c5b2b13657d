/**
 * report.html beside every run's report.json and report.md, `membank show --open`, and `sync --dry-run --html`:
 * through the in-process CLI against the sandbox, with real SQLite and real files.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openMigratedWorld } from '../sync/world.js';
import { setupSyncWorld, snapshotFiles } from '../sync/helpers.js';

const closers = closeAfterEach();

// The parser drops whole tags from a title (the unit test covers `<script>`); lone brackets and quotes stay.
const hostile = `Compare a < b && "c" > 'd' </td><td>`;

async function migratedHostileBank() {
  const world = await openMigratedWorld(closers, {
    version: '2.5.0',
    repoName: 'hostile-app',
    fill: (repo) => {
      mkdirSync(join(repo, 'memory-bank'), { recursive: true });
      writeFileSync(join(repo, 'memory-bank', 'tasks.md'), `# Tasks\n\n- [ ] ${hostile}\n- [x] Ship & celebrate\n`);
    },
  });
  const runs = JSON.parse((await world.cli(['runs', '--json'])).stdout) as { runs: Array<{ id: string; command: string }> } | Array<{ id: string; command: string }>;
  const list = Array.isArray(runs) ? runs : runs.runs;
  const run = list.find((item) => item.command === 'migrate');
  if (run === undefined) throw new Error(`no migrate run listed: ${JSON.stringify(runs)}`);
  const page = join(world.dir, 'reports', run.id, 'report.html');
  return { world, runId: run.id, page };
}

describe('report.html of a run', () => {
  it('is written beside report.json and report.md, lists the run\'s ops with their titles escaped, and says how to undo it', async () => {
    const { world, runId, page } = await migratedHostileBank();
    const report = JSON.parse(readFileSync(join(dirname(page), 'report.json'), 'utf8')) as { files: string[] };
    expect(report.files.map((file) => file.split('/').pop())).toEqual(['report.json', 'report.md', 'report.html']);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<td data-label="title" class="title">Compare a &lt; b &amp;&amp; &quot;c&quot; &gt; &#39;d&#39;</td>');
    expect(html).toContain('Ship &amp; celebrate');
    expect(html).toContain(`membank rollback ${runId}`);
    expect(html).toContain('<td data-label="source" class="where">memory-bank/tasks.md:3</td>');
    expect(html).not.toContain(world.sandbox.token);
    for (const url of html.match(/https?:\/\/[^\s"'<>)]*/gi) ?? []) expect(url.startsWith(world.sandbox.url), url).toBe(true);
  });
});

describe('membank show <run-id> --open', () => {
  it('in CI prints why it does not open the page, and where the page is', async () => {
    const { world, runId, page } = await migratedHostileBank();
    const { runCli } = await import('../../helpers/cli.js');
    const result = await runCli(['show', runId, '--open'], { env: { ...world.env, CI: 'true', DISPLAY: ':99' }, cwd: world.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(runId);
    expect(result.stderr).toContain(`membank: not opening the report page: CI is set (no browser to open in CI); it is at ${page}`);
  });

  it('opens report.html with xdg-open found on PATH, detached, and returns at once', async () => {
    const { world, runId, page } = await migratedHostileBank();
    const bin = join(world.dir, 'bin');
    mkdirSync(bin);
    const opened = join(world.dir, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > "${opened}.tmp" && mv "${opened}.tmp" "${opened}"\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const env = { ...world.env, PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ':99' };
    const { runCli } = await import('../../helpers/cli.js');
    const result = await runCli(['show', runId, '--open'], { env, cwd: world.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`membank: opened ${page} with ${join(bin, 'xdg-open')}`);
    await expect.poll(() => existsSync(opened), { timeout: 20_000 }).toBe(true);
    expect(readFileSync(opened, 'utf8')).toBe(page);
  });

  it('without a display, or without xdg-open, says so and prints the path', async () => {
    const { world, runId, page } = await migratedHostileBank();
    const { runCli } = await import('../../helpers/cli.js');
    const noDisplay = await runCli(['show', runId, '--open'], { env: { ...world.env, PATH: '/usr/bin:/bin' }, cwd: world.dir });
    expect(noDisplay.code).toBe(0);
    expect(noDisplay.stderr).toContain(`not opening the report page: no graphical display (DISPLAY and WAYLAND_DISPLAY are unset); it is at ${page}`);
    const noOpener = await runCli(['show', runId, '--open'], { env: { ...world.env, PATH: join(world.dir, 'empty-bin'), DISPLAY: ':99' }, cwd: world.dir });
    expect(noOpener.code).toBe(0);
    expect(noOpener.stderr).toContain(`not opening the report page: xdg-open is not on PATH (install xdg-utils); it is at ${page}`);
  });

  it('fails (exit 1) naming the missing page for a run saved without one', async () => {
    const { world, runId, page } = await migratedHostileBank();
    rmSync(page);
    const result = await world.cli(['show', runId, '--open']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`membank: run ${runId} has no report page at ${page}`);
  });
});

describe('membank sync --dry-run --html', () => {
  it('writes both directions and the conflict (base / memory bank / Vikunja) to the page, and nothing anywhere else', async () => {
    const world = await setupSyncWorld(closers, { version: '2.5.0' });
    world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Medium |');
    await world.editTask('Export to Markdown', { priority: 5 });
    await world.editTask('Import browser exports', { due_date: '2027-02-01T12:00:00Z' });
    const files = ['sprint.md', 'tasks/TASK001-import-exports.md'];
    const before = snapshotFiles(world, files);
    world.takeWrites();
    const result = await world.cli(['sync', world.repo, '--dry-run', '--html', 'sync.html']);
    expect(result.code, result.stderr).toBe(0);
    expect(world.takeWrites()).toEqual([]);
    expect(snapshotFiles(world, files)).toEqual(before);
    const html = readFileSync(join(world.dir, 'sync.html'), 'utf8');
    expect(html).toContain('<title>membank sync plan — reader-app</title>');
    expect(html).toContain(
      '<div class="conflict"><div><b>base</b><span>3</span></div><div><b>memory bank</b><span>2</span></div><div><b>Vikunja</b><span>5</span></div></div>',
    );
    expect(html).toMatch(/<tr data-kind="file-edit" data-file="memory-bank\/tasks\/TASK001-import-exports\.md" data-side="memory-bank"/);
    expect(html).toContain('<dt>← memory bank</dt><dd>1</dd>');
    expect(html).not.toContain(world.sandbox.token);

    // The real run's report.html shows the same rows: the pull it wrote and the conflict it left.
    const { result: run } = await world.sync();
    const runId = (run as unknown as { runId: string }).runId;
    const page = readFileSync(join(world.dir, 'reports', runId, 'report.html'), 'utf8');
    expect(page).toContain('<title>membank sync — reader-app</title>');
    expect(page).toContain('<div><b>memory bank</b><span>2</span></div><div><b>Vikunja</b><span>5</span></div>');
    expect(page).toMatch(/<tr data-kind="file-edit" data-file="memory-bank\/tasks\/TASK001-import-exports\.md" data-side="memory-bank"/);
    expect(page).toContain(`Undo this run: <code>membank rollback ${runId}</code>`);
  });
});
