import { z } from 'zod';

/** Only the parts of Jira's responses the app reads; anything else Jira sends is dropped. */
export const JiraUserSchema = z.object({
  accountId: z.string(),
  displayName: z.string().default(''),
  active: z.boolean().default(true),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
export type JiraUser = z.infer<typeof JiraUserSchema>;

export const JiraProjectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
export type JiraProject = z.infer<typeof JiraProjectSchema>;

export const StatusCategoryKeySchema = z.enum(['new', 'indeterminate', 'done', 'undefined']);

export const JiraIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().optional(),
      project: z.object({ id: z.string(), key: z.string() }).optional(),
      status: z
        .object({ name: z.string(), statusCategory: z.object({ key: StatusCategoryKeySchema }) })
        .optional(),
      parent: z.object({ id: z.string(), key: z.string() }).nullable().optional(),
      issuetype: z
        .object({ name: z.string(), hierarchyLevel: z.number().optional(), subtask: z.boolean().optional() })
        .optional(),
      duedate: z.string().nullable().optional(),
      created: z.string().optional(),
      resolutiondate: z.string().nullable().optional(),
    })
    // Custom fields (story points) have site-specific ids, so unknown fields are kept.
    .loose()
    .default({}),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

export const PageOfProjectsSchema = z.object({
  values: z.array(JiraProjectSchema),
  isLast: z.boolean().optional(),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

export const PageOfUsersSchema = z.object({
  values: z.array(JiraUserSchema),
  isLast: z.boolean().optional(),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
});

export const ApproximateCountSchema = z.object({ count: z.number().int() });

export const BulkPermissionGrantsSchema = z.object({
  globalPermissions: z.array(z.string()).default([]),
  projectPermissions: z
    .array(
      z.object({
        permission: z.string(),
        projects: z.array(z.number()).default([]),
        issues: z.array(z.number()).default([]),
      }),
    )
    .default([]),
});
