/**
 * Run-report renderers: terminal summary, JSON, Markdown and the HTML review page, and writing the report files. Pure functions over
 * `RunReport` (`src/core/report.ts`); file access comes in through a `ReportWriter`.
 */
export { renderTerminalSummary } from './terminal.js';
export type { TerminalSummaryOptions } from './terminal.js';
export { orderReportKeys, renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';
export type { MarkdownReportOptions } from './markdown.js';
export { reportFileNames, writeReportFiles } from './write.js';
export { createOpRow, createPlanPage, createPlanRows, createRunPage, escapeHtml, renderHtml } from './html.js';
export type { HtmlChange, HtmlConflict, HtmlPage, HtmlRow, HtmlSide, PlanPageOptions, RunPageOptions } from './html.js';
export type { ReportWriter } from './write.js';
export { describeValue, fitToWidth, measureWidth, formatDuration, formatTimestamp, measureDurationMs, pluralise, sanitiseUrl, truncateText } from './format.js';
export { createTextStyle, stripAnsi, styleStatus } from './style.js';
export type { TextStyle } from './style.js';
export { renderTextTable } from './table.js';
export type { ColumnAlign, TextTableOptions } from './table.js';
