/**
 * Tells a webhook that brings news from one that only echoes what both sides already agreed on — most often the
 * watcher's own write coming back. A delivery is news when its task is not mapped (a task a person created), when
 * a mapped task was deleted, or when any field sync compares (title, description, done, priority, due date,
 * labels) differs from the base copy the last sync kept. The bucket is not compared: a payload does not say which
 * Kanban bucket the task is in, so a bucket-only move reaches the bank through the poll.
 */
import { readSyncBase, readVikunjaValues } from '../core/sync-values.js';
import { isSameSyncValue, type SyncField } from '../core/three-way.js';
import type { MappingStore } from '../core/store.js';
import { convertTask } from '../vikunja/convert.js';
import { rawTaskSchema } from '../vikunja/schemas.js';

/** A verified webhook delivery, as the watcher keeps it until it is evaluated. */
export interface WebhookEvent {
  eventName: string;
  /** The payload's `data.task`, unparsed. */
  task: unknown;
}

const comparedFields: readonly SyncField[] = ['title', 'description', 'done', 'priority', 'due', 'labels'];

/** What a delivery means for the watcher. */
export type WebhookVerdict = { news: true; reason: string } | { news: false; reason: string };

/** The context a delivery is judged in. */
export interface JudgeContext {
  mappings: Pick<MappingStore, 'getByTaskId'>;
  scope: string;
  projectId: number | null;
  ignoredLabels: readonly string[];
}

/**
 * Judges a delivery, then — when its payload looks like news for a mapped task — judges the task as Vikunja holds
 * it now. A payload is the task as it was when that write committed: the create or update a round made before
 * attaching labels, or an older delivery arriving after a newer one, looks changed although the task now holds
 * exactly the agreed values. One read settles it; when the read fails, the delivery counts as news.
 */
export async function judgeWebhookEventNow(event: WebhookEvent, context: JudgeContext, readTask: (taskId: number) => Promise<unknown>): Promise<WebhookVerdict> {
  const first = judgeWebhookEvent(event, context);
  if (!first.news || event.eventName === 'task.deleted') return first;
  const parsed = rawTaskSchema.safeParse(event.task);
  if (!parsed.success || context.mappings.getByTaskId(context.scope, parsed.data.id) === undefined) return first;
  let current: unknown;
  try {
    current = await readTask(parsed.data.id);
  } catch (error) {
    return { news: true, reason: `${first.reason} (the task could not be read back: ${(error as Error).message})` };
  }
  if (current === null) return { news: true, reason: `task #${parsed.data.id} is gone from Vikunja` };
  const now = judgeWebhookEvent({ eventName: event.eventName, task: current }, context);
  return now.news ? now : { news: false, reason: `${now.reason} (the delivery was older than the task)` };
}

/**
 * Judges a delivery against the mappings of `scope` (`projectId`: the synced project; deliveries for tasks of
 * another project are not news). `ignoredLabels`: labels sync itself puts on tasks (`sync.removedLabel`).
 */
export function judgeWebhookEvent(event: WebhookEvent, context: JudgeContext): WebhookVerdict {
  if (!event.eventName.startsWith('task.')) return { news: false, reason: `event ${event.eventName} is not a task event` };
  const parsed = rawTaskSchema.safeParse(event.task);
  if (!parsed.success) return { news: true, reason: `${event.eventName} with a task membank cannot read: sync to find out` };
  const task = convertTask(parsed.data);
  if (context.projectId !== null && task.project_id !== context.projectId) {
    return { news: false, reason: `task #${task.id} is in project ${task.project_id}, not the synced project ${context.projectId}` };
  }
  const mapping = context.mappings.getByTaskId(context.scope, task.id);
  if (mapping === undefined) {
    return event.eventName === 'task.deleted'
      ? { news: false, reason: `task #${task.id} was deleted and no bank item maps to it` }
      : { news: true, reason: `task #${task.id} is not mapped to a bank item` };
  }
  if (event.eventName === 'task.deleted') return { news: true, reason: `task #${task.id} (${mapping.sourceKey}) was deleted in Vikunja` };
  const base = readSyncBase(mapping.baseRecord);
  if (base === null) return { news: true, reason: `task #${task.id} has no base copy yet` };
  const theirs = readVikunjaValues(task, base, context.ignoredLabels);
  const changed = comparedFields.filter((field) => base[field] === undefined || !isSameSyncValue(field, base[field], theirs[field]));
  return changed.length === 0
    ? { news: false, reason: `task #${task.id} holds the values the last sync agreed on` }
    : { news: true, reason: `task #${task.id} changed ${changed.join(', ')} in Vikunja` };
}
