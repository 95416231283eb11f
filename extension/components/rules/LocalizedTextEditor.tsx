/** A text in both languages (a label, a description): one input per language, side by side. */
import type { LocalizedText } from '../../../shared/schema.ts';
import { useText } from './context.ts';
import { TextField } from './fields.tsx';

export interface LocalizedTextEditorProps {
  /** The path of the `{zh, en}` object. */
  anchor: string;
  label: string;
  value: Partial<LocalizedText> | undefined;
  onValue: (value: LocalizedText) => void;
  multiline?: boolean;
}

export function LocalizedTextEditor({ anchor, label, value, onValue, multiline }: LocalizedTextEditorProps) {
  const t = useText();
  const zh = value?.zh ?? '';
  const en = value?.en ?? '';
  return (
    <fieldset class="localized" data-anchor={anchor} tabIndex={-1}>
      <legend>{label}</legend>
      <TextField
        anchor={`${anchor}.zh`}
        label={t('langZh')}
        value={zh}
        lang="zh"
        multiline={multiline}
        onValue={(v) => onValue({ zh: v, en })}
      />
      <TextField
        anchor={`${anchor}.en`}
        label={t('langEn')}
        value={en}
        lang="en"
        multiline={multiline}
        onValue={(v) => onValue({ zh, en: v })}
      />
    </fieldset>
  );
}
