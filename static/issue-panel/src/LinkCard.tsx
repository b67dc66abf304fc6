import Button from '@atlaskit/button/default/button';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { PanelLink } from '@contract/issue-panel';
import { OwnersLine } from '@shared/components/OwnersLine';
import { StateLozenge } from '@shared/components/StateLozenge';
import { formatDay } from '@shared/format';

interface Props {
  link: PanelLink;
  canEdit: boolean;
  busy: boolean;
  onUnlink: () => void;
}

/** One outcome the ticket serves, in business words; or a clearable "outcome removed" line. */
export function LinkCard({ link, canEdit, busy, onUnlink }: Props) {
  const { outcome } = link;
  const unlinkable = canEdit && link.source === 'own';
  if (!outcome) {
    return (
      <div className="ob-card" data-testid="link-removed">
        <Inline spread="space-between" alignBlock="center">
          <Text color="color.text.subtle">Outcome removed: it was deleted after this ticket was linked.</Text>
          {unlinkable ? (
            <Button appearance="subtle" isLoading={busy} onClick={onUnlink}>
              Clear
            </Button>
          ) : null}
        </Inline>
      </div>
    );
  }
  return (
    <div className="ob-card" data-testid="link-card">
      <Stack space="space.100">
        <Inline spread="space-between" alignBlock="start" space="space.100">
          <h3 className="ob-heading">{outcome.title}</h3>
          <StateLozenge state={outcome.state} />
        </Inline>
        <Text as="p">{outcome.statement}</Text>
        <OwnersLine business={outcome.businessOwner} technology={outcome.technologyOwner} />
        <Text size="small" color="color.text.subtle">
          Due {formatDay(outcome.dueDate)}
          {link.source === 'inherited' && link.inheritedFrom ? ` · Inherited from ${link.inheritedFrom}` : ''}
        </Text>
        {unlinkable ? (
          <Box>
            <Button
              appearance="subtle"
              isLoading={busy}
              onClick={onUnlink}
              aria-label={`Unlink from ${outcome.title}`}
            >
              Unlink
            </Button>
          </Box>
        ) : null}
      </Stack>
    </div>
  );
}
