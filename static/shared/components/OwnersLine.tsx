import { Text } from '@atlaskit/primitives/compiled/text';
import type { UserRef } from '@contract/primitives';

/** Joint ownership in one line: who answers for the value and who for the delivery. */
export function OwnersLine({
  business,
  technology,
}: {
  business: UserRef | null;
  technology: UserRef | null;
}) {
  return (
    <Text size="small" color="color.text.subtle">
      Business owner: <strong>{business?.displayName ?? 'not set'}</strong> · Technology owner:{' '}
      <strong>{technology?.displayName ?? 'not set'}</strong>
    </Text>
  );
}
