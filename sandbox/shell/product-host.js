// The sandbox's stand-in for what Jira's product page does for the Custom UI apps in it: it opens an
// app's `Modal` (from @forge/bridge) over the whole page, not inside the app's own frame, shows its flags
// in a flag group over the page, and carries `events` between the app's frames.
//
// Modals. Jira shows the modal's
// resource in its own iframe, sized as Atlassian's Modal documentation gives
// (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/modal/), on a blanket
// over the page; `view.close(payload)` inside it closes it and calls the opener's `onClose(payload)`.
// Plain browser JavaScript: served as is, on the top-level page only.
(() => {
  // Width, height and minimum height of each named size, from the documentation above.
  const SIZES = {
    small: ['400px', '20vh', '320px'],
    medium: ['600px', '40vh', '520px'],
    large: ['800px', '70vh', '720px'],
    xlarge: ['968px', '90vh', null],
    max: ['100%', '100%', null],
  };
  let open = null;

  function close(frameWindow, payload) {
    if (!open || open.frame.contentWindow !== frameWindow) return false;
    const { blanket, opener, onClose, inertOnes } = open;
    open = null;
    blanket.remove();
    for (const element of inertOnes) element.inert = false;
    // Focus goes back to the app that opened the modal; the app puts it on the right element.
    opener?.focus();
    try {
      onClose?.(payload);
    } catch (error) {
      console.error('[sandbox] the modal onClose callback failed', error);
    }
    return true;
  }

  // Events between the app's frames (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/events/).
  // The docs say only that other extensions of the app receive them; the emitting frame does not
  // get its own event here (the harsher reading), and payloads are cloned as a message would be.
  const listeners = new Map();
  let nextListener = 1;
  window.__sandboxEvents = {
    on(event, callback, frameWindow) {
      const id = nextListener++;
      listeners.set(id, { event, callback, frameWindow });
      return { unsubscribe: () => listeners.delete(id) };
    },
    emit(event, payload, frameWindow) {
      for (const [id, listener] of listeners) {
        if (listener.frameWindow.closed || !listener.frameWindow.frameElement) {
          listeners.delete(id);
          continue;
        }
        if (listener.event !== event || listener.frameWindow === frameWindow) continue;
        const copy = payload === undefined ? undefined : structuredClone(payload);
        setTimeout(() => listener.callback(copy), 0);
      }
    },
  };

  // Flags (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/showFlag): Jira shows
  // them in its flag group over the page, not in the app's frame. `id` is required; a flag with `appearance`
  // is bold and has no dismiss button; `isAutoDismiss` closes it after 8 seconds. A second flag with the
  // same id replaces the first (the docs are silent; Jira's flag group keys flags by id).
  const AUTO_DISMISS_MS = 8000;
  let flagGroup = null;
  const flags = new Map();
  function closeFlag(id) {
    const flag = flags.get(String(id));
    if (!flag) return false;
    flags.delete(String(id));
    clearTimeout(flag.timer);
    flag.element.remove();
    return true;
  }
  window.__sandboxFlags = {
    show(options) {
      if (options.id === undefined || options.id === null || options.id === '')
        throw new Error('"id" must be defined in flag options');
      if (!flagGroup) {
        flagGroup = document.createElement('div');
        flagGroup.className = 'flag-group';
        flagGroup.dataset.testid = 'sandbox-flags';
        flagGroup.setAttribute('aria-live', 'polite');
        flagGroup.setAttribute('aria-label', 'Flags');
        flagGroup.setAttribute('role', 'region');
        document.body.appendChild(flagGroup);
      }
      closeFlag(options.id);
      const element = document.createElement('div');
      const type = options.appearance || options.type || 'info';
      element.className = `flag flag--${type}${options.appearance ? ' flag--bold' : ''}`;
      element.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
      element.dataset.testid = 'sandbox-flag';
      element.dataset.flagId = String(options.id);
      const title = document.createElement('strong');
      title.textContent = options.title || '';
      element.appendChild(title);
      if (options.description) {
        const description = document.createElement('p');
        description.textContent = options.description;
        element.appendChild(description);
      }
      for (const action of options.actions || []) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = action.text;
        button.addEventListener('click', () => action.onClick?.());
        element.appendChild(button);
      }
      if (!options.appearance) {
        const dismiss = document.createElement('button');
        dismiss.type = 'button';
        dismiss.className = 'flag__dismiss';
        dismiss.setAttribute('aria-label', 'Dismiss');
        dismiss.textContent = '×';
        dismiss.addEventListener('click', () => closeFlag(options.id));
        element.appendChild(dismiss);
      }
      flagGroup.prepend(element);
      const timer = options.isAutoDismiss
        ? setTimeout(() => closeFlag(options.id), AUTO_DISMISS_MS)
        : undefined;
      flags.set(String(options.id), { element, timer });
      return undefined;
    },
    close: closeFlag,
  };

  window.__sandboxModalHost = {
    /** Opens `src` (an app URL with its module context) over the page. */
    open({ src, title, size, closeOnEscape, closeOnOverlayClick, onClose, opener }) {
      if (open) return false; // Jira shows one modal at a time.
      const [width, height, minHeight] =
        SIZES[size] || (typeof size === 'object' ? [size.width, size.height || '40vh', null] : SIZES.medium);
      const blanket = document.createElement('div');
      blanket.className = 'modal-blanket';
      blanket.dataset.testid = 'sandbox-modal';
      const box = document.createElement('div');
      box.className = 'modal-box';
      box.setAttribute('role', 'dialog');
      box.setAttribute('aria-modal', 'true');
      box.setAttribute('aria-label', title || 'Dialog');
      box.style.width = `min(${width}, 100vw - 32px)`;
      box.style.height = `min(max(${height}, ${minHeight || '0px'}), 100vh - 32px)`;
      const frame = document.createElement('iframe');
      frame.title = title || 'Dialog';
      frame.src = src;
      frame.dataset.modal = 'true';
      box.appendChild(frame);
      blanket.appendChild(box);
      blanket.addEventListener('click', (event) => {
        if (event.target === blanket && closeOnOverlayClick !== false) close(frame.contentWindow, undefined);
      });
      // The rest of the page cannot be reached while the modal is open, as with Jira's own modals.
      const inertOnes = [...document.body.children].filter(
        (element) => !element.inert && element.tagName !== 'SCRIPT',
      );
      for (const element of inertOnes) element.inert = true;
      document.body.appendChild(blanket);
      open = { frame, blanket, opener, onClose, closeOnEscape: closeOnEscape !== false, inertOnes };
      frame.addEventListener('load', () => frame.contentWindow?.focus(), { once: true });
      frame.focus();
      return true;
    },
    close,
    /** Escape inside the modal's frame, not handled by the app: closes it unless asked not to. */
    escape(frameWindow) {
      if (open && open.frame.contentWindow === frameWindow && open.closeOnEscape)
        close(frameWindow, undefined);
    },
    isModal: (frameWindow) => Boolean(open && open.frame.contentWindow === frameWindow),
  };
})();
