/**
 * What every part of the rule editor needs without threading it through each component: the
 * language, whether editing is allowed, the draft and how to change it, the issues placed at
 * each control, and which dimensions and tiers are expanded.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import { type EditorTextKey, editorText } from './i18n.ts';
import type { PlacedIssue } from './issues.ts';
import { isWithin } from './path.ts';

export interface EditorContextValue {
  lang: Lang;
  readOnly: boolean;
  rules: RuleSet;
  /** Applies a pure edit to the draft. */
  update: (edit: (rules: RuleSet) => RuleSet) => void;
  issues: ReadonlyMap<string, PlacedIssue[]>;
  /** Paths of expanded dimensions and tiers (`dimensions[1]`, `dimensions[1].tiers[2]`). */
  expanded: ReadonlySet<string>;
  setExpanded: (path: string, open: boolean) => void;
  /** Keeps expanded state with the items of the list at `listPath` after they moved (see reindexPaths). */
  remapExpanded: (listPath: string, mapIndex: (index: number) => number | null) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('rule editor components must be inside <EditorContext.Provider>');
  return ctx;
}

export function useText(): (key: EditorTextKey, vars?: Record<string, string | number>) => string {
  const { lang } = useEditor();
  return (key, vars) => editorText(lang, key, vars);
}

/** Issues shown at exactly this control or group. */
export function useIssuesAt(anchor: string): PlacedIssue[] {
  return useEditor().issues.get(anchor) ?? [];
}

/** How many issues lie anywhere inside `path` (for the count on a collapsed dimension or tier). */
export function countIssuesWithin(issues: ReadonlyMap<string, PlacedIssue[]>, path: string): number {
  let n = 0;
  for (const [anchor, list] of issues) if (isWithin(anchor, path)) n += list.length;
  return n;
}
