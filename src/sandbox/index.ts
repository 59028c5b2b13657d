/**
 * The Vikunja sandbox: a Vikunja-compatible HTTP server with in-memory state, used by the demo,
 * integration tests and benchmarks. Start it with `startSandbox()`; see docs/sandbox.md.
 */
export { startSandbox } from './server.js';
export type {
  FaultOptions,
  RequestLogEntry,
  SandboxBucket,
  SandboxComment,
  SandboxHandle,
  SandboxLabel,
  SandboxLabelTask,
  SandboxOptions,
  SandboxProject,
  SandboxProjectRow,
  SandboxRelation,
  SandboxReminder,
  SandboxSavedFilter,
  SandboxState,
  SandboxTask,
  SandboxTaskBucket,
  SandboxTaskPosition,
  SandboxUser,
  SandboxView,
  SandboxViewKind,
  SandboxViewRow,
  SandboxWebhook,
  WebhookDelivery,
} from './types.js';
