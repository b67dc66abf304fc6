import { adminPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';

const loadOptions = () => adminPageApi('outcomes/rollup-options', {});

/**
 * What the rollup settings can offer (`outcomes/rollup-options`): whether the site has story points, and
 * the issue types to weigh. Loaded when the outcome editor opens, with a retry when it fails.
 */
export function useRollupOptions() {
  const { state, reload } = useReply(loadOptions, 'rollup-options');
  return { state, reload };
}
