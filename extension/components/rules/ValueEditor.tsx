/**
 * The right side of a comparison, with an input that fits the operator and the left side:
 * a number, a percentile of the population (with a fallback), another metric, a [low, high]
 * range, a list, yes/no, a tier of the dimension referred to, or "known / missing".
 */
import { useEffect, useState } from 'preact/hooks';
import type { Leaf } from '../../../shared/schema.ts';
import { useEditor, useText } from './context.ts';
import { Field, FieldErrors, NumberField, SelectField, useControlProps } from './fields.tsx';
import { THRESHOLD_TEXT } from './i18n.ts';
import { MetricPicker } from './MetricPicker.tsx';
import { fieldId } from './path.ts';
import {
  accessorKind,
  choicesFor,
  parseList,
  type ThresholdMode,
  thresholdFor,
  thresholdMode,
  type ValueType,
  valueType,
} from './state.ts';

export interface ValueEditorProps {
  /** The path of the comparison's `value`. */
  anchor: string;
  leaf: Leaf;
  onLeaf: (leaf: Leaf) => void;
  readOnly: boolean;
}

export function ValueEditor({ anchor, leaf, onLeaf }: ValueEditorProps) {
  const t = useText();
  const { rules, lang } = useEditor();
  const metric = typeof leaf.metric === 'string' ? leaf.metric : '';
  const type = valueType(metric);
  const setValue = (value: unknown) => onLeaf({ ...leaf, value } as Leaf);
  const value: unknown = leaf.value;

  switch (leaf.op) {
    case 'exists':
      return (
        <SelectField
          anchor={anchor}
          label={t('value')}
          value={String(value)}
          options={[
            { value: 'true', label: t('known') },
            { value: 'false', label: t('missing') },
          ]}
          onValue={(v) => setValue(v === 'true')}
        />
      );
    case 'between': {
      const [lo, hi] = Array.isArray(value) ? value : [undefined, undefined];
      return (
        <div class="value-group" data-anchor={anchor} tabIndex={-1}>
          <NumberField anchor={`${anchor}[0]`} label={t('low')} value={lo} onValue={(n) => setValue([n, hi])} />
          <NumberField anchor={`${anchor}[1]`} label={t('high')} value={hi} onValue={(n) => setValue([lo, n])} />
          <FieldErrors anchor={anchor} />
        </div>
      );
    }
    case 'in':
    case 'not_in': {
      const list = Array.isArray(value) ? value : [];
      if (type === 'tier' || type === 'choice') {
        return <ChoiceSet anchor={anchor} chosen={list} choices={choicesFor(metric, rules)} onChosen={setValue} />;
      }
      return <ListField anchor={anchor} list={list} type={type} onList={setValue} />;
    }
    case '==':
    case '!=':
      if (type === 'boolean') {
        return (
          <SelectField
            anchor={anchor}
            label={t('value')}
            value={String(value)}
            options={[
              { value: 'true', label: t('yes') },
              { value: 'false', label: t('no') },
            ]}
            onValue={(v) => setValue(v === 'true')}
          />
        );
      }
      if (type === 'tier' || type === 'choice') {
        const choices = choicesFor(metric, rules);
        return (
          <SelectField
            anchor={anchor}
            label={t('value')}
            value={String(value ?? '')}
            options={choices.map((c) => ({ value: c.value, label: `${c.label[lang]} · ${c.value}` }))}
            onValue={setValue}
          />
        );
      }
      if (type === 'number') return <NumberField anchor={anchor} label={t('value')} value={value} onValue={setValue} />;
      return <ScalarField anchor={anchor} value={value} onValue={setValue} />;
    default:
      return <ThresholdEditor anchor={anchor} leaf={leaf} onValue={setValue} />;
  }
}

interface ThresholdEditorProps {
  anchor: string;
  leaf: Leaf;
  onValue: (value: unknown) => void;
}

/** The value of >=, >, <=, <: a number, a percentile (catalogue metrics only) or another metric. */
function ThresholdEditor({ anchor, leaf, onValue }: ThresholdEditorProps) {
  const t = useText();
  const { lang } = useEditor();
  const value: unknown = leaf.value;
  const mode = thresholdMode(value);
  const modes: ThresholdMode[] = accessorKind(String(leaf.metric)) === 'metric' ? ['number', 'percentile', 'metric'] : ['number', 'metric'];
  const modeId = `${fieldId(anchor)}-mode`;
  const pct = (value ?? {}) as { percentile?: unknown; fallback?: unknown; metric?: unknown };
  return (
    <div class="value-group" data-anchor={mode === 'number' ? undefined : anchor} tabIndex={mode === 'number' ? undefined : -1}>
      <SelectField
        anchor={anchor}
        id={modeId}
        label={t('thresholdMode')}
        value={mode}
        options={modes.map((m) => ({ value: m, label: THRESHOLD_TEXT[m][lang] }))}
        onValue={(m) => onValue(thresholdFor(m as ThresholdMode, value))}
      />
      {mode === 'number' && <NumberField anchor={anchor} label={t('value')} value={value} onValue={onValue} />}
      {mode === 'percentile' && (
        <>
          <NumberField
            anchor={`${anchor}.percentile`}
            label={t('percentile')}
            value={pct.percentile}
            onValue={(n) => onValue({ ...pct, percentile: n })}
          />
          <NumberField
            anchor={`${anchor}.fallback`}
            label={t('fallback')}
            hint={t('fallbackHint')}
            value={pct.fallback}
            onValue={(n) => onValue({ ...pct, fallback: n })}
            onClear={() => onValue({ percentile: pct.percentile })}
          />
        </>
      )}
      {mode === 'metric' && (
        <MetricPicker
          anchor={`${anchor}.metric`}
          label={t('otherMetric')}
          value={String(pct.metric ?? '')}
          numbersOnly
          onValue={(m) => onValue({ metric: m })}
        />
      )}
      {mode !== 'number' && <FieldErrors anchor={anchor} />}
    </div>
  );
}

interface ChoiceSetProps {
  anchor: string;
  chosen: readonly unknown[];
  choices: { value: string; label: { zh: string; en: string } }[];
  onChosen: (values: unknown[]) => void;
}

/** Checkboxes for `in` / `not_in` over a fixed set (tiers, personality types); values not in the set stay listed. */
function ChoiceSet({ anchor, chosen, choices, onChosen }: ChoiceSetProps) {
  const t = useText();
  const { lang, readOnly } = useEditor();
  const props = useControlProps(anchor);
  const known = new Set(choices.map((c) => c.value));
  const all = [
    ...choices,
    ...chosen.filter((v) => !known.has(String(v))).map((v) => ({ value: String(v), label: { zh: String(v), en: String(v) } })),
  ];
  const toggle = (v: string, on: boolean) => onChosen(on ? [...chosen, v] : chosen.filter((x) => x !== v));
  return (
    <fieldset class="choice-set" {...props} tabIndex={-1}>
      <legend>{t('values')}</legend>
      <div class="choices">
        {all.map((c) => (
          <label key={c.value} class="inline">
            <input
              type="checkbox"
              checked={chosen.includes(c.value)}
              disabled={readOnly}
              onChange={(e) => toggle(c.value, e.currentTarget.checked)}
            />
            {c.label[lang]}
          </label>
        ))}
      </div>
      <FieldErrors anchor={anchor} />
    </fieldset>
  );
}

interface ListFieldProps {
  anchor: string;
  list: readonly unknown[];
  type: ValueType;
  onList: (values: unknown[]) => void;
}

const listText = (list: readonly unknown[]) => list.map((v) => String(v)).join('\n');

/** `in` / `not_in` over free values: one per line; numbers for numeric metrics. */
function ListField({ anchor, list, type, onList }: ListFieldProps) {
  const t = useText();
  const { readOnly } = useEditor();
  const [text, setText] = useState(listText(list));
  useEffect(() => {
    if (JSON.stringify(parseList(text, type)) !== JSON.stringify(list)) setText(listText(list));
  }, [list]);
  const props = useControlProps(anchor, { hint: true });
  return (
    <Field anchor={anchor} label={t('values')} hint={t('listHint')}>
      <textarea
        {...props}
        rows={Math.min(6, Math.max(2, list.length + 1))}
        value={text}
        readOnly={readOnly}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onList(parseList(e.currentTarget.value, type));
        }}
      />
    </Field>
  );
}

interface ScalarFieldProps {
  anchor: string;
  value: unknown;
  onValue: (value: unknown) => void;
}

type ScalarKind = 'text' | 'number' | 'boolean';
const scalarKind = (v: unknown): ScalarKind => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text');

/** == / != on a CRM field or attribute: text, a number or yes/no. */
function ScalarField({ anchor, value, onValue }: ScalarFieldProps) {
  const t = useText();
  const [kind, setKind] = useState(scalarKind(value));
  useEffect(() => {
    // Text typed into the number input that is not a number yet keeps the number input.
    const outside = scalarKind(value);
    if (!(kind === 'number' && outside === 'text')) setKind(outside);
  }, [value]);
  const typeId = `${fieldId(anchor)}-type`;
  const { readOnly } = useEditor();
  const props = useControlProps(anchor);
  return (
    <div class="value-group">
      <SelectField
        anchor={anchor}
        id={typeId}
        label={t('valueType')}
        value={kind}
        options={[
          { value: 'text', label: t('typeText') },
          { value: 'number', label: t('typeNumber') },
          { value: 'boolean', label: t('typeBoolean') },
        ]}
        onValue={(k) => {
          setKind(k as ScalarKind);
          onValue(k === 'number' ? Number(value) || 0 : k === 'boolean' ? true : value === undefined ? '' : String(value));
        }}
      />
      {kind === 'number' && <NumberField anchor={anchor} label={t('value')} value={value} onValue={onValue} />}
      {kind === 'boolean' && (
        <SelectField
          anchor={anchor}
          label={t('value')}
          value={String(value)}
          options={[
            { value: 'true', label: t('yes') },
            { value: 'false', label: t('no') },
          ]}
          onValue={(v) => onValue(v === 'true')}
        />
      )}
      {kind === 'text' && (
        <Field anchor={anchor} label={t('value')}>
          <input {...props} type="text" value={String(value ?? '')} readOnly={readOnly} onInput={(e) => onValue(e.currentTarget.value)} />
        </Field>
      )}
    </div>
  );
}
