/**
 * The editor's form controls: every control has a label, carries the path it edits
 * (`data-anchor`, used to focus it from the issue summary) and, when the validator has
 * something to say about that path, shows it right below and points to it with
 * `aria-describedby` / `aria-invalid`.
 */
import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useEditor, useIssuesAt } from './context.ts';
import { localizeIssue } from './issues.ts';
import { fieldId } from './path.ts';
import { parseNumber } from './state.ts';

export const errorId = (anchor: string) => `${fieldId(anchor)}-errors`;
export const hintId = (anchor: string) => `${fieldId(anchor)}-hint`;

export interface FieldErrorsProps {
  anchor: string;
  /** A message of the control's own (e.g. text that is not a number), shown before the validator's. */
  local?: string | undefined;
}

export function FieldErrors({ anchor, local }: FieldErrorsProps) {
  const { lang } = useEditor();
  const issues = useIssuesAt(anchor);
  if (!local && issues.length === 0) return null;
  return (
    <ul class="field-errors" id={errorId(anchor)}>
      {local && <li>{local}</li>}
      {issues.map((i) => (
        <li key={i.path + i.message}>{localizeIssue(i.message, lang)}</li>
      ))}
    </ul>
  );
}

/** Attributes tying a control to its path, its hint and its errors. */
export function useControlProps(anchor: string, opts: { hint?: boolean; invalid?: boolean } = {}) {
  const issues = useIssuesAt(anchor);
  const invalid = issues.length > 0 || opts.invalid === true;
  const describedBy = [opts.hint ? hintId(anchor) : '', invalid ? errorId(anchor) : ''].filter(Boolean).join(' ');
  return {
    id: fieldId(anchor),
    'data-anchor': anchor,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

export interface FieldProps {
  anchor: string;
  label: string;
  hint?: string | undefined;
  /** A message of the control's own, shown with the validator's. */
  local?: string | undefined;
  /** `wide` spans the row; `inline` puts the label beside a checkbox. */
  variant?: 'wide' | 'inline';
  children: ComponentChildren;
}

/** A label, the control (which must use useControlProps(anchor)), its hint and its errors. */
export function Field({ anchor, label, hint, local, variant, children }: FieldProps) {
  return (
    <div class="field" data-variant={variant}>
      <label for={fieldId(anchor)}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={hintId(anchor)}>
          {hint}
        </p>
      )}
      <FieldErrors anchor={anchor} local={local} />
    </div>
  );
}

export interface TextFieldProps {
  anchor: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  placeholder?: string;
  multiline?: boolean;
  variant?: 'wide';
  lang?: string;
}

export function TextField({ anchor, label, value, onValue, hint, placeholder, multiline, variant, lang }: TextFieldProps) {
  const { readOnly } = useEditor();
  const props = useControlProps(anchor, { hint: Boolean(hint) });
  const onInput = (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => onValue(e.currentTarget.value);
  return (
    <Field anchor={anchor} label={label} hint={hint} variant={variant}>
      {multiline ? (
        <textarea {...props} value={value} onInput={onInput} readOnly={readOnly} placeholder={placeholder} rows={2} lang={lang} />
      ) : (
        <input {...props} type="text" value={value} onInput={onInput} readOnly={readOnly} placeholder={placeholder} lang={lang} />
      )}
    </Field>
  );
}

export interface NumberFieldProps {
  anchor: string;
  label: string;
  /** The draft's value: a number, or text the user typed that is not one yet. */
  value: unknown;
  /** Called with a number, or with the raw text when it does not read as a number (so the validator flags it). */
  onValue: (value: number | string) => void;
  hint?: string;
  /** Clearing the field calls `onClear` instead (an optional number such as a fallback). */
  onClear?: () => void;
}

/**
 * A number typed as text (so `1,000,000`, `1.` and `-` can be typed on the way to a number).
 * Keeps what the user typed while it means the same number as the draft.
 */
export function NumberField({ anchor, label, value, onValue, hint, onClear }: NumberFieldProps) {
  const { readOnly, lang } = useEditor();
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const [text, setText] = useState(shown);
  useEffect(() => {
    // Follow outside changes (import, undo, a mode switch), not our own re-render.
    const mine = parseNumber(text);
    if (!(mine === value || (value === undefined && text.trim() === ''))) setText(shown);
  }, [value]);
  const parsed = parseNumber(text);
  const local = text.trim() !== '' && typeof parsed !== 'number' ? (lang === 'zh' ? '请输入数字' : 'Enter a number') : undefined;
  const props = useControlProps(anchor, { hint: Boolean(hint), invalid: Boolean(local) });
  return (
    <Field anchor={anchor} label={label} hint={hint} local={local}>
      <input
        {...props}
        type="text"
        inputMode="decimal"
        value={text}
        readOnly={readOnly}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          if (t.trim() === '' && onClear) onClear();
          else onValue(parseNumber(t));
        }}
      />
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  anchor: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  /** Options under group headings (the metric picker). */
  groups?: readonly { label: string; options: readonly SelectOption[] }[];
  onValue: (value: string) => void;
  hint?: string;
  /** An id for a select that is not the anchor's own control (e.g. the kind of a comparison's left side). */
  id?: string;
}

export function SelectField({ anchor, label, value, options, groups, onValue, hint, id }: SelectFieldProps) {
  const { readOnly } = useEditor();
  const anchorProps = useControlProps(anchor, { hint: Boolean(hint) });
  const props = id ? { id } : anchorProps;
  const known = options.some((o) => o.value === value) || groups?.some((g) => g.options.some((o) => o.value === value));
  return (
    <div class="field">
      <label for={props.id}>{label}</label>
      <select {...props} value={value} disabled={readOnly} onChange={(e) => onValue(e.currentTarget.value)}>
        {!known && <option value={value}>{value === '' ? '—' : value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {hint && (
        <p class="hint" id={hintId(anchor)}>
          {hint}
        </p>
      )}
      {!id && <FieldErrors anchor={anchor} />}
    </div>
  );
}

export interface IconButtonProps {
  label: string;
  onClick: () => void;
  children: ComponentChildren;
  disabled?: boolean;
  variant?: 'danger';
}

/** A small button whose visible content is a symbol; the label is its accessible name and tooltip. */
export function IconButton({ label, onClick, children, disabled, variant }: IconButtonProps) {
  return (
    <button type="button" class="icon-button" aria-label={label} title={label} onClick={onClick} disabled={disabled} data-variant={variant}>
      <span aria-hidden="true">{children}</span>
    </button>
  );
}
