/**
 * One tier of a dimension: a header that always shows (the badge as it will look, the id,
 * how many issues it has, and controls to expand, move and remove it) and, when expanded, the
 * tier's fields and its condition.
 */
import type { Dimension, Tier } from '../../../shared/schema.ts';
import { CadenceInput } from './CadenceInput.tsx';
import { ColorInput, contrastInfo } from './ColorInput.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { countIssuesWithin, useEditor, useText } from './context.ts';
import { FieldErrors, IconButton, SelectField, TextField } from './fields.tsx';
import { LocalizedTextEditor } from './LocalizedTextEditor.tsx';
import { fieldId, indexMaps, setAt } from './path.ts';
import { moveTier, removeTier, renameTier } from './state.ts';
import { TipsEditor } from './TipsEditor.tsx';

export interface TierEditorProps {
  di: number;
  ti: number;
  dimension: Dimension;
}

const NEXT_DEFAULT = '__above';
const NEXT_NONE = '__none';

export function TierEditor({ di, ti, dimension }: TierEditorProps) {
  const t = useText();
  const { lang, update, readOnly, issues, expanded, setExpanded, remapExpanded } = useEditor();
  const tier = dimension.tiers[ti] as Tier;
  const anchor = `dimensions[${di}].tiers[${ti}]`;
  const open = expanded.has(anchor);
  const count = dimension.tiers.length;
  const problems = countIssuesWithin(issues, anchor);
  const bodyId = `${fieldId(anchor)}-body`;
  const headingId = `${fieldId(anchor)}-heading`;
  const set = (key: keyof Tier, value: unknown) => update((r) => setAt(r, ['dimensions', di, 'tiers', ti, key], value));
  const label = tier.label?.[lang] || tier.id;
  const info = contrastInfo(tier.color);
  const listPath = `dimensions[${di}].tiers`;
  const move = (to: number) => {
    update((r) => moveTier(r, di, ti, to));
    remapExpanded(listPath, indexMaps.move(ti, to));
  };
  const remove = () => {
    if (!globalThis.confirm(t('confirmRemoveTier', { name: label }))) return;
    update((r) => removeTier(r, di, ti));
    remapExpanded(listPath, indexMaps.remove(ti));
  };

  return (
    <section class="tier" data-anchor={anchor} tabIndex={-1} aria-labelledby={headingId} data-open={open ? 'true' : 'false'}>
      <header class="tier-head">
        <button
          type="button"
          class="disclosure"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setExpanded(anchor, !open)}
          id={headingId}
        >
          <span class="chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span class="tier-badge" style={info ? { background: tier.color, color: info.text } : undefined}>
            <span aria-hidden="true">{tier.icon}</span> {label}
          </span>
          <span class="mono muted">{tier.id}</span>
          {tier.when === true && <span class="pill">{t('catchAll')}</span>}
          {problems > 0 && (
            <span class="pill" data-variant="error">
              {t('issuesIn', { n: problems })}
            </span>
          )}
        </button>
        {!readOnly && (
          <span class="row-actions">
            <IconButton label={`${t('moveUp')}: ${label}`} disabled={ti === 0} onClick={() => move(ti - 1)}>
              ↑
            </IconButton>
            <IconButton label={`${t('moveDown')}: ${label}`} disabled={ti === count - 1} onClick={() => move(ti + 1)}>
              ↓
            </IconButton>
            <IconButton label={`${t('removeTier')}: ${label}`} variant="danger" disabled={count <= 1} onClick={remove}>
              ✕
            </IconButton>
          </span>
        )}
      </header>
      <FieldErrors anchor={anchor} />
      {open && (
        <div class="tier-body" id={bodyId}>
          <div class="grid">
            <TextField
              anchor={`${anchor}.id`}
              label={t('id')}
              value={tier.id}
              hint={t('idHint')}
              onValue={(id) => update((r) => renameTier(r, di, ti, id))}
            />
            <TextField anchor={`${anchor}.icon`} label={t('icon')} value={tier.icon} onValue={(v) => set('icon', v)} />
            <ColorInput anchor={`${anchor}.color`} value={tier.color} sample={`${tier.icon} ${label}`} onValue={(v) => set('color', v)} />
            <SelectField
              anchor={`${anchor}.next`}
              label={t('next')}
              hint={t('nextHint')}
              value={tier.next === undefined ? NEXT_DEFAULT : tier.next === null ? NEXT_NONE : tier.next}
              options={[
                { value: NEXT_DEFAULT, label: t('nextDefault') },
                { value: NEXT_NONE, label: t('nextNone') },
                ...dimension.tiers.filter((_, i) => i !== ti).map((x) => ({ value: x.id, label: `${x.label?.[lang] ?? x.id} · ${x.id}` })),
              ]}
              onValue={(v) => set('next', v === NEXT_DEFAULT ? undefined : v === NEXT_NONE ? null : v)}
            />
          </div>
          <LocalizedTextEditor anchor={`${anchor}.label`} label={t('label')} value={tier.label} onValue={(v) => set('label', v)} />
          <CadenceInput anchor={`${anchor}.cadence`} value={tier.cadence} onValue={(v) => set('cadence', v)} />
          <TipsEditor anchor={`${anchor}.tips`} value={tier.tips} onValue={(v) => set('tips', v)} />
          <ConditionEditor anchor={`${anchor}.when`} dimensionId={dimension.id} />
        </div>
      )}
    </section>
  );
}
