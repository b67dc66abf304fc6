import { jsonResponse } from './errors';
import type { EmulatorResponse } from './model';

export interface FaultRule {
  match: { method?: string; pathPrefix?: string };
  status: 429 | 500 | 503;
  /** How many matching calls fail before the rule is used up. */
  times: number;
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
}

const BODIES: Record<FaultRule['status'], string> = {
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  503: 'Service unavailable. Please try again later.',
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** X-RateLimit-Reset is an ISO 8601 timestamp to the minute: yyyy-MM-ddTHH:mmZ. */
function resetStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
}

/** Makes the next matching calls fail, so clients' retry and back-off paths can be exercised. */
export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    if (!Number.isInteger(rule.times) || rule.times < 1) throw new Error('A fault needs times >= 1');
    this.rules.push({ rule: { ...rule, match: { ...rule.match } }, remaining: rule.times });
  }

  clear(): void {
    this.rules = [];
  }

  /** Failures still to be served. */
  pending(): number {
    return this.rules.reduce((sum, r) => sum + r.remaining, 0);
  }

  /** Consumes one failure of the first rule matching the call, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const entry = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (!r.rule.match.method || r.rule.match.method.toUpperCase() === method.toUpperCase()) &&
        (!r.rule.match.pathPrefix || path.startsWith(r.rule.match.pathPrefix)),
    );
    if (!entry) return undefined;
    entry.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return entry.rule;
  }
}

export function faultResponse(rule: FaultRule, now: Date): EmulatorResponse {
  const headers: Record<string, string> = {};
  if (rule.status === 429) {
    const seconds = rule.retryAfterSeconds ?? 1;
    headers['retry-after'] = String(seconds);
    headers['x-ratelimit-reset'] = resetStamp(now.getTime() + seconds * 1000);
    headers['ratelimit-reason'] = 'jira-quota-based';
  } else if (rule.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(rule.retryAfterSeconds);
  }
  for (const [name, value] of Object.entries(rule.headers ?? {})) headers[name.toLowerCase()] = value;
  return jsonResponse(rule.status, { errorMessages: [BODIES[rule.status]], errors: {} }, headers);
}
