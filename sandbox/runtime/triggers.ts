import type { JiraIssueEvent } from '../jira';
import type { AppHost } from './app-host';
import type { AppManifest } from './manifest';

export interface DispatchOptions {
  /** Whether the app's account may see the event's issue. */
  visibleToApp: boolean;
  /** Whether events the app may not see are withheld (README: events). */
  withholdInvisible: boolean;
}

/**
 * Delivers Jira's issue events to the app's trigger functions, as Forge does: asynchronously, as the app,
 * and, when a trigger asks for `ignoreSelf`, not for changes the app itself made. An event about an issue
 * the app's account cannot see is not delivered at all.
 */
export class TriggerDispatcher {
  readonly counters = { dispatched: 0, ignoredSelf: 0, notVisible: 0, failed: 0 };
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly manifest: AppManifest,
    private readonly host: AppHost,
    private readonly appAccountId: string,
  ) {}

  dispatch(
    event: JiraIssueEvent,
    options: DispatchOptions = { visibleToApp: true, withholdInvisible: false },
  ): void {
    if (options.withholdInvisible && !options.visibleToApp) {
      this.counters.notVisible++;
      return;
    }
    for (const trigger of this.manifest.triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      if (trigger.ignoreSelf && event.atlassianId === this.appAccountId) {
        this.counters.ignoredSelf++;
        continue;
      }
      this.counters.dispatched++;
      const run = this.host
        .invokeFunction(
          trigger.function,
          event,
          undefined,
          trigger.key,
          this.host.timeoutMs(trigger.function),
        )
        .catch((error: unknown) => {
          this.counters.failed++;
          console.error(
            `[sandbox] trigger ${trigger.key} failed on ${event.eventType} ${event.issue.key}`,
            error,
          );
        });
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
  }

  busy(): boolean {
    return this.running.size > 0;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
