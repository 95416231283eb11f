/**
 * A tier's condition, recursively: always / all of / any of / not / a comparison. Groups list
 * their conditions with controls to add, move and remove them; a comparison picks its left side
 * (a catalogue metric by family, a CRM field, an attribute, a flag, another dimension's tier),
 * an operator that fits it, and a value input that fits the operator.
 */
import type { Condition, Leaf } from '../../../shared/schema.ts';
import { useEditor, useText } from './context.ts';
import { FieldErrors, IconButton, SelectField, useControlProps } from './fields.tsx';
import { ACCESSOR_TEXT, KIND_TEXT, OP_TEXT } from './i18n.ts';
import { MetricPicker } from './MetricPicker.tsx';
import { fieldId, getAt, parsePath, setAt } from './path.ts';
import {
  ACCESSOR_KINDS,
  type AccessorKind,
  accessorKind,
  accessorName,
  addCondition,
  type ConditionKind,
  conditionKind,
  convertCondition,
  DEFAULT_LEAF,
  makeAccessor,
  moveCondition,
  opsFor,
  removeCondition,
  withAccessor,
  withOp,
} from './state.ts';
import { ValueEditor } from './ValueEditor.tsx';

const KINDS: readonly ConditionKind[] = ['leaf', 'all', 'any', 'not', 'true'];

export interface ConditionEditorProps {
  /** The path of this condition, e.g. `dimensions[0].tiers[1].when.all[2]`. */
  anchor: string;
  /** The dimension the tier belongs to (a condition cannot refer to its own dimension). */
  dimensionId: string;
  /** Present when the condition is an item of a group. */
  item?: { index: number; count: number; group: string };
  depth?: number;
}

export function ConditionEditor({ anchor, dimensionId, item, depth = 0 }: ConditionEditorProps) {
  const t = useText();
  const { rules, update, readOnly, lang } = useEditor();
  const path = parsePath(anchor);
  const condition = getAt(rules, path) as Condition;
  const kind = conditionKind(condition);
  const set = (c: Condition) => update((r) => setAt(r, path, c));
  const groupPath = item ? parsePath(item.group) : [];
  const kindId = `${fieldId(anchor)}-kind`;

  return (
    <fieldset class="condition" data-kind={kind} data-depth={depth % 2 ? 'odd' : 'even'} data-anchor={anchor} tabIndex={-1}>
      <legend>{item ? `${t('condition')} ${item.index + 1}` : t('condition')}</legend>
      <div class="condition-head">
        <select
          id={kindId}
          aria-label={t('conditionType')}
          value={kind}
          disabled={readOnly}
          onChange={(e) => set(convertCondition(condition, e.currentTarget.value as ConditionKind))}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_TEXT[k][lang]}
            </option>
          ))}
        </select>
        {item && !readOnly && (
          <span class="row-actions">
            <IconButton
              label={t('moveUp')}
              disabled={item.index === 0}
              onClick={() => update((r) => moveCondition(r, groupPath, item.index, item.index - 1))}
            >
              ↑
            </IconButton>
            <IconButton
              label={t('moveDown')}
              disabled={item.index === item.count - 1}
              onClick={() => update((r) => moveCondition(r, groupPath, item.index, item.index + 1))}
            >
              ↓
            </IconButton>
            <IconButton
              label={t('removeCondition')}
              variant="danger"
              onClick={() => update((r) => removeCondition(r, groupPath, item.index))}
            >
              ✕
            </IconButton>
          </span>
        )}
      </div>
      <FieldErrors anchor={anchor} />
      {(kind === 'all' || kind === 'any') && (
        <GroupItems
          anchor={anchor}
          list={(condition as Record<'all' | 'any', Condition[]>)[kind]}
          listKey={kind}
          dimensionId={dimensionId}
          depth={depth}
        />
      )}
      {kind === 'not' && <ConditionEditor anchor={`${anchor}.not`} dimensionId={dimensionId} depth={depth + 1} />}
      {kind === 'leaf' && <LeafEditor anchor={anchor} leaf={condition as Leaf} dimensionId={dimensionId} />}
    </fieldset>
  );
}

interface GroupItemsProps {
  anchor: string;
  list: Condition[];
  listKey: 'all' | 'any';
  dimensionId: string;
  depth: number;
}

function GroupItems({ anchor, list, listKey, dimensionId, depth }: GroupItemsProps) {
  const t = useText();
  const { update, readOnly } = useEditor();
  const path = parsePath(anchor);
  return (
    <>
      <ol class="condition-items">
        {list.map((_, i) => (
          <li key={i}>
            <ConditionEditor
              anchor={`${anchor}.${listKey}[${i}]`}
              dimensionId={dimensionId}
              item={{ index: i, count: list.length, group: anchor }}
              depth={depth + 1}
            />
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div class="condition-add">
          <button type="button" class="link-button" onClick={() => update((r) => addCondition(r, path))}>
            + {t('addComparison')}
          </button>
          <button type="button" class="link-button" onClick={() => update((r) => addCondition(r, path, { all: [DEFAULT_LEAF] }))}>
            + {t('addGroup')}
          </button>
        </div>
      )}
    </>
  );
}

export interface LeafEditorProps {
  anchor: string;
  leaf: Leaf;
  dimensionId: string;
}

/** Attribute names every snapshot may carry (AccountSnapshot.attributes). */
const KNOWN_ATTRIBUTES = ['industry', 'country', 'region', 'city', 'employees', 'annualRevenue', 'owner', 'type'];

export function LeafEditor({ anchor, leaf, dimensionId }: LeafEditorProps) {
  const t = useText();
  const { rules, update, readOnly, lang } = useEditor();
  const path = parsePath(anchor);
  const metric = typeof leaf.metric === 'string' ? leaf.metric : '';
  const akind = accessorKind(metric);
  const setLeaf = (l: Leaf) => update((r) => setAt(r, path, l));
  const setMetric = (m: string) => update((r) => setAt(r, path, withAccessor(leaf, m, r)));
  const metricAnchor = `${anchor}.metric`;
  const otherDims = rules.dimensions.filter((d) => d.id !== dimensionId);
  const ops = opsFor(metric);

  const changeKind = (k: AccessorKind) => {
    if (k === akind) return;
    const name = k === 'metric' ? DEFAULT_LEAF.metric : k === 'dim' ? (otherDims[0]?.id ?? '') : k === 'attr' ? 'industry' : '';
    setMetric(makeAccessor(k, name));
  };

  return (
    <div class="leaf">
      <SelectField
        anchor={metricAnchor}
        id={`${fieldId(metricAnchor)}-kind`}
        label={t('leftSide')}
        value={akind}
        options={ACCESSOR_KINDS.map((k) => ({ value: k, label: ACCESSOR_TEXT[k][lang] }))}
        onValue={(k) => changeKind(k as AccessorKind)}
      />
      {akind === 'metric' && <MetricPicker anchor={metricAnchor} label={t('metric')} value={metric} onValue={setMetric} />}
      {akind === 'dim' && (
        <SelectField
          anchor={metricAnchor}
          label={t('otherDimension')}
          value={accessorName(metric)}
          options={otherDims.map((d) => ({ value: d.id, label: `${d.label?.[lang] ?? d.id} · ${d.id}` }))}
          onValue={(id) => setMetric(`dim.${id}`)}
        />
      )}
      {(akind === 'field' || akind === 'attr' || akind === 'flag') && (
        <AccessorNameField
          anchor={metricAnchor}
          kind={akind}
          name={accessorName(metric)}
          onName={(n) => setMetric(makeAccessor(akind, n))}
        />
      )}
      <SelectField
        anchor={`${anchor}.op`}
        label={t('operator')}
        value={leaf.op}
        options={ops.map((op) => ({ value: op, label: OP_TEXT[op][lang] }))}
        onValue={(op) => update((r) => setAt(r, path, withOp(leaf, op as Leaf['op'], r)))}
      />
      <ValueEditor anchor={`${anchor}.value`} leaf={leaf} onLeaf={setLeaf} readOnly={readOnly} />
    </div>
  );
}

interface AccessorNameFieldProps {
  anchor: string;
  kind: 'field' | 'attr' | 'flag';
  name: string;
  onName: (name: string) => void;
}

/** The name of a CRM field, attribute or flag, with suggestions from the snapshot contract and the rules in use. */
function AccessorNameField({ anchor, kind, name, onName }: AccessorNameFieldProps) {
  const t = useText();
  const { rules, readOnly } = useEditor();
  const props = useControlProps(anchor);
  const listId = `${fieldId(anchor)}-suggestions`;
  const used = new Set<string>(kind === 'attr' ? KNOWN_ATTRIBUTES : []);
  const collect = (c: Condition) => {
    if (c === true) return;
    if ('all' in c) c.all.forEach(collect);
    else if ('any' in c) c.any.forEach(collect);
    else if ('not' in c) collect(c.not);
    else if (typeof c.metric === 'string' && c.metric.startsWith(`${kind}.`)) used.add(c.metric.slice(kind.length + 1));
  };
  for (const d of rules.dimensions) for (const tier of d.tiers) collect(tier.when);
  return (
    <div class="field">
      <label for={fieldId(anchor)}>
        {t('fieldName')} <span class="mono">{kind}.</span>
      </label>
      <input
        {...props}
        type="text"
        class="mono"
        list={listId}
        value={name}
        readOnly={readOnly}
        onInput={(e) => onName(e.currentTarget.value)}
      />
      <datalist id={listId}>
        {[...used].sort().map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <FieldErrors anchor={anchor} />
    </div>
  );
}
