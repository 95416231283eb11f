/** The rule editor: what the options page uses. */
export { contrastInfo, MIN_CONTRAST } from './ColorInput.tsx';
export { EDITOR_TEXT, editorText, fill } from './i18n.ts';
export { anchorPaths, describeLocation, localizeIssue, placeIssues } from './issues.ts';
export { fieldId, parsePath, pathText } from './path.ts';
export { RuleSetEditor, type RuleSetEditorProps } from './RuleSetEditor.tsx';
