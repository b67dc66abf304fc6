import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { JSON_HEADERS, jira, readJson, withRetry } from './client';

const FieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  schema: z.object({ custom: z.string().optional(), type: z.string().optional() }).optional(),
});

const STORY_POINTS_TYPES = new Set([
  'com.pyxis.greenhopper.jira:jsw-story-points',
  'com.atlassian.jira.plugin.system.customfieldtypes:float',
]);
const STORY_POINTS_NAMES = ['Story point estimate', 'Story Points', 'Story points'];
const CACHE_KEY = 'jira-field:story-points';

/**
 * The story points field has no fixed id in Jira Cloud: it is found by its type (team-managed projects'
 * "Story point estimate") or its name, and remembered for a day. `fresh` looks again (an admin may
 * have just added the field) and remembers what it found.
 */
export async function storyPointsFieldId(options: { fresh?: boolean } = {}): Promise<string | null> {
  const cached = options.fresh ? undefined : await kvs.get<{ id: string | null }>(CACHE_KEY);
  if (cached) return cached.id;
  const response = await withRetry(() =>
    jira('app').requestJira(route`/rest/api/3/field`, { method: 'GET', headers: JSON_HEADERS }),
  );
  const fields = await readJson(response, z.array(FieldSchema), 'the field list');
  const byType = fields.find((f) => f.schema?.custom === 'com.pyxis.greenhopper.jira:jsw-story-points');
  const byName = fields.find(
    (f) => STORY_POINTS_NAMES.includes(f.name) && STORY_POINTS_TYPES.has(f.schema?.custom ?? ''),
  );
  const id = (byType ?? byName)?.id ?? null;
  await kvs.set(CACHE_KEY, { id }, { ttl: { value: 1, unit: 'DAYS' } });
  return id;
}

const IssueTypeSchema = z.object({ name: z.string(), hierarchyLevel: z.number().int().optional() });

/**
 * The issue types the caller can see, one per name (team-managed projects each have their own "Story"),
 * with their level: 1 epic, 0 standard, -1 subtask. Weights are set per name.
 */
export async function issueTypeNames(): Promise<{ name: string; level: number }[]> {
  const response = await withRetry(() =>
    jira('user').requestJira(route`/rest/api/3/issuetype`, { method: 'GET', headers: JSON_HEADERS }),
  );
  const types = await readJson(response, z.array(IssueTypeSchema), 'the issue types');
  const byName = new Map<string, number>();
  for (const t of types) if (!byName.has(t.name)) byName.set(t.name, t.hierarchyLevel ?? 0);
  return [...byName]
    .map(([name, level]) => ({ name, level }))
    .sort((a, b) => b.level - a.level || a.name.localeCompare(b.name));
}
