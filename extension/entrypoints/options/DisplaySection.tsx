/** What the badge shows: the language (also this page's) and the dimensions shown as chips. */
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import { type LangSetting, MAX_CHIPS, resolveLang, type Settings } from '../../lib/settings.ts';
import { TEXT } from './messages.ts';

export interface DisplaySectionProps {
  lang: Lang;
  settings: Settings;
  /** The live rule set, for its dimensions; null until loaded. */
  rules: RuleSet | null;
  onLang: (value: LangSetting) => void;
  onChips: (chips: string[]) => void;
}

export function DisplaySection({ lang, settings, rules, onLang, onChips }: DisplaySectionProps) {
  const text = TEXT[lang];
  const browserLang = resolveLang('auto') === 'zh' ? text.langZh : text.langEn;
  const chosen = settings.chips.filter((c) => rules?.dimensions.some((d) => d.id === c) ?? true);
  const label = (id: string) => rules?.dimensions.find((d) => d.id === id)?.label[lang] ?? id;
  return (
    <section class="card" aria-labelledby="display-title">
      <h2 id="display-title">{text.display}</h2>
      <div class="field">
        <label for="language">{text.language}</label>
        <select id="language" value={settings.lang} onChange={(e) => onLang(e.currentTarget.value as LangSetting)}>
          <option value="auto">{text.langAuto(browserLang)}</option>
          <option value="zh">{text.langZh}</option>
          <option value="en">{text.langEn}</option>
        </select>
      </div>
      <fieldset class="chips-setting" aria-describedby="chips-hint">
        <legend>{text.chips}</legend>
        <p class="hint" id="chips-hint">
          {text.chipsHint(MAX_CHIPS)}{' '}
          {chosen.length === 0 &&
            rules &&
            text.chipsDefault((rules.chips ?? []).map(label).join(lang === 'zh' ? '、' : ', ') || text.chipsNone)}
        </p>
        {rules ? (
          <div class="choices">
            {rules.dimensions.map((d) => {
              const on = chosen.includes(d.id);
              return (
                <label key={d.id} class="inline">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!on && chosen.length >= MAX_CHIPS}
                    onChange={(e) => onChips(e.currentTarget.checked ? [...chosen, d.id] : chosen.filter((c) => c !== d.id))}
                  />
                  {d.label[lang]}
                </label>
              );
            })}
          </div>
        ) : (
          <p class="hint">{text.chipsUnavailable}</p>
        )}
      </fieldset>
    </section>
  );
}
