import { z } from 'zod';
import type { RiceInputs } from './rice';

/** The issue entity property that carries a ticket's links. Indexed by the manifest's jira:entityProperty. */
export const LINKS_PROPERTY_KEY = 'outcome-bridge-links';

/** RICE inputs: reach (people a period), impact (0.25 to 3), confidence (%), effort (person-months). */
export const RiceSchema = z.object({
  reach: z.number().min(0),
  impact: z.number().min(0),
  confidence: z.number().min(0).max(100),
  effort: z.number().positive(),
}) satisfies z.ZodType<RiceInputs>;

const OwnLinkSchema = z.object({
  outcomeId: z.string(),
  kpiIds: z.array(z.string()).default([]),
  note: z.string().default(''),
  rice: RiceSchema.nullable().default(null),
  linkedBy: z.string(),
  linkedAt: z.string(),
});
export type OwnLink = z.infer<typeof OwnLinkSchema>;

const MappedLinkSchema = z.object({
  outcomeId: z.string(),
  kpiIds: z.array(z.string()).default([]),
  ruleId: z.string(),
});
export type MappedLink = z.infer<typeof MappedLinkSchema>;

/** `kpiIds`: the KPIs the parent's link names, so a story under an epic knows what it should move too. */
const InheritedLinkSchema = z.object({
  outcomeId: z.string(),
  fromIssueKey: z.string(),
  kpiIds: z.array(z.string()).default([]),
});
export type InheritedLink = z.infer<typeof InheritedLinkSchema>;

/**
 * The stored property. The facts: links people made (`own`), links admins' mapping rules made
 * (`mapped`), links inherited from the parent chain (`inherited`, materialised by the app), outcomes
 * people removed from this ticket (`excluded`, so a rule or parent never brings them back), and an
 * opt-out of inheritance. The indexed fields after them are derived on every write (see `withIndex`).
 */
export const LinksPropertySchema = z.object({
  schemaVersion: z.literal(1),
  own: z.array(OwnLinkSchema),
  mapped: z.array(MappedLinkSchema).default([]),
  inherited: z.array(InheritedLinkSchema).default([]),
  excluded: z.array(z.string()).default([]),
  optOutOfInheritance: z.boolean().default(false),
  effectiveOutcomeIds: z.array(z.string()).default([]),
  ownOutcomeIds: z.array(z.string()).default([]),
  kpiIds: z.array(z.string()).default([]),
  mappedRuleIds: z.array(z.string()).default([]),
  /** What the parent serves (kept where an own link or a rule comes first): a subtask counts through it. */
  inheritedOutcomeIds: z.array(z.string()).default([]),
  /**
   * The issues the inherited links come from (`fromIssueKey`, the top of each chain): how the app finds the
   * tickets a deleted issue leaves holding its outcomes, for which Jira sends no event.
   */
  inheritedFromKeys: z.array(z.string()).default([]),
  linkCount: z.number().default(0),
});
export type LinksProperty = z.infer<typeof LinksPropertySchema>;
type LinkFacts = Pick<
  LinksProperty,
  'schemaVersion' | 'own' | 'mapped' | 'inherited' | 'excluded' | 'optOutOfInheritance'
>;

export const emptyLinks = (): LinksProperty =>
  withIndex({
    schemaVersion: 1,
    own: [],
    mapped: [],
    inherited: [],
    excluded: [],
    optOutOfInheritance: false,
  });

export type LinkSource = 'own' | 'mapped' | 'inherited';

export interface EffectiveLink {
  outcomeId: string;
  source: LinkSource;
  /** The issue the outcome comes from, for inherited links. */
  inheritedFrom: string | null;
  ruleId: string | null;
  kpiIds: string[];
}

/** What the ticket serves, nearest first: own links, then rules', then inherited; each outcome once. */
export function effectiveLinks(facts: LinkFacts): EffectiveLink[] {
  const excluded = new Set(facts.excluded);
  const seen = new Set<string>();
  const out: EffectiveLink[] = [];
  const add = (link: EffectiveLink) => {
    if (seen.has(link.outcomeId)) return;
    seen.add(link.outcomeId);
    out.push(link);
  };
  for (const l of facts.own)
    add({ outcomeId: l.outcomeId, source: 'own', inheritedFrom: null, ruleId: null, kpiIds: l.kpiIds });
  for (const l of facts.mapped) {
    if (!excluded.has(l.outcomeId))
      add({
        outcomeId: l.outcomeId,
        source: 'mapped',
        inheritedFrom: null,
        ruleId: l.ruleId,
        kpiIds: l.kpiIds,
      });
  }
  if (!facts.optOutOfInheritance) {
    for (const l of facts.inherited) {
      if (!excluded.has(l.outcomeId)) {
        add({
          outcomeId: l.outcomeId,
          source: 'inherited',
          inheritedFrom: l.fromIssueKey,
          ruleId: null,
          kpiIds: l.kpiIds,
        });
      }
    }
  }
  return out;
}

/** Recomputes the indexed fields from the facts. */
export function withIndex(facts: LinkFacts): LinksProperty {
  const effective = effectiveLinks(facts);
  return {
    schemaVersion: 1,
    own: facts.own,
    mapped: facts.mapped,
    inherited: facts.inherited,
    excluded: unique(facts.excluded),
    optOutOfInheritance: facts.optOutOfInheritance,
    effectiveOutcomeIds: effective.map((l) => l.outcomeId),
    ownOutcomeIds: unique(facts.own.map((l) => l.outcomeId)),
    kpiIds: unique(effective.flatMap((l) => l.kpiIds)),
    mappedRuleIds: unique(facts.mapped.map((l) => l.ruleId)),
    inheritedOutcomeIds: unique(facts.inherited.map((l) => l.outcomeId)),
    inheritedFromKeys: unique(facts.inherited.map((l) => l.fromIssueKey)),
    linkCount: effective.length,
  };
}

/**
 * Reads a stored property leniently: a missing or unreadable value is treated as "no links",
 * because a ticket must never break the panel; the next write repairs it.
 */
export function readLinks(value: unknown): LinksProperty {
  const parsed = LinksPropertySchema.safeParse(value);
  return parsed.success ? withIndex(parsed.data) : emptyLinks();
}

/** What the app knows of an outcome when it checks a link read from a ticket. */
export interface LinkScope {
  projectKeys: readonly string[];
  /** The outcome's KPIs; null when not looked up (the caller needs only the outcomes served). */
  kpiIds: ReadonlySet<string> | null;
}

/**
 * The links of a ticket the app trusts, read from its property: each checked by the rules a link made
 * through the app must meet. Its outcome exists and covers the ticket's project, and its KPIs are that
 * outcome's (others are dropped from the link).
 *
 * Why check what is read, rather than keep the truth in the app's storage with the property as its
 * mirror: anyone who may edit a ticket can write the property through Jira's REST API, and Atlassian's
 * docs tell apps to handle that. A mirror would not remove the need: every JQL search over the links
 * (the README's aliases, the project page's lists, the nightly recount) reads the property, so each hit
 * would still have to be checked against storage. It would also double every link write, put a record
 * per linked ticket in billed Forge storage (O(issues), against O(outcomes)) and need two stores kept in
 * step without a transaction spanning them. Checking costs the outcomes' records, which every reader
 * loads already, and the ticket's project, which it reads with the ticket.
 *
 * What fails is ignored for figures, shown to editors as "not valid here" (to clear it), and repaired
 * by the nightly reconciliation (`keepMissing`: links to outcomes that no longer exist are left for
 * people to clear, as after a deletion; an id that never existed looks the same, and says nothing).
 * Returns the trusted links and the outcomes whose links were left out.
 */
export function trustedLinks(
  links: LinksProperty,
  projectKey: string,
  scopeOf: (outcomeId: string) => LinkScope | undefined,
  { keepMissing = false } = {},
): { links: LinksProperty; untrusted: string[] } {
  const untrusted = new Set<string>();
  let changed = false;
  const keep = <L extends { outcomeId: string; kpiIds: string[] }>(list: readonly L[]): L[] =>
    list.flatMap((link) => {
      const scope = scopeOf(link.outcomeId);
      if (!scope && keepMissing) return [link];
      if (!scope?.projectKeys.includes(projectKey)) {
        untrusted.add(link.outcomeId);
        changed = true;
        return [];
      }
      const kpis = scope.kpiIds;
      if (!kpis || link.kpiIds.every((id) => kpis.has(id))) return [link];
      changed = true;
      return [{ ...link, kpiIds: link.kpiIds.filter((id) => kpis.has(id)) }];
    });
  const facts = {
    ...links,
    own: keep(links.own),
    mapped: keep(links.mapped),
    inherited: keep(links.inherited),
  };
  return { links: changed ? withIndex(facts) : links, untrusted: [...untrusted] };
}

/** Links a ticket to an outcome (or updates its KPIs, note and RICE); undoes an earlier removal. */
export function putOwnLink(links: LinksProperty, link: OwnLink): LinksProperty {
  const existing = links.own.find((l) => l.outcomeId === link.outcomeId);
  if (existing && sameJson(existing, { ...link, linkedBy: existing.linkedBy, linkedAt: existing.linkedAt }))
    return links;
  const own = existing
    ? links.own.map((l) =>
        l.outcomeId === link.outcomeId ? { ...link, linkedBy: l.linkedBy, linkedAt: l.linkedAt } : l,
      )
    : [...links.own, link];
  return withIndex({ ...links, own, excluded: links.excluded.filter((id) => id !== link.outcomeId) });
}

/**
 * Takes an outcome off a ticket: the own link goes, and the outcome is remembered as excluded, so
 * neither a mapping rule nor the parent brings it back. That is the person's explicit choice; only
 * linking it again by hand, or restoring it, undoes it.
 */
export function removeLink(links: LinksProperty, outcomeId: string): LinksProperty {
  const served = effectiveLinks(links).some((l) => l.outcomeId === outcomeId);
  if (!served && !links.own.some((l) => l.outcomeId === outcomeId)) return links;
  return withIndex({
    ...links,
    own: links.own.filter((l) => l.outcomeId !== outcomeId),
    excluded: [...links.excluded, outcomeId],
  });
}

/** Excluded outcomes that a rule or the parent would bring back if restored: the ones worth offering. */
export function restorable(links: LinksProperty): string[] {
  const wouldCome = new Set(effectiveLinks({ ...links, excluded: [] }).map((l) => l.outcomeId));
  return links.excluded.filter((id) => wouldCome.has(id));
}

/** Replaces what one mapping rule contributes (nothing, when the ticket no longer matches it). */
export function withRuleLink(
  links: LinksProperty,
  ruleId: string,
  link: Omit<MappedLink, 'ruleId'> | null,
): LinksProperty {
  const others = links.mapped.filter((l) => l.ruleId !== ruleId);
  return withRuleLinks(links, link ? [...others, { ...link, ruleId }] : others);
}

/**
 * Replaces everything mapping rules contribute with a fresh evaluation. Kept in rule id order, whoever
 * writes them (a backfill or a ticket's trigger), so the same links never look like a change.
 */
export function withRuleLinks(links: LinksProperty, mapped: MappedLink[]): LinksProperty {
  const sorted = [...mapped].sort(byRuleId);
  if (sameJson(sorted, links.mapped)) return links;
  return withIndex({ ...links, mapped: sorted });
}

const byRuleId = (a: MappedLink, b: MappedLink) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * What a child inherits from its parent: the outcomes the parent serves itself (own and rule links,
 * "from" the parent) and what the parent inherits in turn (keeping the issue it came from).
 */
export function inheritanceFrom(parentKey: string, parent: LinksProperty): InheritedLink[] {
  return effectiveLinks(parent).map((l) => ({
    outcomeId: l.outcomeId,
    fromIssueKey: l.source === 'inherited' && l.inheritedFrom ? l.inheritedFrom : parentKey,
    kpiIds: l.kpiIds,
  }));
}

export function withInherited(links: LinksProperty, inherited: InheritedLink[]): LinksProperty {
  if (sameJson(inherited, links.inherited)) return links;
  return withIndex({ ...links, inherited });
}

export function withOptOut(links: LinksProperty, optOut: boolean): LinksProperty {
  if (links.optOutOfInheritance === optOut) return links;
  return withIndex({ ...links, optOutOfInheritance: optOut });
}

const unique = (values: string[]) => [...new Set(values)];
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Undoes a person's removal: the rule or parent may bring the outcome again. */
export function restoreLink(links: LinksProperty, outcomeId: string): LinksProperty {
  if (!links.excluded.includes(outcomeId)) return links;
  return withIndex({ ...links, excluded: links.excluded.filter((id) => id !== outcomeId) });
}

/** Every outcome a ticket's links name, in any role (own, by rule, inherited), once. */
export const outcomesNamedBy = (links: LinksProperty): string[] => [
  ...new Set([
    ...links.own.map((l) => l.outcomeId),
    ...links.mapped.map((l) => l.outcomeId),
    ...links.inherited.map((l) => l.outcomeId),
    ...effectiveLinks(links).map((l) => l.outcomeId),
  ]),
];
