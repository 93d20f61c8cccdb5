"use client";

import { useState } from "react";

interface Props { labels: { copy: string; copied: string; copyCode: string } }

/** Copies the code of the enclosing .code-block; the only client JS a code block needs. */
export function CopyButton({ labels }: Props) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="code-copy"
      aria-label={labels.copyCode}
      onClick={async (event) => {
        const pre = event.currentTarget.closest(".code-block")?.querySelector("pre");
        if (!pre) return;
        try {
          await navigator.clipboard.writeText(pre.innerText);
          setCopied(true);
          window.setTimeout(() => setCopied(false), 1500);
        } catch {
          // Clipboard can be refused (insecure context, permissions): selecting the text is the fallback.
          window.getSelection()?.selectAllChildren(pre);
        }
      }}
    >
      <span aria-live="polite">{copied ? labels.copied : labels.copy}</span>
    </button>
  );
}
