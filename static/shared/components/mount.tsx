import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { enableJiraTheme } from '../theme';
import '../styles.css';

/** Starts a Custom UI app: Jira's theme first, then React into #root. */
export function mount(app: ReactNode): void {
  enableJiraTheme();
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
