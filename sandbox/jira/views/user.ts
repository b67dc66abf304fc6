import type { JiraUser } from '../model';
import type { JiraSite } from '../site';

export function avatarUrls(site: JiraSite, seed: string): Record<string, string> {
  const url = (size: number) => `${site.baseUrl}/avatars/${encodeURIComponent(seed)}?size=${size}`;
  return { '48x48': url(48), '24x24': url(24), '16x16': url(16), '32x32': url(32) };
}

/** Jira's user bean as returned by /user, /user/search, issue fields and the like. */
export function userJson(site: JiraSite, user: JiraUser, apiVersion: string): Record<string, unknown> {
  return {
    self: `${site.apiBase(apiVersion)}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(site, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: 'en_US',
  };
}

export function userRefJson(site: JiraSite, accountId: string | null, apiVersion: string): unknown {
  if (accountId === null) return null;
  const user = site.user(accountId);
  return user ? userJson(site, user, apiVersion) : null;
}
