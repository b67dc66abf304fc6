import type { UsageView } from '../contract/settings';
import { deferral } from '../domain/backoff';
import {
  allowanceOf,
  type BudgetDecision,
  budgetDecision,
  DEFAULT_HOURLY_QUOTA,
  hourOf,
  summariseUsage,
} from '../domain/points-budget';
import { backgroundShareOf, hourlyQuotaOf } from '../domain/settings';
import { pointsSpentSoFar } from '../platform/jira/points-meter';
import { enqueue, type LinksJob } from '../platform/queue';
import { getSettings } from '../platform/storage/settings-repository';
import { recentUsage, usageOfHour } from '../platform/storage/usage-ledger';

/** The budget decision for background work now, from the ledger's hour, Jira's last word and the settings. */
export async function backgroundBudget(now: Date): Promise<BudgetDecision & { usedThisHour: number }> {
  const [{ settings }, entries] = await Promise.all([getSettings(), usageOfHour(hourOf(now))]);
  const usage = summariseUsage(entries, now);
  const decision = budgetDecision({
    usedThisHour: usage.thisHour,
    quota: usage.announcedQuota ?? hourlyQuotaOf(settings),
    sharePercent: backgroundShareOf(settings),
    jiraRemaining: usage.remainingThisHour,
    now,
  });
  return { ...decision, usedThisHour: usage.thisHour };
}

/**
 * A deadline for background work that also falls once it has spent what is left of the hour's share, so
 * work that loops while time is left (the nightly check, KPI refresh) stops there and saves where it was;
 * or the decision to wait, when nothing is left.
 */
export async function budgetedDeadline(
  now: Date,
  remainingMs: () => number,
): Promise<{ go: true; remainingMs: () => number } | (BudgetDecision & { go: false; usedThisHour: number })> {
  const budget = await backgroundBudget(now);
  if (!budget.go) return budget;
  const left = budget.allowance - budget.usedThisHour;
  return { go: true, remainingMs: () => (pointsSpentSoFar() >= left ? 0 : remainingMs()) };
}

/**
 * Runs one step of background work if the hour's share has room (see `budgetedDeadline`), else sends the
 * job back to the queue for the next hour, through the same `notBefore` a 429 sets.
 */
export async function withinBudget(
  job: LinksJob,
  now: Date,
  remainingMs: () => number,
  work: (remainingMs: () => number) => Promise<void>,
): Promise<void> {
  const budget = await budgetedDeadline(now, remainingMs);
  if (budget.go) return work(budget.remainingMs);
  const { notBefore, delaySeconds } = deferral(now, budget.waitSeconds);
  console.log(
    `[outcome-bridge] ${job.type} waits for the next hour (${budget.reason}: ${budget.usedThisHour} of ${budget.allowance} points); resumes after ${notBefore}`,
  );
  await enqueue([{ ...job, notBefore }], delaySeconds);
}

/** The admin page's figures: the ledger's hour and day, the quota in force and where it comes from. */
export async function usageView(now: Date): Promise<UsageView> {
  const [{ settings }, entries] = await Promise.all([getSettings(), recentUsage()]);
  const usage = summariseUsage(entries, now);
  const quota = usage.announcedQuota ?? hourlyQuotaOf(settings);
  const sharePercent = backgroundShareOf(settings);
  return {
    thisHour: usage.thisHour,
    lastDay: usage.lastDay,
    hourStart: `${hourOf(now)}:00:00.000Z`,
    quota,
    quotaSource:
      usage.announcedQuota !== null
        ? 'jira'
        : settings.hourlyQuotaPoints !== undefined && settings.hourlyQuotaPoints !== DEFAULT_HOURLY_QUOTA
          ? 'setting'
          : 'default',
    sharePercent,
    allowance: allowanceOf(quota, sharePercent),
    recorded: entries.length > 0,
  };
}
