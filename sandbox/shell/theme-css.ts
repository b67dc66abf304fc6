import darkTheme from '@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-dark';
import lightTheme from '@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-light';
import spacing from '@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-spacing';
import typography from '@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-typography';

/**
 * The design-token style sheets Jira injects into a Custom UI iframe once the app calls
 * `view.theme.enable()`; the sandbox serves Atlaskit's own copies of them.
 */
export const themeCss = (): string => [lightTheme, darkTheme, spacing, typography].join('\n');
