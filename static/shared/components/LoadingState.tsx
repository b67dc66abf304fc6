import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import Spinner from '@atlaskit/spinner';

export function LoadingState({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="small" label={label} />
        <Text color="color.text.subtle">{label}…</Text>
      </Inline>
    </div>
  );
}
