import Textarea from '@atlaskit/textarea';
import type { ComponentProps } from 'react';

/** A text area for what a person types as code (JQL, issue keys): monospaced, not spell-checked, taller by dragging. */
export function CodeTextarea(
  props: Omit<ComponentProps<typeof Textarea>, 'isMonospaced' | 'resize' | 'spellCheck'>,
) {
  return <Textarea {...props} isMonospaced resize="vertical" spellCheck={false} />;
}
