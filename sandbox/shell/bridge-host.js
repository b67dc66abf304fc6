// The sandbox's stand-in for Jira's Custom UI host. Served before the app's own script, it defines
// `window.__bridge.callBridge`, the single entry point through which @forge/bridge reaches its host.
// Plain browser JavaScript on purpose: it is served as is, never bundled.
(() => {
  // The sandbox's clock may be set to another day (tests pin one): the app's frame reads the same day.
  const offset = Number(window.__sandboxClockOffsetMs) || 0;
  if (offset !== 0) {
    const RealDate = window.Date;
    const now = () => RealDate.now() + offset;
    window.Date = new Proxy(RealDate, {
      construct: (target, args, newTarget) =>
        Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
      apply: () => new RealDate(now()).toString(),
      get: (target, property, receiver) =>
        property === 'now' ? now : Reflect.get(target, property, receiver),
    });
  }

  const params = new URLSearchParams(window.location.search);
  const moduleKey = params.get('moduleKey') || '';
  const context = JSON.parse(params.get('context') || '{}');

  const themeKey = 'sandbox-theme';
  const colorMode = () => {
    try {
      return window.localStorage.getItem(themeKey) === 'dark' ? 'dark' : 'light';
    } catch {
      return 'light';
    }
  };

  let themingEnabled = false;
  function applyTheme() {
    if (!themingEnabled) return;
    const html = document.documentElement;
    html.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
    html.setAttribute('data-color-mode', colorMode());
    if (!document.getElementById('sandbox-tokens')) {
      const link = document.createElement('link');
      link.id = 'sandbox-tokens';
      link.rel = 'stylesheet';
      link.href = '/__sandbox/tokens.css';
      document.head.appendChild(link);
    }
  }
  window.addEventListener('storage', (event) => {
    if (event.key === themeKey) applyTheme();
  });

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new Error(json?.message || `Sandbox host error ${response.status}`);
    return json;
  }

  function urlFor(location) {
    if (typeof location === 'string') return location;
    if (location.target === 'issue') return `/browse/${location.issueKey}`;
    if (location.target === 'projectPage' || location.target === 'project')
      return `/projects/${location.projectKey}/outcomes`;
    if (location.target === 'module') {
      // A page module by key, at a path of its own history (as view.createHistory pushes it).
      const type = window.__sandboxModuleTypes?.[location.moduleKey];
      const sub = location.path && location.path !== '/' ? location.path : '';
      if (type === 'jira:adminPage') return `/admin/outcome-bridge${sub}`;
      if (type === 'jira:projectSettingsPage' && location.projectKey)
        return `/projects/${location.projectKey}/settings/outcome-bridge${sub}`;
      if (type === 'jira:projectPage' && location.projectKey)
        return `/projects/${location.projectKey}/outcomes${sub}`;
      throw new Error(`The sandbox cannot open module ${location.moduleKey}.`);
    }
    return location.url || '/';
  }

  // Jira's part of the top page that opens modals over it (product-host.js).
  const modalHost = () => window.top.__sandboxModalHost;
  const inModal = () => Boolean(modalHost()?.isModal(window));
  // The resource this app was served from: a Modal without `resource` opens the same one.
  const resource = window.location.pathname.split('/')[2] || '';

  // Escape that the app did not handle closes a modal opened with closeOnEscape (Jira's default).
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && inModal()) modalHost().escape(window);
  });

  // Keeps the iframe as tall as its content, as Jira does for Custom UI (a modal has its own size).
  function autoResize() {
    const frame = window.frameElement;
    if (!frame || frame.dataset.modal || typeof ResizeObserver === 'undefined') return;
    // The body's own height, not the document's: the document is at least as tall as the iframe, so
    // measuring it would let the frame grow but never shrink.
    const fitHeight = () => {
      const style = getComputedStyle(document.body);
      const margins = Number.parseFloat(style.marginTop) + Number.parseFloat(style.marginBottom);
      frame.style.height = `${Math.max(Math.ceil(document.body.getBoundingClientRect().height + margins), 80)}px`;
    };
    new ResizeObserver(fitHeight).observe(document.body);
    fitHeight();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoResize);
  else autoResize();

  // view.createHistory (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#createhistory):
  // a full page module's own URLs, under the page's address in the browser, so Back and shared links work.
  // Elsewhere (panels, modals) Jira offers none: the harsher reading is an error.
  const historyBase = params.get('historyBase');
  function createHistory() {
    if (!historyBase || inModal())
      throw new Error('view.createHistory is only available to full page modules.');
    const top = window.top;
    const locationNow = () => {
      const path = top.location.pathname;
      const own = path.startsWith(historyBase) ? path.slice(historyBase.length) : '';
      return {
        pathname: own.startsWith('/') ? own : `/${own}`,
        search: top.location.search,
        hash: top.location.hash,
        state: top.history.state?.app ?? null,
        key: String(top.history.length),
      };
    };
    const listeners = new Set();
    const tell = (action) => {
      history.location = locationNow();
      history.action = action;
      for (const listener of [...listeners]) listener(history.location, action);
    };
    const to = (path) => {
      const p = String(path);
      if (!p.startsWith('/')) throw new Error(`A history path starts with "/": ${p}`);
      return historyBase + (p === '/' ? '' : p) + top.location.search;
    };
    top.addEventListener('popstate', () => tell('POP'));
    const history = {
      location: locationNow(),
      action: 'POP',
      push(path, state) {
        top.history.pushState({ app: state ?? null }, '', to(path));
        tell('PUSH');
      },
      replace(path, state) {
        top.history.replaceState({ app: state ?? null }, '', to(path));
        tell('REPLACE');
      },
      go: (n) => top.history.go(n),
      back: () => top.history.back(),
      goBack: () => top.history.back(),
      forward: () => top.history.forward(),
      goForward: () => top.history.forward(),
      listen(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    return history;
  }

  window.__bridge = {
    callBridge: async (name, args) => {
      switch (name) {
        case 'invoke':
          return post('/__sandbox/bridge/invoke', {
            moduleKey,
            functionKey: args.functionKey,
            payload: args.payload,
            extension: context.extension || {},
          });
        case 'getContext': {
          const session = await fetch('/__sandbox/session', { credentials: 'same-origin' }).then((r) =>
            r.json(),
          );
          return { ...context, moduleKey, accountId: session.accountId, theme: { colorMode: colorMode() } };
        }
        case 'fetchProduct': {
          const init = args.fetchRequestInit || {};
          return post('/__sandbox/bridge/fetch', {
            restPath: args.restPath,
            method: init.method || 'GET',
            headers: Object.fromEntries(init.headers || []),
            body: init.body || null,
          });
        }
        case 'enableTheming':
          themingEnabled = true;
          applyTheme();
          return undefined;
        case 'navigate': {
          const url = urlFor(args);
          if (args.type === 'new-tab') window.open(url, '_blank', 'noopener');
          else window.top.location.href = url;
          return undefined;
        }
        case 'getUrl':
          return new URL(urlFor(args), window.location.origin).toString();
        case 'reload':
          window.top.location.reload();
          return undefined;
        case 'openModal': {
          const host = modalHost();
          if (!host) return false;
          const modalContext = {
            ...context,
            extension: { ...(context.extension || {}), modal: args.context ?? {} },
          };
          const query = new URLSearchParams({ moduleKey, context: JSON.stringify(modalContext) });
          return host.open({
            src: `/apps/${args.resource || resource}/index.html?${query.toString()}`,
            title: args.title,
            size: args.size,
            closeOnEscape: args.closeOnEscape,
            closeOnOverlayClick: args.closeOnOverlayClick,
            onClose: args.onClose,
            opener: window.frameElement,
          });
        }
        case 'close':
          // Only a modal can be closed; elsewhere @forge/bridge turns `false` into "not closable".
          return inModal() ? modalHost().close(window, args) : false;
        case 'createHistory':
          return createHistory();
        case 'showFlag':
          return window.top.__sandboxFlags.show(args);
        case 'closeFlag':
          return window.top.__sandboxFlags.close(args.id);
        case 'on':
          return window.top.__sandboxEvents.on(args.event, args.callback, window);
        case 'emit':
          window.top.__sandboxEvents.emit(args.event, args.payload, window);
          return undefined;
        case 'emitReadyEvent':
        case 'resize':
        case 'onPublic':
        case 'emitPublic':
          return undefined;
        default:
          throw new Error(`The sandbox host does not emulate bridge call "${name}".`);
      }
    },
  };
})();
