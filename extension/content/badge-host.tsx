/**
 * One badge on the page: a `<tierlens-badge>` element right after its anchor, with an open
 * shadow root holding the styles and the Preact badge. The page's CSS cannot reach in, ours
 * cannot reach out.
 */

import { render } from 'preact';
import type { Lang } from '../../shared/schema.ts';
import { Badge, type BadgeState } from '../components/badge/Badge.tsx';
import css from '../components/badge/badge.css?inline';
import type { MountPoint } from '../sites/types.ts';

export const HOST_TAG = 'tierlens-badge';

export interface BadgeView {
  lang: Lang;
  chipIds: readonly string[];
  onOpenOptions: () => void;
}

export class BadgeHost {
  readonly host: HTMLElement;
  private readonly root: HTMLElement;
  state: BadgeState = { status: 'loading' };
  private reattached = 0;

  constructor(
    readonly point: MountPoint,
    private view: BadgeView,
  ) {
    this.host = document.createElement(HOST_TAG);
    this.host.dataset.accountId = point.accountId;
    this.host.dataset.size = point.size;
    this.host.dataset.placement = point.placement ?? 'after';
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.root = document.createElement('span');
    this.root.className = 'root';
    shadow.append(style, this.root);
    this.draw();
    this.place();
  }

  private place(): void {
    const { anchor, placement } = this.point;
    // A copy of a badge the CRM cloned along with its row has no shadow content: drop it.
    const neighbour = placement === 'before' ? anchor.previousElementSibling : anchor.nextElementSibling;
    if (neighbour && neighbour !== this.host && neighbour.localName === HOST_TAG) neighbour.remove();
    if (placement === 'before') anchor.before(this.host);
    else anchor.after(this.host);
  }

  get accountId(): string {
    return this.point.accountId;
  }

  /** Still next to its anchor? The CRM may re-render around it. */
  get inPlace(): boolean {
    const { anchor, placement } = this.point;
    return this.host.isConnected && (placement === 'before' ? anchor.previousSibling : anchor.nextSibling) === this.host;
  }

  /** Puts the badge back next to its anchor; gives up after a few tries (a CRM that keeps removing it). */
  reattach(): boolean {
    if (this.reattached >= 5 || !this.point.anchor.isConnected) return false;
    this.reattached++;
    this.place();
    return true;
  }

  set(state: BadgeState): void {
    this.state = state;
    this.host.dataset.state = state.status;
    this.draw();
  }

  setView(view: BadgeView): void {
    this.view = view;
    this.draw();
  }

  private draw(): void {
    render(
      <Badge
        state={this.state}
        size={this.point.size}
        lang={this.view.lang}
        chipIds={this.view.chipIds}
        onOpenOptions={this.view.onOpenOptions}
      />,
      this.root,
    );
  }

  destroy(): void {
    render(null, this.root);
    this.host.remove();
  }
}
