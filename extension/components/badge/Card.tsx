/** The badge's card: every dimension with its tips, contact cadence, reasons and what is missing. */
import type { Classification, DimensionResult, Lang } from '../../../shared/schema.ts';
import { formatDate, formatDateTime, parseCadence, t } from '../../lib/i18n.ts';
import type { UiError } from '../../lib/protocol.ts';

export interface CardProps {
  value: Classification;
  lang: Lang;
  /** The dimensions shown as chips, listed right after the headline. */
  chipIds: readonly string[];
}

export function Card({ value, lang, chipIds }: CardProps) {
  const s = t(lang);
  const order = (d: DimensionResult) => (d.id === value.headline ? 0 : chipIds.includes(d.id) ? 1 + chipIds.indexOf(d.id) : 10);
  const dims = [...value.dimensions].sort((a, b) => order(a) - order(b));
  const computedAt = value.cache?.computedAt ?? value.asOf;
  return (
    <>
      <div class="card-title">{value.name}</div>
      <div class="card-meta">
        <span>{s.computedAt(formatDateTime(computedAt, lang))}</span>
        {value.cache?.stale && (
          <span class="stale" data-stale="">
            {s.stale}
          </span>
        )}
      </div>
      {dims.map((d) => (
        <Dimension key={d.id} d={d} lang={lang} headline={d.id === value.headline} />
      ))}
    </>
  );
}

interface DimensionProps {
  d: DimensionResult;
  lang: Lang;
  headline: boolean;
}

function Dimension({ d, lang, headline }: DimensionProps) {
  const s = t(lang);
  const cadence = parseCadence(d.cadence);
  const due = d.nextContactDue ? new Date(d.nextContactDue) : null;
  const overdue = due !== null && due.getTime() < Date.now();
  const because = d.because.map((b) => b.text).filter((x): x is string => !!x);
  const missing = d.next?.missing.map((m) => m.text).filter((x): x is string => !!x) ?? [];
  return (
    <section class="dim" data-dimension={d.id} data-headline={headline ? '' : undefined}>
      <div class="dim-head">
        <span class="dim-label">{d.label}</span>
        <span class="pill" style={{ background: d.color, color: d.textColor }}>
          <span aria-hidden="true">{d.icon}</span> {d.tierLabel}
        </span>
      </div>
      {(cadence || d.nextContactDue) && (
        <div class="cadence">
          {cadence && <span>{s.cadence(cadence[0], cadence[1])}</span>}
          {d.nextContactDue && (
            <span class={overdue ? 'due overdue' : 'due'}>
              {overdue ? s.overdue(formatDate(d.nextContactDue, lang)) : s.nextDue(formatDate(d.nextContactDue, lang))}
            </span>
          )}
        </div>
      )}
      {d.tips.length > 0 && <List title={s.tips} items={d.tips} kind="tips" />}
      {because.length > 0 && <List title={s.because} items={because} kind="because" />}
      {d.next && <List title={s.nextTier(d.next.label)} items={missing.length > 0 ? missing : [s.nothingMissing]} kind="missing" />}
    </section>
  );
}

function List({ title, items, kind }: { title: string; items: readonly string[]; kind: string }) {
  return (
    <div class="list" data-kind={kind}>
      <div class="list-title">{title}</div>
      <ul>
        {items.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ul>
    </div>
  );
}

export interface ErrorCardProps {
  error: UiError;
  lang: Lang;
  /** Offered when the user can fix the cause in the settings. */
  onOpenOptions: (() => void) | undefined;
}

export function ErrorCard({ error, lang, onOpenOptions }: ErrorCardProps) {
  const s = t(lang);
  return (
    <div class="error" data-kind={error.kind}>
      <div class="card-title">{s.muted[error.kind]}</div>
      <p>{s.why[error.kind]}</p>
      {error.requestId && <p class="request-id">{s.requestId(error.requestId)}</p>}
      {onOpenOptions && (
        <button type="button" class="link" onClick={onOpenOptions}>
          {s.openOptions}
        </button>
      )}
    </div>
  );
}
