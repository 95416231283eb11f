/** A tier's contact cadence (ISO 8601 P7D / P2W), edited as "every N days / weeks", or none. */
import { useEditor, useText } from './context.ts';
import { FieldErrors, useControlProps } from './fields.tsx';
import { fieldId } from './path.ts';
import { joinCadence, splitCadence } from './state.ts';

export interface CadenceInputProps {
  anchor: string;
  value: string | null | undefined;
  /** undefined: no cadence. */
  onValue: (value: string | undefined) => void;
}

export function CadenceInput({ anchor, value, onValue }: CadenceInputProps) {
  const t = useText();
  const { readOnly } = useEditor();
  const parts = splitCadence(value);
  const props = useControlProps(anchor);
  const id = fieldId(anchor);
  return (
    <fieldset class="cadence">
      <legend>{t('cadence')}</legend>
      <label class="inline">
        <input
          type="checkbox"
          id={`${id}-on`}
          checked={parts !== null}
          disabled={readOnly}
          onChange={(e) => onValue(e.currentTarget.checked ? 'P7D' : undefined)}
        />
        {t('cadenceOn')}
      </label>
      {parts && (
        <div class="cadence-row">
          <span aria-hidden="true">{t('cadenceEvery')}</span>
          <input
            {...props}
            type="number"
            min={1}
            max={parts.unit === 'W' ? 999 : 9999}
            aria-label={t('cadenceAmount')}
            value={parts.amount}
            readOnly={readOnly}
            onInput={(e) => {
              const n = e.currentTarget.value;
              onValue(joinCadence({ amount: n === '' ? '' : Math.trunc(Number(n)), unit: parts.unit }) ?? undefined);
            }}
          />
          <select
            id={`${id}-unit`}
            aria-label={t('cadenceUnit')}
            value={parts.unit}
            disabled={readOnly}
            onChange={(e) => onValue(joinCadence({ amount: parts.amount, unit: e.currentTarget.value as 'D' | 'W' }) ?? undefined)}
          >
            <option value="D">{t('days')}</option>
            <option value="W">{t('weeks')}</option>
          </select>
        </div>
      )}
      <FieldErrors anchor={anchor} />
    </fieldset>
  );
}
