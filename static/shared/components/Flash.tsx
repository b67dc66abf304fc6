import { Notice } from './Notice';

/** What the last action did, said once over the view (a success unless told); nothing when there is none. */
export function Flash({
  message,
  testId,
  appearance = 'success',
}: {
  message: string | null;
  testId: string;
  appearance?: 'success' | 'information';
}) {
  if (!message) return null;
  return (
    <div data-testid={testId}>
      <Notice appearance={appearance}>
        <p>{message}</p>
      </Notice>
    </div>
  );
}
