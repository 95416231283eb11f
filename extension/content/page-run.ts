/**
 * One page run: the badges of one page (one URL's worth of content). Created when the URL
 * shows a page the adapter knows, disposed (every badge removed, every timer and listener
 * gone) when the URL changes or the content script is invalidated.
 */
import type { Lang } from '../../shared/schema.ts';
import { headlineOf } from '../components/badge/Badge.tsx';
import type { PageAccount, PageSummary } from '../lib/protocol.ts';
import type { PageInfo, SiteAdapter } from '../sites/types.ts';
import { BadgeHost, type BadgeView } from './badge-host.tsx';
import type { Classifier, Outcome } from './classifier.ts';

/** Failures worth asking again for by themselves (the others need the user). */
const RETRYABLE = new Set(['unreachable', 'crm', 'rate_limited', 'internal']);
const RETRY_MS = 30_000;

export class PageRun {
  private readonly controller = new AbortController();
  private readonly badges = new Map<Element, BadgeHost>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly adapter: SiteAdapter,
    readonly page: PageInfo,
    private readonly classifier: Classifier,
    private view: BadgeView & { lang: Lang },
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Finds the page's accounts and badges the ones not badged yet. Cheap when nothing changed. */
  scan(root: ParentNode = document): void {
    if (this.signal.aborted) return;
    const points = this.adapter.find(root, this.page);
    const seen = new Set<Element>();
    for (const point of points) {
      seen.add(point.anchor);
      let badge = this.badges.get(point.anchor);
      if (badge && badge.accountId !== point.accountId) {
        // The CRM reused the element for another record.
        badge.destroy();
        badge = undefined;
      }
      if (badge) {
        if (!badge.inPlace) badge.reattach();
        continue;
      }
      badge = new BadgeHost(point, this.view);
      this.badges.set(point.anchor, badge);
      this.classify(badge);
    }
    for (const [anchor, badge] of this.badges) {
      if (!seen.has(anchor) && !anchor.isConnected) {
        badge.destroy();
        this.badges.delete(anchor);
      }
    }
  }

  private classify(badge: BadgeHost): void {
    const { crm } = this.page;
    const settled = this.classifier.peek(crm, this.view.lang, badge.accountId);
    const apply = (o: Outcome) => {
      if (this.signal.aborted || this.badges.get(badge.point.anchor) !== badge) return;
      badge.set(o.ok ? { status: 'ok', value: o.value } : { status: 'error', error: o.error });
      if (!o.ok && RETRYABLE.has(o.error.kind)) this.scheduleRetry();
    };
    (settled ?? this.classifier.get(crm, this.view.lang, badge.accountId)).then(apply);
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      for (const badge of this.badges.values()) if (badge.state.status === 'error') this.classify(badge);
    }, RETRY_MS);
  }

  /** New language or chips: chips re-render; a new language needs new classifications. */
  setView(view: BadgeView & { lang: Lang }): void {
    const langChanged = view.lang !== this.view.lang;
    this.view = view;
    for (const badge of this.badges.values()) {
      badge.setView(view);
      if (langChanged) {
        badge.set({ status: 'loading' });
        this.classify(badge);
      }
    }
  }

  /** Asks again for every badge (after the settings changed). */
  refresh(): void {
    for (const badge of this.badges.values()) {
      badge.set({ status: 'loading' });
      this.classify(badge);
    }
  }

  summary(): PageSummary {
    const accounts: PageAccount[] = [];
    for (const badge of this.badges.values()) {
      if (accounts.length >= 20) break;
      const a: PageAccount = { id: badge.accountId };
      if (badge.state.status === 'ok') {
        const v = badge.state.value;
        const head = headlineOf(v);
        a.name = v.name;
        if (head) Object.assign(a, { tierLabel: head.tierLabel, icon: head.icon, color: head.color, textColor: head.textColor });
      } else if (badge.state.status === 'error') a.error = badge.state.error.kind;
      accounts.push(a);
    }
    return { site: this.adapter.id, kind: this.page.kind, url: location.href, accounts, total: this.badges.size };
  }

  dispose(): void {
    this.controller.abort();
    clearTimeout(this.retryTimer);
    for (const badge of this.badges.values()) badge.destroy();
    this.badges.clear();
  }
}
