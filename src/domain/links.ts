import { z } from 'zod';

/** The issue entity property that carries a ticket's links. Indexed by the manifest's jira:entityProperty. */
export const LINKS_PROPERTY_KEY = 'outcome-bridge-links';

const OwnLinkSchema = z.object({
  outcomeId: z.string(),
  kpiIds: z.array(z.string()).default([]),
  note: z.string().default(''),
  linkedBy: z.string(),
  linkedAt: z.string(),
});
export type OwnLink = z.infer<typeof OwnLinkSchema>;

const InheritedLinkSchema = z.object({ outcomeId: z.string(), fromIssueKey: z.string() });
export type InheritedLink = z.infer<typeof InheritedLinkSchema>;

/**
 * The stored property. `own` and `inherited` are the facts; the indexed fields after them are derived
 * from the facts on every write (see `withIndex`) so JQL always agrees with what the panel shows.
 */
export const LinksPropertySchema = z.object({
  schemaVersion: z.literal(1),
  own: z.array(OwnLinkSchema),
  inherited: z.array(InheritedLinkSchema).default([]),
  optOutOfInheritance: z.boolean().default(false),
  effectiveOutcomeIds: z.array(z.string()).default([]),
  ownOutcomeIds: z.array(z.string()).default([]),
  kpiIds: z.array(z.string()).default([]),
  linkCount: z.number().default(0),
});
export type LinksProperty = z.infer<typeof LinksPropertySchema>;

export const emptyLinks = (): LinksProperty =>
  withIndex({ schemaVersion: 1, own: [], inherited: [], optOutOfInheritance: false });

type LinkFacts = Pick<LinksProperty, 'schemaVersion' | 'own' | 'inherited' | 'optOutOfInheritance'>;

/** Recomputes the indexed fields from the facts. */
export function withIndex(facts: LinkFacts): LinksProperty {
  const ownIds = unique(facts.own.map((l) => l.outcomeId));
  const inheritedIds = facts.optOutOfInheritance ? [] : facts.inherited.map((l) => l.outcomeId);
  const effective = unique([...ownIds, ...inheritedIds]);
  return {
    schemaVersion: 1,
    own: facts.own,
    inherited: facts.inherited,
    optOutOfInheritance: facts.optOutOfInheritance,
    effectiveOutcomeIds: effective,
    ownOutcomeIds: ownIds,
    kpiIds: unique(facts.own.flatMap((l) => l.kpiIds)),
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

export function addOwnLink(links: LinksProperty, link: OwnLink): LinksProperty {
  if (links.own.some((l) => l.outcomeId === link.outcomeId)) return links;
  return withIndex({ ...links, own: [...links.own, link] });
}

export function removeOwnLink(links: LinksProperty, outcomeId: string): LinksProperty {
  if (!links.own.some((l) => l.outcomeId === outcomeId)) return links;
  return withIndex({ ...links, own: links.own.filter((l) => l.outcomeId !== outcomeId) });
}

export interface EffectiveLink {
  outcomeId: string;
  source: 'own' | 'inherited';
  inheritedFrom: string | null;
}

/** What the ticket serves, own links first; an outcome both linked and inherited counts as own. */
export function effectiveLinks(links: LinksProperty): EffectiveLink[] {
  const own = links.own.map((l) => ({ outcomeId: l.outcomeId, source: 'own' as const, inheritedFrom: null }));
  const ownIds = new Set(own.map((l) => l.outcomeId));
  const inherited = links.optOutOfInheritance
    ? []
    : links.inherited
        .filter((l) => !ownIds.has(l.outcomeId))
        .map((l) => ({
          outcomeId: l.outcomeId,
          source: 'inherited' as const,
          inheritedFrom: l.fromIssueKey,
        }));
  return [...own, ...inherited];
}

const unique = (values: string[]) => [...new Set(values)];
