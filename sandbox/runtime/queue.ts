import { randomUUID } from 'node:crypto';
import type { AppManifest } from './manifest';

export interface DeliveredEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  retryContext?: { retryCount: number; retryReason: string; retryData: unknown };
}

export interface QueueCounters {
  pushed: number;
  delivered: number;
  retried: number;
  failed: number;
}

type Deliver = (functionKey: string, consumerKey: string, event: DeliveredEvent) => Promise<unknown>;

/** Forge's limits for one push (DESIGN.md): 50 events, 200 KB. */
const MAX_EVENTS = 50;
const MAX_PUSH_BYTES = 200 * 1024;
/** How often a throwing consumer's event is delivered again before it counts as failed. */
const MAX_ATTEMPTS = 4;
/** The least a delayed event waits, whatever the scale (see QueueEmulator). */
const MIN_DELAYED_MS = 50;

/**
 * Forge's async events queue: `@forge/events` pushes through `__forge_fetch__`, and each event is
 * delivered to the consumer function named in manifest.yml, after its `delayInSeconds`. A consumer that
 * throws or returns an InvocationError gets the event again with a retry context.
 * `delayScale` shrinks delays in tests (0 = deliver as soon as possible). A delayed event still waits
 * MIN_DELAYED_MS at any scale: a consumer that re-queues itself to wait for something that takes real time
 * (Jira's search catching up with writes) then polls, instead of spinning and spending Jira's rate limits.
 */
export class QueueEmulator {
  readonly counters: QueueCounters = { pushed: 0, delivered: 0, retried: 0, failed: 0 };
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly jobs = new Map<string, { success: number; inProgress: number; failed: number }>();

  constructor(
    private readonly manifest: AppManifest,
    private readonly deliver: Deliver,
    private readonly options: { delayScale: number } = { delayScale: 1 },
  ) {}

  async handle(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const request = (body ?? {}) as { queueName?: string; jobId?: string; payload?: unknown[] };
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(request);
    if (path.startsWith('/webhook/queue/stats/')) {
      const stats = this.jobs.get(String(request.jobId));
      return stats ? { status: 200, body: stats } : { status: 404, body: { message: 'Job not found' } };
    }
    if (path.startsWith('/webhook/queue/cancel/')) return { status: 204, body: undefined };
    return { status: 404, body: { message: `Unknown queue path ${path}` } };
  }

  private publish(request: { queueName?: string; jobId?: string; payload?: unknown[] }) {
    const events = Array.isArray(request.payload) ? request.payload : [];
    if (events.length === 0 || events.length > MAX_EVENTS) {
      return { status: 400, body: { message: `Push between 1 and ${MAX_EVENTS} events.` } };
    }
    if (Buffer.byteLength(JSON.stringify(events)) > MAX_PUSH_BYTES) {
      return { status: 413, body: { errorMessage: 'The events are larger than 200 KB.' } };
    }
    const consumer = this.manifest.consumers.find((c) => c.queue === request.queueName);
    if (!consumer) return { status: 400, body: { message: `No consumer for queue ${request.queueName}` } };
    const jobId = request.jobId ?? randomUUID();
    this.jobs.set(jobId, { success: 0, inProgress: events.length, failed: 0 });
    for (const raw of events) {
      const event = raw as { body: Record<string, unknown>; delayInSeconds?: number };
      this.counters.pushed++;
      this.schedule(
        consumer,
        { queueName: consumer.queue, jobId, eventId: randomUUID(), body: event.body },
        event.delayInSeconds ?? 0,
        1,
      );
    }
    return { status: 201, body: {} };
  }

  private schedule(
    consumer: { key: string; function: string },
    event: DeliveredEvent,
    delaySeconds: number,
    attempt: number,
  ) {
    this.pending++;
    setTimeout(
      () => {
        void this.run(consumer, event, attempt).finally(() => {
          this.pending--;
          if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
      },
      delaySeconds > 0 ? Math.max(MIN_DELAYED_MS, delaySeconds * 1000 * this.options.delayScale) : 0,
    );
  }

  private async run(consumer: { key: string; function: string }, event: DeliveredEvent, attempt: number) {
    const stats = this.jobs.get(event.jobId);
    this.counters.delivered++;
    let retry: { reason: string; delay: number } | null = null;
    try {
      const result = (await this.deliver(consumer.function, consumer.key, event)) as
        | { _retry?: boolean; retryOptions?: { retryAfter?: number; retryReason?: string } }
        | undefined;
      if (result?._retry) {
        retry = {
          reason: result.retryOptions?.retryReason ?? 'INVOCATION_ERROR',
          delay: result.retryOptions?.retryAfter ?? 1,
        };
      }
    } catch (error) {
      console.error(`[sandbox] consumer ${consumer.key} failed`, error);
      retry = { reason: 'FUNCTION_ERROR', delay: 2 ** attempt };
    }
    if (retry && attempt < MAX_ATTEMPTS) {
      this.counters.retried++;
      this.schedule(
        consumer,
        { ...event, retryContext: { retryCount: attempt, retryReason: retry.reason, retryData: null } },
        retry.delay,
        attempt + 1,
      );
      return;
    }
    if (stats) {
      stats.inProgress--;
      if (retry) stats.failed++;
      else stats.success++;
    }
    if (retry) this.counters.failed++;
  }

  busy(): boolean {
    return this.pending > 0;
  }

  /** Resolves once no event is waiting or running (including events pushed meanwhile). */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
