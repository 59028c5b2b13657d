import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeReportWriter } from '../../../src/cli/report-writer.js';
import { createRunPage, renderHtml, renderJson, renderMarkdown, writeReportFiles } from '../../../src/report/index.js';
import type { ReportWriter } from '../../../src/report/index.js';
import { createSampleReport } from './sample-report.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeReportFiles', () => {
  it('creates the directory, then writes report.json, report.md and report.html, and returns their paths', async () => {
    const calls: string[] = [];
    const files = new Map<string, string>();
    const writer: ReportWriter = {
      async mkdir(path) {
        calls.push(`mkdir ${path}`);
      },
      async writeFile(path, text) {
        calls.push(`write ${path}`);
        files.set(path, text);
      },
    };
    const report = createSampleReport();
    const paths = await writeReportFiles(report, 'snapshots/reports/run-1', writer);
    expect(paths).toEqual(['snapshots/reports/run-1/report.json', 'snapshots/reports/run-1/report.md', 'snapshots/reports/run-1/report.html']);
    expect(calls).toEqual([
      'mkdir snapshots/reports/run-1',
      'write snapshots/reports/run-1/report.json',
      'write snapshots/reports/run-1/report.md',
      'write snapshots/reports/run-1/report.html',
    ]);
    expect(files.get('snapshots/reports/run-1/report.json')).toBe(renderJson(report));
    expect(files.get('snapshots/reports/run-1/report.md')).toBe(renderMarkdown(report));
    expect(files.get('snapshots/reports/run-1/report.html')).toBe(renderHtml(createRunPage(report)));
  });

  it('keeps a trailing separator of the directory', async () => {
    const written: string[] = [];
    const writer: ReportWriter = { mkdir: async () => {}, writeFile: async (path) => void written.push(path) };
    expect(await writeReportFiles(createSampleReport(), 'out/', writer)).toEqual(['out/report.json', 'out/report.md', 'out/report.html']);
    expect(written).toEqual(['out/report.json', 'out/report.md', 'out/report.html']);
  });

  it('stops at the first failing write and passes the error on', async () => {
    const writer: ReportWriter = {
      mkdir: async () => {},
      writeFile: async () => {
        throw new Error('EACCES: permission denied');
      },
    };
    await expect(writeReportFiles(createSampleReport(), 'out', writer)).rejects.toThrow('EACCES');
  });

  it('writes real files with the node writer, leaving no temporary files behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'membank-report-'));
    dirs.push(root);
    const dir = join(root, 'snapshots', 'reports', 'run-1');
    const report = createSampleReport();
    const paths = await writeReportFiles(report, dir, createNodeReportWriter());
    expect(paths).toEqual([join(dir, 'report.json'), join(dir, 'report.md'), join(dir, 'report.html')]);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(report);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('## membank migrate');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`membank rollback ${report.runId}`);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    // A second write replaces the files in place.
    await writeReportFiles(createSampleReport({ status: 'rolled_back' }), dir, createNodeReportWriter());
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('↩️ rolled_back');
    expect(existsSync(`${join(dir, 'report.json')}.${process.pid}.tmp`)).toBe(false);
  });
});
