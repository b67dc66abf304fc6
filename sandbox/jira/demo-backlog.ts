// Work items of the demo site. A child prefixed "Bug:" or "Task:" gets that issue type; others are stories.

export interface DemoEpic {
  summary: string;
  /** Short name used in the generated follow-up items. */
  theme: string;
  labels: string[];
  /** How far along the epic is, which drives its children's statuses and due dates. */
  phase: 'done' | 'active' | 'late' | 'early';
  children: string[];
}

export interface DemoProjectBacklog {
  key: string;
  labels: string[];
  epics: DemoEpic[];
  /** Items that belong to no epic: the unaligned long tail every backlog has. */
  loose: string[];
}

/** Follow-ups every epic accumulates; `{theme}` is replaced with the epic's theme. */
export const GENERIC_CHILDREN = [
  'Task: Add analytics events for {theme}',
  'Task: Write runbook for {theme}',
  'Bug: {theme} breaks in Safari private mode',
  'Feature flag and staged rollout for {theme}',
];

export const SUBTASK_SUMMARIES = [
  'Write unit tests',
  'Update API contract',
  'QA on staging',
  'Add feature flag',
  'Update dashboard',
  'Code review follow-ups',
  'Accessibility check',
  'Load test',
  'Update help-centre article',
  'Add monitoring alert',
];

export const CHECKOUT_BACKLOG: DemoProjectBacklog = {
  key: 'CHK',
  labels: ['payments', 'frontend', 'backend', 'growth', 'a11y', 'tech-debt'],
  epics: [
    {
      summary: 'Recover declined card payments with smart retries',
      theme: 'payment retries',
      labels: ['payments'],
      phase: 'active',
      children: [
        'Retry soft-declined card payments with exponential back-off',
        'Classify decline codes into retryable and final',
        'Show "try another card" prompt after a hard decline',
        'Bug: Duplicate charge when retry overlaps with webhook',
        'Task: Dashboard for payment retry success rate',
        'Send retry outcome to the order service',
        'Respect card network retry limits (Visa, Mastercard)',
        'Bug: Retry job ignores 3-D Secure challenge results',
      ],
    },
    {
      summary: 'Address autocomplete at checkout',
      theme: 'address autocomplete',
      labels: ['frontend'],
      phase: 'done',
      children: [
        'Integrate address lookup provider behind an adapter',
        'Autocomplete street address as the shopper types',
        'Validate postcode format per country',
        'Bug: Autocomplete drops apartment number',
        'Keyboard navigation for address suggestions',
        'Task: Cache address lookups for 24 hours',
        'Fallback to manual entry when lookup times out',
      ],
    },
    {
      summary: 'One-click checkout for returning customers',
      theme: 'one-click checkout',
      labels: ['growth', 'payments'],
      phase: 'late',
      children: [
        'Store tokenised default payment method',
        'One-click buy button on product page',
        'Confirm order with saved address and card',
        'Bug: One-click order uses expired card',
        'Task: Fraud rules for one-click orders',
        'Undo window of 30 seconds after one-click purchase',
        'Opt-in setting for one-click in account page',
      ],
    },
    {
      summary: 'Cart abandonment email journey',
      theme: 'cart abandonment emails',
      labels: ['growth'],
      phase: 'active',
      children: [
        'Detect abandoned carts after 1 hour of inactivity',
        'First reminder email with cart contents',
        'Second reminder with free-shipping incentive',
        'Deep link from email back into restored cart',
        'Bug: Reminder sent after the order was placed',
        'Task: Unsubscribe handling for reminder emails',
        'Measure recovered revenue from reminder emails',
      ],
    },
    {
      summary: 'Guest checkout conversion',
      theme: 'guest checkout',
      labels: ['growth', 'frontend'],
      phase: 'early',
      children: [
        'Remove forced account creation before payment',
        'Offer account creation on the confirmation page',
        'Shorten guest checkout form to one page',
        'Bug: Guest email validation rejects plus addresses',
        'Task: Funnel report for guest versus signed-in checkout',
        'Remember guest details on the same device',
      ],
    },
    {
      summary: 'Promo codes and gift cards',
      theme: 'promo codes',
      labels: ['payments', 'backend'],
      phase: 'done',
      children: [
        'Apply promo code in the basket',
        'Stack gift card with card payment',
        'Bug: Promo code applied twice on page refresh',
        'Show remaining gift card balance',
        'Task: Rate-limit promo code guessing',
        'Expire promo codes at campaign end',
      ],
    },
    {
      summary: 'Checkout page performance',
      theme: 'checkout performance',
      labels: ['frontend', 'tech-debt'],
      phase: 'active',
      children: [
        'Lazy-load payment provider scripts',
        'Cut checkout bundle size below 150 kB',
        'Server-side render order summary',
        'Bug: Layout shift when shipping options load',
        'Task: Track checkout Core Web Vitals in RUM',
        'Prefetch shipping rates while the shopper types',
      ],
    },
    {
      summary: 'Accessible checkout (WCAG 2.2 AA)',
      theme: 'accessible checkout',
      labels: ['a11y', 'frontend'],
      phase: 'early',
      children: [
        'Screen reader labels for payment fields',
        'Visible focus order through the checkout form',
        'Bug: Error messages not announced to screen readers',
        'Colour contrast fixes on the order summary',
        'Task: Automated axe checks in CI',
      ],
    },
  ],
  loose: [
    'Task: Upgrade payment SDK to the latest major version',
    'Bug: Currency symbol wrong for CHF',
    'Task: Remove legacy PayPal button code',
    'Bug: Order confirmation page shows stale basket',
    'Task: Rotate payment provider API keys',
    'Spike: evaluate wallet payments (Apple Pay, Google Pay)',
    'Bug: VAT rounding differs between basket and invoice',
    'Task: Clean up unused checkout feature flags',
  ],
};

export const PLATFORM_BACKLOG: DemoProjectBacklog = {
  key: 'PLAT',
  labels: ['sre', 'observability', 'reliability', 'infra', 'cost'],
  epics: [
    {
      summary: 'Checkout API uptime at 99.95%',
      theme: 'checkout API uptime',
      labels: ['reliability', 'sre'],
      phase: 'active',
      children: [
        'Multi-zone deployment for the checkout API',
        'Health checks that fail over within 30 seconds',
        'Bug: Readiness probe passes before the DB pool is ready',
        'Task: Synthetic checks for the checkout flow every minute',
        'Graceful degradation when the tax service is down',
        'Chaos test: lose one availability zone',
      ],
    },
    {
      summary: 'p95 latency under 300 ms for storefront APIs',
      theme: 'p95 latency',
      labels: ['reliability'],
      phase: 'late',
      children: [
        'Add p95 and p99 latency SLOs per endpoint',
        'Connection pooling for the catalog database',
        'Cache product availability for 10 seconds',
        'Bug: N+1 queries in the basket endpoint',
        'Task: Flame graphs for the slowest five endpoints',
        'Move image resizing off the request path',
      ],
    },
    {
      summary: 'Error budget policy and burn-rate alerts',
      theme: 'error budgets',
      labels: ['sre'],
      phase: 'done',
      children: [
        'Define error budgets for tier-1 services',
        'Multi-window burn-rate alerts',
        'Freeze risky deploys when the budget is spent',
        'Task: Monthly error budget report for product leads',
        'Bug: Burn-rate alert fires on planned maintenance',
      ],
    },
    {
      summary: 'Cut incident MTTR in half',
      theme: 'incident MTTR',
      labels: ['sre', 'observability'],
      phase: 'active',
      children: [
        'On-call runbooks linked from every alert',
        'Automatic incident channel with timeline bot',
        'One-click rollback from the deploy dashboard',
        'Task: Post-incident review template and tracker',
        'Bug: Pager escalates to the previous rota',
        'Measure time to detect and time to mitigate',
      ],
    },
    {
      summary: 'Deploy pipeline under 10 minutes',
      theme: 'deploy pipeline',
      labels: ['infra'],
      phase: 'active',
      children: [
        'Parallelise integration test shards',
        'Cache dependency layers in container builds',
        'Canary deploys with automatic analysis',
        'Bug: Flaky end-to-end test blocks the pipeline',
        'Task: Track DORA metrics per team',
        'Promote the same artefact from staging to production',
      ],
    },
    {
      summary: 'Distributed tracing across services',
      theme: 'tracing',
      labels: ['observability'],
      phase: 'early',
      children: [
        'OpenTelemetry SDK in the checkout service',
        'Propagate trace context through the message queue',
        'Sample 10% of traces, 100% of errors',
        'Task: Trace-based dashboards for the checkout journey',
        'Bug: Trace ids missing from structured logs',
      ],
    },
    {
      summary: 'Upgrade to PostgreSQL 16',
      theme: 'Postgres upgrade',
      labels: ['infra'],
      phase: 'done',
      children: [
        'Rehearse the upgrade on a production snapshot',
        'Logical replication for a near-zero-downtime switch',
        'Task: Update connection strings and secrets',
        'Bug: Extension version mismatch after upgrade',
        'Decommission the old cluster',
      ],
    },
    {
      summary: 'Cloud cost down 20%',
      theme: 'cloud cost',
      labels: ['cost', 'infra'],
      phase: 'early',
      children: [
        'Right-size the Kubernetes node pools',
        'Spot instances for batch jobs',
        'Task: Cost allocation tags per team',
        'Delete orphaned volumes and snapshots',
        'Bug: Autoscaler keeps idle nodes overnight',
      ],
    },
  ],
  loose: [
    'Task: Renew TLS certificates for internal services',
    'Bug: Log shipping drops lines over 16 kB',
    'Task: Patch base images for the latest CVEs',
    'Task: Archive the old status page',
    'Bug: Backup job alerts twice on success',
    'Spike: evaluate managed Kafka',
  ],
};

export const MOBILE_BACKLOG: DemoProjectBacklog = {
  key: 'MOB',
  labels: ['ios', 'android'],
  epics: [
    {
      summary: 'Mobile checkout parity with web',
      theme: 'mobile checkout',
      labels: ['ios', 'android'],
      phase: 'active',
      children: [
        'Saved cards in the mobile wallet screen',
        'Address autocomplete in the app',
        'Bug: Keyboard hides the pay button on small screens',
        'Task: Crash-free sessions dashboard',
      ],
    },
    {
      summary: 'App store rating above 4.5',
      theme: 'app rating',
      labels: ['ios', 'android'],
      phase: 'early',
      children: ['In-app review prompt after a successful order', 'Bug: App freezes on cold start offline'],
    },
  ],
  loose: ['Task: Update push notification certificates', 'Bug: Dark mode colours wrong on order history'],
};

/** A project the app's account has no role in: its work exists, but the app cannot see it. */
export const FINANCE_BACKLOG: DemoProjectBacklog = {
  key: 'FIN',
  labels: ['finance', 'reporting'],
  epics: [
    {
      summary: 'Automate the monthly revenue close',
      theme: 'revenue close',
      labels: ['finance'],
      phase: 'active',
      children: [
        'Reconcile payment provider payouts with orders',
        'Task: Export refunds to the ledger every night',
        'Bug: Currency rounding differs from the bank statement',
      ],
    },
  ],
  loose: ['Task: Archive last fiscal year reports'],
};

/**
 * Checkout work under the "Confidential" issue-security level: visible to its members only, which the
 * app's account is not. Added last, as a team does when it opens a restricted stream of work.
 */
export const CONFIDENTIAL_CHECKOUT_WORK = {
  epic: 'Fraud screening for high-risk orders',
  children: [
    'Score orders with the fraud provider before capture',
    'Task: Manual review queue for flagged orders',
    'Bug: Trusted customers flagged after an address change',
  ],
};
