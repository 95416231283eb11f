/** Chooses a catalogue metric: a select grouped by family, each option its description and name. */
import { METRICS, type MetricFamily, type MetricInfo } from '../../../shared/metrics.ts';
import type { Lang } from '../../../shared/schema.ts';
import { useEditor } from './context.ts';
import { SelectField } from './fields.tsx';
import { FAMILY_TEXT } from './i18n.ts';

const FAMILIES: readonly MetricFamily[] = ['orders', 'interactions', 'surveys', 'referrals', 'account'];

/** The catalogue grouped by family, in catalogue order, optionally filtered (e.g. numbers only). */
export function metricGroups(lang: Lang, filter: (m: MetricInfo) => boolean = () => true) {
  return FAMILIES.map((family) => ({
    label: FAMILY_TEXT[family][lang],
    options: METRICS.filter((m) => m.family === family && filter(m)).map((m) => ({
      value: m.name,
      label: `${m.description[lang]} · ${m.name}`,
    })),
  })).filter((g) => g.options.length > 0);
}

export interface MetricPickerProps {
  anchor: string;
  label: string;
  value: string;
  onValue: (name: string) => void;
  /** Only metrics that are numbers (the other side of >=, >, <=, <). */
  numbersOnly?: boolean;
}

export function MetricPicker({ anchor, label, value, onValue, numbersOnly }: MetricPickerProps) {
  const { lang } = useEditor();
  const groups = metricGroups(lang, numbersOnly ? (m) => m.unit !== 'type' : undefined);
  return <SelectField anchor={anchor} label={label} value={value} options={[]} groups={groups} onValue={onValue} />;
}
