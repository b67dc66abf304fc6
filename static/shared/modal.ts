import { Modal, view } from '@forge/bridge';

/**
 * Dialogs open with Forge's own `Modal`: Jira shows the app's resource in a frame of its own over the
 * whole product page. An Atlaskit modal inside the app's frame would be centred on a frame that grows
 * to its content (often taller than the screen), dim only the app and scroll away while typing.
 *
 * The same resource renders the dialog when its context carries `extension.modal` with a `kind`.
 */
export interface ModalRequest<Data> {
  kind: string;
  title: string;
  data: Data;
  size?: 'small' | 'medium' | 'large' | 'xlarge' | 'max';
  /** Called with what the dialog passed to `closeModal`, or undefined when Jira closed it. */
  onClose: (payload: unknown) => void;
}

export async function openModal<Data>(request: ModalRequest<Data>): Promise<boolean> {
  const modal = new Modal({
    title: request.title,
    size: request.size ?? 'large',
    context: { kind: request.kind, data: request.data },
    onClose: request.onClose,
    // The dialog decides itself: it must not close while a save is on its way.
    closeOnEscape: false,
    closeOnOverlayClick: false,
  });
  try {
    await modal.open();
    return true;
  } catch {
    return false;
  }
}

/** Closes the dialog this app is showing as a modal, handing `payload` to whoever opened it. */
export const closeModal = (payload: unknown): Promise<void> => view.close(payload);

/** What a modal's context says it is: `{ kind, data }`, or null when this is not a modal. */
export function modalRequestOf(extension: { modal?: unknown }): { kind: string; data: unknown } | null {
  const modal = extension.modal;
  if (typeof modal !== 'object' || modal === null) return null;
  const kind: unknown = Reflect.get(modal, 'kind');
  return typeof kind === 'string' ? { kind, data: Reflect.get(modal, 'data') } : null;
}
