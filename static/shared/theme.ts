import { view } from '@forge/bridge';

/** Lets Jira's light and dark themes apply to the app (Atlaskit design tokens). */
export function enableJiraTheme(): void {
  void view.theme.enable().catch(() => {
    // Outside Jira (e.g. a plain browser tab) there is no theme to follow; the light defaults apply.
  });
}
