import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

/**
 * The frame of a dialog the app shows as a Forge modal: the title, a body that scrolls when the
 * dialog is taller than Jira's modal, and the actions always in view at the bottom. Escape asks
 * `onEscape` (the dialog decides whether it may close now).
 */
export function ModalLayout({
  title,
  testId,
  initialFocus,
  onEscape,
  footer,
  children,
}: {
  title: string;
  testId: string;
  initialFocus?: RefObject<HTMLElement | null>;
  onEscape: () => void;
  footer: ReactNode;
  children: ReactNode;
}) {
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onEscapeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    initialFocus?.current?.focus();
  }, [initialFocus]);
  return (
    <div className="ob-modal" data-testid={testId}>
      <header className="ob-modal__header">
        <h1 className="ob-modal__title">{title}</h1>
      </header>
      <div className="ob-modal__body">{children}</div>
      <footer className="ob-modal__footer">{footer}</footer>
    </div>
  );
}
