/** The rule set's dimensions, each collapsible, with its fields and its ordered tiers. */
import type { Dimension } from '../../../shared/schema.ts';
import { countIssuesWithin, useEditor, useText } from './context.ts';
import { FieldErrors, IconButton, TextField } from './fields.tsx';
import { LocalizedTextEditor } from './LocalizedTextEditor.tsx';
import { fieldId, indexMaps, setAt } from './path.ts';
import { addDimension, addTier, moveDimension, removeDimension, renameDimension } from './state.ts';
import { TierEditor } from './TierEditor.tsx';

export function DimensionList() {
  const t = useText();
  const { rules, update, readOnly, setExpanded } = useEditor();
  const add = () => {
    setExpanded(`dimensions[${rules.dimensions.length}]`, true);
    update((r) => addDimension(r)[0]);
  };
  return (
    <section class="dimensions" data-anchor="dimensions" tabIndex={-1} aria-labelledby="dimensions-heading">
      <h3 id="dimensions-heading">{t('dimensions')}</h3>
      <FieldErrors anchor="dimensions" />
      <ol class="dimension-list">
        {rules.dimensions.map((d, di) => (
          <li key={di}>
            <DimensionEditor di={di} dimension={d} count={rules.dimensions.length} />
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" onClick={add}>
          + {t('addDimension')}
        </button>
      )}
    </section>
  );
}

export interface DimensionEditorProps {
  di: number;
  dimension: Dimension;
  count: number;
}

export function DimensionEditor({ di, dimension, count }: DimensionEditorProps) {
  const t = useText();
  const { rules, lang, update, readOnly, issues, expanded, setExpanded, remapExpanded } = useEditor();
  const anchor = `dimensions[${di}]`;
  const move = (to: number) => {
    update((r) => moveDimension(r, di, to));
    remapExpanded('dimensions', indexMaps.move(di, to));
  };
  const remove = () => {
    if (!globalThis.confirm(t('confirmRemoveDimension', { name: label }))) return;
    update((r) => removeDimension(r, di));
    remapExpanded('dimensions', indexMaps.remove(di));
  };
  const addTierHere = () => {
    const [, ti] = addTier(rules, di);
    update((r) => addTier(r, di)[0]);
    remapExpanded(`${anchor}.tiers`, indexMaps.insert(ti));
    setExpanded(`${anchor}.tiers[${ti}]`, true);
  };
  const open = expanded.has(anchor);
  const problems = countIssuesWithin(issues, anchor);
  const label = dimension.label?.[lang] || dimension.id;
  const headingId = `${fieldId(anchor)}-heading`;
  const bodyId = `${fieldId(anchor)}-body`;
  const setDescription = (v: { zh: string; en: string }) =>
    update((r) => setAt(r, ['dimensions', di, 'description'], v.zh === '' && v.en === '' ? undefined : v));

  return (
    <section class="dimension" data-anchor={anchor} tabIndex={-1} aria-labelledby={headingId} data-open={open ? 'true' : 'false'}>
      <header class="dimension-head">
        <h4>
          <button
            type="button"
            class="disclosure"
            id={headingId}
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setExpanded(anchor, !open)}
          >
            <span class="chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            <span>{label}</span>
            <span class="mono muted">{dimension.id}</span>
            <span class="muted">· {t('tierCount', { n: dimension.tiers.length })}</span>
            {problems > 0 && (
              <span class="pill" data-variant="error">
                {t('issuesIn', { n: problems })}
              </span>
            )}
          </button>
        </h4>
        {!readOnly && (
          <span class="row-actions">
            <IconButton label={`${t('moveUp')}: ${label}`} disabled={di === 0} onClick={() => move(di - 1)}>
              ↑
            </IconButton>
            <IconButton label={`${t('moveDown')}: ${label}`} disabled={di === count - 1} onClick={() => move(di + 1)}>
              ↓
            </IconButton>
            <IconButton label={`${t('removeDimension')}: ${label}`} variant="danger" disabled={count <= 1} onClick={remove}>
              ✕
            </IconButton>
          </span>
        )}
      </header>
      <FieldErrors anchor={anchor} />
      {open && (
        <div class="dimension-body" id={bodyId}>
          <TextField
            anchor={`${anchor}.id`}
            label={t('id')}
            value={dimension.id}
            hint={t('idHint')}
            onValue={(id) => update((r) => renameDimension(r, di, id))}
          />
          <LocalizedTextEditor
            anchor={`${anchor}.label`}
            label={t('label')}
            value={dimension.label}
            onValue={(v) => update((r) => setAt(r, ['dimensions', di, 'label'], v))}
          />
          <LocalizedTextEditor
            anchor={`${anchor}.description`}
            label={`${t('description')} ${t('optional')}`}
            value={dimension.description}
            multiline
            onValue={setDescription}
          />
          <fieldset class="tiers" data-anchor={`${anchor}.tiers`} tabIndex={-1}>
            <legend>{t('tiers')}</legend>
            <FieldErrors anchor={`${anchor}.tiers`} />
            <ol class="tier-list">
              {dimension.tiers.map((_, ti) => (
                <li key={ti}>
                  <TierEditor di={di} ti={ti} dimension={dimension} />
                </li>
              ))}
            </ol>
            {!readOnly && (
              <button type="button" onClick={addTierHere}>
                + {t('addTier')}
              </button>
            )}
          </fieldset>
        </div>
      )}
    </section>
  );
}
