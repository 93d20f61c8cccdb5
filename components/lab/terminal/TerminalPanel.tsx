"use client";

import { useCallback, useEffect, useRef } from "react";
import type { Locale } from "@/content/outline";
import type { LabDetail } from "@/lib/lab/api-types";
import type { Dictionary } from "@/lib/i18n";
import type { LabSession, SessionSnapshot } from "../session/lab-session";
import { verbsOf } from "./completion";
import { recolourInstances, terminalLine } from "./format";
import { LineEditor, type LabTerminal } from "./line-editor";
import XtermTerminal from "./XtermTerminal";

interface Props {
  labels: Dictionary["lab"];
  locale: Locale;
  detail: LabDetail;
  session: LabSession | null;
  snapshot: SessionSnapshot;
  dark: boolean;
}

/** Help text: local commands, then the lab's own commands with their explanations. */
export function helpText(detail: LabDetail, locale: Locale, intro: string): string {
  const width = Math.max(10, ...detail.commands.map((c) => c.usage.length)) + 2;
  return [intro, ...detail.commands.map((c) => `  \x1b[1m${c.usage.padEnd(width)}\x1b[0m${c.help[locale]}`)].join("\n");
}

/** The terminal: the run's logs (coloured per service, simulated timestamps), server answers, and a CLI. */
export function TerminalPanel({ labels, locale, detail, session, snapshot, dark }: Props) {
  const editor = useRef<LineEditor | null>(null);
  const printed = useRef<{ events: unknown; count: number }>({ events: null, count: 0 });
  const ctx = useRef({ session, snapshot, detail });
  useEffect(() => { ctx.current = { session, snapshot, detail }; });

  const onLine = useCallback((line: string) => {
    const { session: s, snapshot: snap, detail: d } = ctx.current;
    const out = (text: string) => editor.current?.print(text);
    const verb = line.split(/\s+/)[0]?.toLowerCase();
    const live = Boolean(s && snap.sessionId) && snap.status !== "idle" && snap.status !== "error";
    if (verb === "help" && !live) return out(helpText(d, locale, labels.terminalHelp));
    if (verb === "clear") return editor.current?.print("\x1b[2J\x1b[3J\x1b[H");
    if (!s || !live) return out(`\x1b[33m${labels.notRunning}\x1b[0m`);
    void s.command(line).then((ack) => { if (!ack.ok) out(`\x1b[31m${ack.error}\x1b[0m`); });
  }, [labels, locale]);

  const onReady = useCallback((term: LabTerminal | null) => {
    editor.current?.dispose();
    editor.current = term ? new LineEditor(term, () => {
      const d = ctx.current.detail;
      return { commands: verbsOf(d.commands.map((c) => c.usage)), names: [...d.services, ...d.instances, ...d.services.map((s) => `${s}->`)] };
    }, onLine) : null;
  }, [onLine]);

  useEffect(() => session?.onTerminal((text) => editor.current?.print(recolourInstances(text.replace(/\n$/, "")))), [session]);

  // New log events since the last frame; a new run starts from 0, a seek (replaced log) does not reprint.
  useEffect(() => {
    const p = printed.current;
    if (p.events !== snapshot.events) {
      p.count = snapshot.events.length === 0 || snapshot.status === "compiling" ? 0 : snapshot.events.length;
      p.events = snapshot.events;
    }
    const lines: string[] = [];
    for (let i = p.count; i < snapshot.events.length; i++) {
      const e = snapshot.events[i] as (typeof snapshot.events)[number];
      // Log lines come from the runtime's terminal stream; the UI adds faults and state changes.
      const line = e.type === "log" ? null : terminalLine(e);
      if (line) lines.push(line);
    }
    p.count = snapshot.events.length;
    if (lines.length) editor.current?.print(lines.slice(-400).join("\n"));
  }, [snapshot]);

  return (
    <section className="lab-panel lab-terminal" data-testid="lab-terminal" aria-label={labels.terminal}>
      <h3 className="lab-panel-title">{labels.terminal}</h3>
      <XtermTerminal onReady={onReady} dark={dark} ariaLabel={labels.terminalLabel} />
    </section>
  );
}
