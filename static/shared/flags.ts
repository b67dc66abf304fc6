import { showFlag } from '@forge/bridge';

let sequence = 0;

/**
 * Says in Jira's own flag group (over the page, outside the app's frame) that something worked, and closes
 * itself after a while as Jira's success flags do. The app still says it in its own words where it happened:
 * a flag is extra, so a host that shows none loses nothing.
 */
export function flagSuccess(title: string, description?: string): void {
  sequence += 1;
  try {
    showFlag({ id: `outcome-bridge-${sequence}`, title, description, type: 'success', isAutoDismiss: true });
  } catch {
    // A host without flags: the app's own status line carries the message.
  }
}
