/** A tier's handling tips: an ordered list per language, each tip its own text area. */
import type { Lang } from '../../../shared/schema.ts';
import { useEditor, useText } from './context.ts';
import { FieldErrors, IconButton, useControlProps } from './fields.tsx';

export interface TipsEditorProps {
  /** The path of the `{zh: [...], en: [...]}` object. */
  anchor: string;
  value: { zh?: string[]; en?: string[] } | undefined;
  onValue: (value: { zh: string[]; en: string[] }) => void;
}

const MAX_TIPS = 8;

export function TipsEditor({ anchor, value, onValue }: TipsEditorProps) {
  const t = useText();
  const zh = value?.zh ?? [];
  const en = value?.en ?? [];
  const set = (lang: Lang, list: string[]) => onValue(lang === 'zh' ? { zh: list, en } : { zh, en: list });
  return (
    <fieldset class="tips" data-anchor={anchor} tabIndex={-1}>
      <legend>{t('tips')}</legend>
      <FieldErrors anchor={anchor} />
      <div class="tips-columns">
        <TipList anchor={`${anchor}.zh`} lang="zh" tips={zh} onTips={(l) => set('zh', l)} />
        <TipList anchor={`${anchor}.en`} lang="en" tips={en} onTips={(l) => set('en', l)} />
      </div>
    </fieldset>
  );
}

export interface TipListProps {
  anchor: string;
  lang: Lang;
  tips: string[];
  onTips: (tips: string[]) => void;
}

export function TipList({ anchor, lang, tips, onTips }: TipListProps) {
  const t = useText();
  const { readOnly } = useEditor();
  const heading = lang === 'zh' ? t('langZh') : t('langEn');
  return (
    <fieldset class="tip-list" data-anchor={anchor} tabIndex={-1}>
      <legend>{heading}</legend>
      <FieldErrors anchor={anchor} />
      {tips.length === 0 && <p class="hint">{t('noTips')}</p>}
      <ol>
        {tips.map((tip, k) => (
          <TipItem
            key={k}
            anchor={`${anchor}[${k}]`}
            label={`${heading} · ${t('tip', { n: k + 1 })}`}
            removeLabel={t('removeTip', { n: k + 1 })}
            value={tip}
            lang={lang}
            onValue={(v) => onTips(tips.map((x, i) => (i === k ? v : x)))}
            onRemove={() => onTips(tips.filter((_, i) => i !== k))}
          />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" class="link-button" disabled={tips.length >= MAX_TIPS} onClick={() => onTips([...tips, ''])}>
          + {t('addTip')}
        </button>
      )}
    </fieldset>
  );
}

interface TipItemProps {
  anchor: string;
  label: string;
  removeLabel: string;
  value: string;
  lang: Lang;
  onValue: (value: string) => void;
  onRemove: () => void;
}

function TipItem({ anchor, label, removeLabel, value, lang, onValue, onRemove }: TipItemProps) {
  const { readOnly } = useEditor();
  const props = useControlProps(anchor);
  return (
    <li>
      <div class="tip-row">
        <textarea
          {...props}
          aria-label={label}
          lang={lang}
          rows={2}
          value={value}
          readOnly={readOnly}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
        {!readOnly && (
          <IconButton label={removeLabel} onClick={onRemove} variant="danger">
            ✕
          </IconButton>
        )}
      </div>
      <FieldErrors anchor={anchor} />
    </li>
  );
}
