"use client";

import "./monaco-env";
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import * as typescript from "monaco-editor/languages/features/typescript/register";
import { DiffEditor, Editor, loader, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import type { LabFile } from "@/lib/lab/api-types";
import type { LabError } from "@/lib/lab/protocol";

// The local package, never a CDN: @monaco-editor/react uses this instance instead of fetching one.
loader.config({ monaco: { ...monaco, typescript } });

/** What lab logic may ask of an editor (STYLE.md point 7). */
export interface LabEditor {
  getValue(): string;
  onChange(listener: (value: string) => void): () => void;
}

export interface MonacoEditorProps {
  files: LabFile[];
  active: string;
  onChange(path: string, value: string): void;
  onRun(): void;
  onReady?(editor: LabEditor): void;
  sdkDts: string | null;
  dark: boolean;
  /** When set, a read-only diff of the learner's file (left) against the solution (right). */
  diff: { original: string; modified: string } | null;
  error: LabError | null;
  ariaLabel: string;
}

const uriOf = (path: string) => monaco.Uri.parse(`file:///lab/${path}`);

function configureTypeScript(sdkDts: string | null) {
  typescript.typescriptDefaults.setCompilerOptions({
    target: typescript.ScriptTarget.ES2020,
    module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.NodeJs,
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    lib: ["es2020"],
  });
  typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  if (sdkDts) typescript.typescriptDefaults.setExtraLibs([{ content: sdkDts, filePath: "file:///node_modules/@types/lab-sdk/index.d.ts" }]);
}

/** The one component that imports Monaco: the learner's files as models (so imports between tabs type-check). */
export default function MonacoEditor(props: MonacoEditorProps) {
  const { files, active, sdkDts, error } = props;
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  useEffect(() => { latest.current = props; });

  useEffect(() => { configureTypeScript(sdkDts); }, [sdkDts]);

  // Every file is a model from the start; edits from outside (reset, solution) are pushed into them.
  useEffect(() => {
    for (const f of files) {
      const uri = uriOf(f.path);
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(f.source, "typescript", uri);
      if (model.getValue() !== f.source) model.setValue(f.source);
    }
  }, [files]);

  useEffect(() => {
    for (const f of files) {
      const model = monaco.editor.getModel(uriOf(f.path));
      if (!model) continue;
      const mine = error && (!error.file || error.file === f.path) && error.line;
      monaco.editor.setModelMarkers(model, "lab", mine ? [{
        severity: monaco.MarkerSeverity.Error, message: error.message,
        startLineNumber: error.line ?? 1, startColumn: error.column ?? 1, endLineNumber: error.line ?? 1, endColumn: (error.column ?? 1) + 200,
      }] : []);
    }
  }, [error, files]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    const listeners = new Set<(v: string) => void>();
    editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      const path = model.uri.path.replace(/^\/lab\//, "");
      latest.current.onChange(path, model.getValue());
      listeners.forEach((l) => l(model.getValue()));
    });
    latest.current.onReady?.({ getValue: () => editor.getValue(), onChange: (l) => { listeners.add(l); return () => listeners.delete(l); } });
  };

  const theme = props.dark ? "vs-dark" : "vs";
  const options = { minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false, automaticLayout: true, tabSize: 2, ariaLabel: props.ariaLabel, fixedOverflowWidgets: true } as const;
  if (props.diff) {
    return (
      // Models kept and reused by path: disposing them on unmount races the diff widget's own reset.
      <DiffEditor original={props.diff.original} modified={props.diff.modified} language="typescript" theme={theme}
        originalModelPath={`file:///diff/mine/${active}`} modifiedModelPath={`file:///diff/solution/${active}`}
        keepCurrentOriginalModel keepCurrentModifiedModel
        options={{ ...options, readOnly: true, renderSideBySide: true, originalEditable: false }} height="100%" />
    );
  }
  const file = files.find((f) => f.path === active) ?? files[0];
  return (
    <Editor path={uriOf(file?.path ?? "main.ts").toString()} defaultLanguage="typescript" defaultValue={file?.source ?? ""}
      theme={theme} options={options} onMount={onMount} height="100%" keepCurrentModel />
  );
}
