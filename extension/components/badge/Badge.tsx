/**
 * The tier badge: the headline tier as a real <button> with visible text, colour and icon,
 * small chips for two or three chosen dimensions, and a card (the button's aria-describedby
 * description) that opens on hover and on keyboard focus, and closes on Escape.
 *
 * Every CRM or worker string is rendered as a Preact text node: nothing here sets HTML.
 */

import { Component, type ComponentChildren, createRef } from 'preact';
import type { Classification, DimensionResult, Lang } from '../../../shared/schema.ts';
import { t } from '../../lib/i18n.ts';
import type { UiError, UiErrorKind } from '../../lib/protocol.ts';
import { Card, ErrorCard } from './Card.tsx';

export type BadgeState = { status: 'loading' } | { status: 'ok'; value: Classification } | { status: 'error'; error: UiError };

export interface BadgeProps {
  state: BadgeState;
  size: 'large' | 'compact';
  lang: Lang;
  /** Dimension ids chosen for chips (settings); empty: the rule set's own. */
  chipIds: readonly string[];
  onOpenOptions: () => void;
}

const MAX_CHIPS = 3;
const CLOSE_DELAY_MS = 120;
let nextId = 0;

/** What to do next for each failure: the card offers the settings for the ones a user can fix there. */
const FIXABLE_IN_SETTINGS: ReadonlySet<UiErrorKind> = new Set(['not_configured', 'unauthorized', 'permission', 'unreachable', 'forbidden']);

export function pickChips(value: Classification, chipIds: readonly string[]): DimensionResult[] {
  const ids = chipIds.length > 0 ? chipIds : value.chips;
  const out: DimensionResult[] = [];
  for (const id of ids) {
    if (id === value.headline) continue;
    const d = value.dimensions.find((x) => x.id === id);
    if (d && !out.includes(d)) out.push(d);
    if (out.length === MAX_CHIPS) break;
  }
  return out;
}

export function headlineOf(value: Classification): DimensionResult | undefined {
  return value.dimensions.find((d) => d.id === value.headline) ?? value.dimensions[0];
}

interface BadgeUi {
  hovered: boolean;
  focused: boolean;
  /** Opened by a click (touch): stays until a click elsewhere or Escape. */
  pinned: boolean;
  /** Closed by Escape (or a second click) while still hovered or focused. */
  dismissed: boolean;
}

/**
 * A class component: the content script ships Preact's core only (no hooks runtime), to stay
 * within its size budget.
 */
export class Badge extends Component<BadgeProps, BadgeUi> {
  override state: BadgeUi = { hovered: false, focused: false, pinned: false, dismissed: false };
  private readonly cardId = `tl-card-${++nextId}`;
  private readonly root = createRef<HTMLSpanElement>();
  private readonly button = createRef<HTMLButtonElement>();
  private readonly card = createRef<HTMLDivElement>();
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The card's content is built the first time it opens: a 100-row list holds 100 badges but
   * no hidden cards (thousands of nodes). The card element itself is always there, as the
   * button's aria-describedby target; it is filled as it opens, on focus or hover.
   */
  private filled = false;
  /** Listeners that live while the card is open. */
  private openListeners: AbortController | undefined;

  private get open(): boolean {
    const { hovered, focused, pinned, dismissed } = this.state;
    return this.props.state.status !== 'loading' && !dismissed && (hovered || focused || pinned);
  }

  private readonly enter = () => {
    clearTimeout(this.closeTimer);
    this.setState({ hovered: true });
  };

  private readonly leave = () => {
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.setState({ hovered: false, dismissed: false }), CLOSE_DELAY_MS);
  };

  private readonly onFocus = () => this.setState({ focused: true, dismissed: false });

  private readonly onBlur = (e: FocusEvent) => {
    if (!this.card.current?.contains(e.relatedTarget as Node | null)) this.setState({ focused: false });
  };

  private readonly onCardFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to !== this.button.current && !this.card.current?.contains(to)) this.setState({ focused: false });
  };

  private readonly onClick = (e: MouseEvent) => {
    // The CRM's row (a link target in list views) must not get this click.
    e.preventDefault();
    e.stopPropagation();
    const open = this.open;
    this.setState({ dismissed: open, pinned: !open });
  };

  override componentDidUpdate(): void {
    this.sync();
  }

  override componentDidMount(): void {
    this.sync();
  }

  override componentWillUnmount(): void {
    clearTimeout(this.closeTimer);
    this.openListeners?.abort();
  }

  /** Shows or hides the card (a popover, in the top layer: no CRM overflow or z-index clips it). */
  private sync(): void {
    const card = this.card.current;
    const open = this.open && !!card;
    if (open && card) {
      if (typeof card.showPopover === 'function' && !card.matches(':popover-open')) card.showPopover();
      place(this.button.current, card);
    } else if (card && typeof card.hidePopover === 'function' && card.matches(':popover-open')) {
      card.hidePopover();
    }
    if (open && !this.openListeners) this.listenWhileOpen();
    if (!open && this.openListeners) {
      this.openListeners.abort();
      this.openListeners = undefined;
    }
  }

  private listenWhileOpen(): void {
    const controller = new AbortController();
    this.openListeners = controller;
    const signal = controller.signal;
    // Escape closes the card wherever focus is (APG tooltip), and stops there.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      e.preventDefault();
      this.setState({ dismissed: true, pinned: false });
    };
    document.addEventListener('keydown', onKey, { capture: true, signal });
    // A card opened by a click closes on a click elsewhere.
    const onDown = (e: PointerEvent) => {
      if (this.root.current && !e.composedPath().includes(this.root.current)) this.setState({ pinned: false });
    };
    document.addEventListener('pointerdown', onDown, { capture: true, signal });
    const reposition = () => place(this.button.current, this.card.current);
    window.addEventListener('scroll', reposition, { capture: true, passive: true, signal });
    window.addEventListener('resize', reposition, { passive: true, signal });
  }

  override render({ state, size, lang, chipIds, onOpenOptions }: BadgeProps) {
    const s = t(lang);
    const open = this.open;
    let face: ComponentChildren;
    let chips: DimensionResult[] = [];
    let style: Record<string, string> | undefined;
    let variant: string;
    if (state.status === 'ok') {
      const head = headlineOf(state.value);
      variant = 'ok';
      style = head ? { background: head.color, color: head.textColor, borderColor: head.color } : undefined;
      face = head ? (
        <>
          <span class="icon" aria-hidden="true">
            {head.icon}
          </span>
          <span class="label">{head.tierLabel}</span>
        </>
      ) : (
        <span class="label">—</span>
      );
      chips = size === 'large' ? pickChips(state.value, chipIds) : [];
    } else if (state.status === 'error') {
      variant = 'muted';
      face = (
        <>
          <span class="icon" aria-hidden="true">
            ⚠
          </span>
          <span class="label">{s.muted[state.error.kind]}</span>
        </>
      );
    } else {
      variant = 'loading';
      face = <span class="label">{s.loading}</span>;
    }
    const ready = state.status !== 'loading';
    if (open) this.filled = true;

    return (
      <span ref={this.root} class="tl" data-size={size} data-variant={variant} onPointerEnter={this.enter} onPointerLeave={this.leave}>
        <button
          ref={this.button}
          type="button"
          class="badge"
          style={style}
          aria-describedby={ready ? this.cardId : undefined}
          aria-busy={ready ? undefined : 'true'}
          onFocus={this.onFocus}
          onBlur={this.onBlur}
          onClick={this.onClick}
        >
          {face}
        </button>
        {chips.map((d) => (
          <span key={d.id} class="chip" style={{ borderColor: d.color }} data-dimension={d.id}>
            <span class="dot" style={{ background: d.color }} aria-hidden="true" />
            <span class="chip-label">{d.tierLabel}</span>
          </span>
        ))}
        {ready && (
          <div
            ref={this.card}
            id={this.cardId}
            role="tooltip"
            class="card"
            popover="manual"
            data-open={open ? '' : undefined}
            onPointerEnter={this.enter}
            onPointerLeave={this.leave}
            onFocusOut={this.onCardFocusOut}
          >
            {!this.filled ? null : state.status === 'ok' ? (
              <Card value={state.value} lang={lang} chipIds={chips.map((c) => c.id)} />
            ) : (
              <ErrorCard
                error={state.error}
                lang={lang}
                onOpenOptions={FIXABLE_IN_SETTINGS.has(state.error.kind) ? onOpenOptions : undefined}
              />
            )}
          </div>
        )}
      </span>
    );
  }
}

/** Below the badge, or above when there is no room; always inside the viewport. */
function place(anchor: HTMLElement | null, card: HTMLElement | null): void {
  if (!anchor || !card) return;
  const r = anchor.getBoundingClientRect();
  const margin = 8;
  const width = card.offsetWidth;
  const height = card.offsetHeight;
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = window.innerHeight;
  let top = r.bottom + 6;
  if (top + height > vh - margin && r.top - 6 - height >= margin) top = r.top - 6 - height;
  const left = Math.max(margin, Math.min(r.left, vw - width - margin));
  card.style.top = `${Math.max(margin, top)}px`;
  card.style.left = `${left}px`;
}
