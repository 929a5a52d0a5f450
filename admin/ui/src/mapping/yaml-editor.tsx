/**
 * The YAML side of the mapping builder: CodeMirror 6 with YAML highlighting, lint from the
 * `yaml` parser, and completion driven by the mapping config's JSON Schema (keys), the
 * canonical event's paths (after `source:`) and the vendor's fields (after `target:`).
 */
import {
  autocompletion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { yaml as yamlLanguage } from '@codemirror/lang-yaml';
import { linter, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { parseDocument } from 'yaml';

export interface Vocabulary {
  keys: string[];
  sources: string[];
  targets: string[];
  transforms: string[];
}

/** Property names anywhere in a JSON Schema (the keys a mapping config may use). */
export function schemaKeys(schema: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.properties && typeof n.properties === 'object')
      Object.keys(n.properties).forEach((k) => out.add(k));
    Object.values(n).forEach(visit);
  };
  visit(schema);
  return [...out].filter((k) => !k.startsWith('$'));
}

function completions(vocab: () => Vocabulary) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const v = vocab();
    const value =
      /^\s*(?:-\s*)?(source|target|transforms|vendor_event):\s*(?:\[|-\s*)?([\w.[\]-]*)$/.exec(
        before,
      ) ?? /^\s*-\s+([\w.[\]-]*)$/.exec(before);
    if (value && value.length === 3) {
      const options =
        value[1] === 'source'
          ? v.sources
          : value[1] === 'target'
            ? v.targets
            : value[1] === 'transforms'
              ? v.transforms
              : [];
      if (options.length)
        return {
          from: ctx.pos - value[2]!.length,
          options: options.map((label) => ({ label, type: 'variable' })),
        };
    }
    const key = /^\s*(?:-\s*)?([a-z_]*)$/.exec(before);
    if (key && (ctx.explicit || key[1]!.length > 0))
      return {
        from: ctx.pos - key[1]!.length,
        options: v.keys.map((label) => ({
          label: `${label}: `,
          displayLabel: label,
          type: 'property',
        })),
      };
    return null;
  };
}

const yamlLint = linter((view) => {
  const doc = parseDocument(view.state.doc.toString());
  return doc.errors.map<Diagnostic>((e) => ({
    from: Math.min(e.pos[0], view.state.doc.length),
    to: Math.min(e.pos[1], view.state.doc.length),
    severity: 'error',
    message: e.message,
  }));
});

/** Where `needle` first occurs after `anchor` (the YAML of a row just edited visually). */
export function revealPosition(
  text: string,
  reveal: readonly [string, string] | undefined,
): number | undefined {
  if (!reveal) return undefined;
  const from = text.indexOf(reveal[0]);
  const at = text.indexOf(reveal[1], Math.max(0, from));
  return at < 0 ? undefined : at;
}

export function YamlEditor({
  value,
  onChange,
  vocabulary,
  readOnly,
  reveal,
}: {
  value: string;
  onChange: (text: string) => void;
  vocabulary: Vocabulary;
  readOnly?: boolean;
  /** Scroll to the first `[1]` after `[0]` when the value changes from the visual side. */
  reveal?: readonly [string, string];
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, vocabulary });
  latest.current = { onChange, vocabulary };
  useEffect(() => {
    view.current = new EditorView({
      parent: host.current!,
      doc: value,
      extensions: [
        basicSetup,
        yamlLanguage(),
        yamlLint,
        autocompletion({ override: [completions(() => latest.current.vocabulary)] }),
        EditorView.editable.of(!readOnly),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Mapping as YAML' }),
        EditorView.updateListener.of((u) => {
          if (
            u.docChanged &&
            u.transactions.some(
              (t) =>
                t.isUserEvent('input') ||
                t.isUserEvent('delete') ||
                t.isUserEvent('paste') ||
                t.isUserEvent('input.complete'),
            )
          ) {
            latest.current.onChange(u.state.doc.toString());
          }
        }),
      ],
    });
    return () => view.current?.destroy();
    // The editor is created once; later values arrive through the effect below.
  }, []);
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value || v.hasFocus) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    const at = revealPosition(value, reveal);
    if (at !== undefined) v.dispatch({ effects: EditorView.scrollIntoView(at, { y: 'center' }) });
  }, [value, reveal]);
  // The wrapper scrolls (not CodeMirror's own scroller), so keyboard users can reach it.
  return (
    <div ref={host} className="yaml-editor" tabIndex={0} role="region" aria-label="YAML editor" />
  );
}
