import { useReturnFocus } from '@shared/use-return-focus';
import { useState } from 'react';

/**
 * The dialog a view shows over itself, one at a time, and the flash that says what the last one did.
 * Opening a dialog clears the flash; when it closes, focus goes back to what opened it unless
 * `returnFocus.focusNext` names another element first.
 */
export function useViewDialog<Dialog>() {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const returnFocus = useReturnFocus();
  const open = (next: Dialog) => {
    setFlash(null);
    returnFocus.focusNext(null);
    setDialog(next);
  };
  const close = () => setDialog(null);
  /** Closes the dialog and says what it did. */
  const done = (message: string) => {
    setDialog(null);
    setFlash(message);
  };
  return { dialog, open, close, done, flash, setFlash, returnFocus };
}
