"use client";

import type { LabFile } from "@/lib/lab/api-types";
import type { LabError } from "@/lib/lab/protocol";
import type { Dictionary } from "@/lib/i18n";
import MonacoEditor from "./MonacoEditor";

interface Props {
  labels: Dictionary["lab"];
  files: LabFile[];
  active: string;
  onActive(path: string): void;
  onChange(path: string, value: string): void;
  onRun(): void;
  sdkDts: string | null;
  dark: boolean;
  diff: { original: string; modified: string } | null;
  error: LabError | null;
}

/** File tabs over the Monaco editor (or the diff against the solution). */
export function EditorPanel({ labels, files, active, onActive, diff, ...rest }: Props) {
  return (
    <section className="lab-panel lab-editor" data-testid="lab-editor" aria-label={labels.editor}>
      <div className="lab-tabs" role="tablist" aria-label={labels.files}>
        {files.map((f) => (
          <button key={f.path} type="button" role="tab" aria-selected={f.path === active} className="lab-tab"
            onClick={() => onActive(f.path)}>{f.path}</button>
        ))}
        {diff ? <span className="lab-diff-caption">{labels.diffCaption}</span> : null}
      </div>
      <div className="lab-editor-host">
        <MonacoEditor files={files} active={active} diff={diff} ariaLabel={`${labels.editor}: ${active}`} {...rest} />
      </div>
    </section>
  );
}
