"use client";

import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef } from "react";
import type { LabTerminal } from "./line-editor";

const LIGHT = { background: "#f6f7f9", foreground: "#1b1f24", cursor: "#0b63c5", selectionBackground: "#b6d4f5", black: "#1b1f24", brightBlack: "#57606a", white: "#6e7781", cyan: "#0e7490", brightCyan: "#0e7490", green: "#1a7f37", yellow: "#9a6700", brightYellow: "#9a6700", magenta: "#8250df", blue: "#0b63c5", red: "#cf222e", brightRed: "#cf222e" };
const DARK = { background: "#161b22", foreground: "#e6edf3", cursor: "#58a6ff", selectionBackground: "#264f78", black: "#0f1419", brightBlack: "#9da7b3", white: "#e6edf3", cyan: "#56d4dd", brightCyan: "#76e3ea", green: "#3fb950", yellow: "#d29922", brightYellow: "#e3b341", magenta: "#bc8cff", blue: "#58a6ff", red: "#ff7b72", brightRed: "#ffa198" };

/**
 * The one component that imports xterm: created in an effect, disposed in its cleanup, handed to lab
 * logic as a LabTerminal through `onReady`.
 */
export default function XtermTerminal({ onReady, dark, ariaLabel }: { onReady(term: LabTerminal | null): void; dark: boolean; ariaLabel: string }) {
  const host = useRef<HTMLDivElement | null>(null);
  const termRef = useRef<Terminal | null>(null);
  const ready = useRef(onReady);
  useEffect(() => { ready.current = onReady; });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      convertEol: false, cursorBlink: true, fontFamily: "\"JetBrains Mono\", \"SFMono-Regular\", Menlo, Consolas, \"Noto Sans Mono CJK SC\", monospace", fontSize: 12.5, lineHeight: 1.2,
      scrollback: 5000, screenReaderMode: false, theme: LIGHT, minimumContrastRatio: 4.5,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    term.textarea?.setAttribute("aria-label", ariaLabel);
    termRef.current = term;
    const refit = () => { try { fit.fit(); } catch { /* hidden: no size yet */ } };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(el);
    ready.current({ write: (text) => term.write(text), onData: (l) => { const d = term.onData(l); return () => d.dispose(); } });
    return () => { observer.disconnect(); ready.current(null); term.dispose(); termRef.current = null; };
  }, [ariaLabel]);

  useEffect(() => { if (termRef.current) termRef.current.options.theme = dark ? DARK : LIGHT; }, [dark]);

  return <div ref={host} className="lab-xterm" />;
}
