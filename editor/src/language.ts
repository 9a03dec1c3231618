// The scheme language in Monaco: one Monaco language per keyword set (`scheda-it`, `scheda-en`), a
// Monarch tokenizer generated from the engine's keyword tables (engine/syntax/keywords.ts: plain data, the
// one list of words), and completion, hover, go to definition, formatting, folding and quick fixes fed by
// the worker's last outline of the open scheme.
import type { Lang } from '../../engine/syntax/keywords.ts';
import type { Diagnostic, Outline, OutlineName } from '../../engine/index.ts';
import { monaco } from './monaco.ts';
import { t } from './i18n.ts';
import { functionWords, keywordWords } from './words.ts';

export { langOfText } from './words.ts';

export const LANGUAGE: Record<Lang, string> = { it: 'scheda-it', en: 'scheda-en' };
const NAME = /[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*/;

function monarch(lang: Lang): monaco.languages.IMonarchLanguage {
  const { keywords, types } = keywordWords(lang);
  return {
    keywords, types, functions: functionWords(lang),
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/"[^"]*$/, 'string.invalid'],
        [/"/, 'string', '@string'],
        [/\d[\d.,]*(\s*%)?/, 'number'],
        [/€/, 'number'],
        [NAME, { cases: { '@keywords': 'keyword', '@types': 'type', '@functions': 'predefined', '@default': 'identifier' } }],
        [/[{}()[\]]/, '@brackets'],
        [/→|->|<=|>=|<>|!=|[=<>+\-*/:;,.]/, 'operator'],
        [/\s+/, 'white'],
      ],
      string: [
        [/[^"]+/, 'string'],
        [/"/, 'string', '@pop'],
      ],
    },
  };
}

const KIND_ICON: Record<string, monaco.languages.CompletionItemKind> = {
  input: monaco.languages.CompletionItemKind.Field,
  value: monaco.languages.CompletionItemKind.Variable,
  item: monaco.languages.CompletionItemKind.Property,
  section: monaco.languages.CompletionItemKind.Module,
  gate: monaco.languages.CompletionItemKind.Interface,
  penalty: monaco.languages.CompletionItemKind.Property,
  reduction: monaco.languages.CompletionItemKind.Property,
  bands: monaco.languages.CompletionItemKind.Enum,
  band: monaco.languages.CompletionItemKind.EnumMember,
  'enum-value': monaco.languages.CompletionItemKind.EnumMember,
  report: monaco.languages.CompletionItemKind.Struct,
  table: monaco.languages.CompletionItemKind.Class,
  set: monaco.languages.CompletionItemKind.Constant,
  fund: monaco.languages.CompletionItemKind.Value,
  remainder: monaco.languages.CompletionItemKind.Value,
  unit: monaco.languages.CompletionItemKind.Unit,
};

const KIND_WORD: Record<string, { it: string; en: string }> = {
  input: { it: 'dato', en: 'input' }, value: { it: 'valore calcolato', en: 'computed value' }, item: { it: 'voce', en: 'item' },
  section: { it: 'sezione', en: 'section' }, gate: { it: 'requisito', en: 'gate' }, penalty: { it: 'penalità', en: 'penalty' },
  reduction: { it: 'riduzione', en: 'reduction' }, bands: { it: 'fasce', en: 'bands' }, band: { it: 'fascia', en: 'band' },
  'enum-value': { it: 'valore ammesso', en: 'allowed value' }, report: { it: 'prospetto', en: 'report' }, table: { it: 'tabella', en: 'table' },
  set: { it: 'insieme', en: 'set' }, fund: { it: 'fondo', en: 'fund' }, remainder: { it: 'resto', en: 'remainder' }, unit: { it: 'unità', en: 'unit' },
};

/** The did-you-mean of a diagnostic (its hint or message: «Forse intendevi «x»?» / «Did you mean «x»?»). */
export function suggestionOf(text: string): string | undefined {
  return /(?:intendevi|did you mean)\s+«([^»]+)»/i.exec(text)?.[1];
}

export interface LanguageHooks {
  outline(model: monaco.editor.ITextModel): Outline | undefined;
  format(model: monaco.editor.ITextModel): Promise<string | undefined>;
  /** the name's values on the sample data, from the last preview (undefined: no data, or not run) */
  summary?(name: string): Promise<string | undefined>;
}

export function registerLanguage(hooks: LanguageHooks) {
  for (const lang of ['it', 'en'] as const) {
    const id = LANGUAGE[lang];
    monaco.languages.register({ id, extensions: ['.scheda'] });
    monaco.languages.setMonarchTokensProvider(id, monarch(lang));
    monaco.languages.setLanguageConfiguration(id, {
      comments: { lineComment: '#' },
      brackets: [['{', '}'], ['[', ']'], ['(', ')']],
      autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"' }, { open: '«', close: '»' }],
      wordPattern: new RegExp(NAME.source + '|-?\\d[\\d.,]*'),
    });
    const { keywords, types } = keywordWords(lang);
    const fns = functionWords(lang);
    const nameAt = (model: monaco.editor.ITextModel, pos: monaco.Position) => model.getWordAtPosition(pos)?.word;
    const find = (o: Outline | undefined, w: string): OutlineName | undefined => {
      const all = o?.names.filter((n) => n.name === w) ?? [];
      return all.find((n) => n.kind !== 'band' && n.kind !== 'enum-value') ?? all[0];
    };

    monaco.languages.registerCompletionItemProvider(id, {
      provideCompletionItems(model, pos) {
        const w = model.getWordUntilPosition(pos);
        const range = new monaco.Range(pos.lineNumber, w.startColumn, pos.lineNumber, w.endColumn);
        const seen = new Set<string>();
        const out: monaco.languages.CompletionItem[] = [];
        const add = (label: string, kind: monaco.languages.CompletionItemKind, detail?: string) => {
          if (seen.has(label)) return;
          seen.add(label);
          out.push({ label, kind, insertText: label, range, detail });
        };
        for (const n of hooks.outline(model)?.names ?? []) {
          add(n.name, KIND_ICON[n.kind] ?? monaco.languages.CompletionItemKind.Text, [KIND_WORD[n.kind]?.[lang] ?? n.kind, n.label].filter(Boolean).join(' — '));
        }
        for (const f of fns) add(f, monaco.languages.CompletionItemKind.Function);
        for (const k of keywords) add(k, monaco.languages.CompletionItemKind.Keyword);
        for (const k of types) add(k, monaco.languages.CompletionItemKind.TypeParameter);
        return { suggestions: out };
      },
    });

    monaco.languages.registerHoverProvider(id, {
      provideHover(model, pos) {
        const w = nameAt(model, pos);
        const n = w ? find(hooks.outline(model), w) : undefined;
        if (!n) return null;
        const lines = [`**${n.label ?? n.name}** — \`${n.name}\` (${KIND_WORD[n.kind]?.[lang] ?? n.kind})`];
        if (n.type && n.kind !== 'band') lines.push(n.type);
        if (n.max) lines.push(`${t('max')}: ${n.max}`);
        for (const s of n.sources) lines.push(`${t('source')}: ${s}`);
        for (const s of n.notes) lines.push(`${t('note')}: ${s}`);
        const contents = () => ({ contents: lines.map((value) => ({ value })) });
        if (!hooks.summary || n.kind === 'band' || n.kind === 'enum-value') return contents();
        return hooks.summary(n.name).then((v) => {
          if (v) lines.push(`${t('onSample')}: ${v}`);
          return contents();
        });
      },
    });

    monaco.languages.registerDefinitionProvider(id, {
      provideDefinition(model, pos) {
        const w = nameAt(model, pos);
        const n = w ? find(hooks.outline(model), w) : undefined;
        if (!n?.span) return null;
        return { uri: model.uri, range: new monaco.Range(n.span.line, n.span.col, n.span.endLine, n.span.endCol + 1) };
      },
    });

    monaco.languages.registerDocumentFormattingEditProvider(id, {
      async provideDocumentFormattingEdits(model) {
        const text = await hooks.format(model);
        return text === undefined || text === model.getValue() ? [] : [{ range: model.getFullModelRange(), text }];
      },
    });

    monaco.languages.registerFoldingRangeProvider(id, {
      provideFoldingRanges(model) {
        const o = hooks.outline(model);
        return (o?.decls ?? []).filter((s) => s.endLine > s.line).map((s) => ({ start: s.line, end: s.endLine }));
      },
    });

    monaco.languages.registerCodeActionProvider(id, {
      provideCodeActions(model, _range, context) {
        const actions: monaco.languages.CodeAction[] = [];
        for (const m of context.markers) {
          const x = suggestionOf(m.message);
          if (!x) continue;
          actions.push({
            title: t('replaceWith', { x }), kind: 'quickfix', diagnostics: [m], isPreferred: true,
            edit: { edits: [{ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: m, text: x } }] },
          });
        }
        return { actions, dispose() {} };
      },
    });
  }
}

/** A diagnostic as a Monaco marker (the engine's columns are 1-based, its end column inclusive). */
export function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  const sev = d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
  return {
    severity: sev, code: d.code, source: 'scheda',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    startLineNumber: d.span.line, startColumn: d.span.col, endLineNumber: d.span.endLine, endColumn: d.span.endCol + 1,
  };
}
