import { Notice } from '@shared/components/Notice';

/** The server's messages that no field of the form shows, listed so none is lost; nothing when there are none. */
export function AlsoCheck({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <Notice appearance="error" title="Also check">
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </Notice>
  );
}
