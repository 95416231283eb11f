/**
 * A tier's colour: a hex text field and the browser's colour picker, with a live preview of
 * the badge and its WCAG contrast against the text colour the badge will use.
 */
import { contrastRatio, readableTextOn } from '../../../shared/color.ts';
import { HexColorSchema } from '../../../shared/schema.ts';
import { useEditor, useText } from './context.ts';
import { Field, useControlProps } from './fields.tsx';
import { fieldId } from './path.ts';

export interface ColorInputProps {
  anchor: string;
  value: string;
  onValue: (value: string) => void;
  /** What the badge preview says. */
  sample: string;
}

/** The minimum contrast for normal text (WCAG 2.x AA). */
export const MIN_CONTRAST = 4.5;

/** The text colour a badge on `color` uses and its contrast; null for an invalid colour. */
export function contrastInfo(color: string): { text: string; ratio: number; ok: boolean } | null {
  if (!HexColorSchema.safeParse(color).success) return null;
  const text = readableTextOn(color);
  const ratio = Math.floor(contrastRatio(color, text) * 10) / 10;
  return { text, ratio, ok: ratio >= MIN_CONTRAST };
}

export function ColorInput({ anchor, value, onValue, sample }: ColorInputProps) {
  const t = useText();
  const { readOnly } = useEditor();
  const info = contrastInfo(value);
  const props = useControlProps(anchor, { hint: info !== null });
  const hint = info
    ? t(info.ok ? 'contrast' : 'contrastLow', { ratio: info.ratio, text: t(info.text === '#ffffff' ? 'textWhite' : 'textDark') })
    : undefined;
  return (
    <Field anchor={anchor} label={t('color')} hint={hint}>
      <div class="color-row">
        <input
          type="color"
          id={`${fieldId(anchor)}-picker`}
          aria-label={t('colorPicker')}
          value={info ? value : '#000000'}
          disabled={readOnly}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
        <input
          {...props}
          type="text"
          class="mono"
          size={8}
          value={value}
          readOnly={readOnly}
          onInput={(e) => onValue(e.currentTarget.value.trim())}
        />
        {info && (
          <span class="badge-sample" style={{ background: value, color: info.text }} data-contrast={info.ok ? 'ok' : 'low'}>
            {sample}
          </span>
        )}
      </div>
    </Field>
  );
}
