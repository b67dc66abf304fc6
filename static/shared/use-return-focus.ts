import { type RefObject, useMemo, useRef } from 'react';

/**
 * Where focus goes when a dialog closes, decided late: `focusNext(id)` names the element (by id) just
 * before closing, e.g. a KPI that a save created; until then the dialog returns focus to its trigger.
 * The ref reads the element when the dialog unmounts, so it may render in the same update.
 */
export function useReturnFocus() {
  const target = useRef<string | null>(null);
  const ref = useMemo<RefObject<HTMLElement>>(
    () => ({
      get current() {
        return target.current ? document.getElementById(target.current) : null;
      },
    }),
    [],
  );
  return {
    /** Pass to the dialog's `shouldReturnFocus`. */
    ref,
    focusNext: (id: string | null) => {
      target.current = id;
    },
  };
}
