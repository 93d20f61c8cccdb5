"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Locale } from "@/content/outline";

// The whole workbench (Monaco, xterm, D3, socket.io) is one lazy chunk, fetched only when needed.
const LabApp = dynamic(() => import("./shell/LabApp"), { ssr: false, loading: () => null });

/** Start loading this far before the lab scrolls into view, so it is ready when the reader gets there. */
const ROOT_MARGIN = "600px 0px";
/** …once it has stayed that near this long: a jump or a fast scroll past the lab (to #quiz, say) loads nothing. */
const DWELL_MS = 300;

/** `openLabel` comes from the server: importing lib/i18n here would ship every UI string to every page. */
interface Props { labId: string; locale: Locale; fullScreenHref: string | null; eager?: boolean; openLabel: string; children: ReactNode }

/**
 * Shows the server-rendered placeholder (`children`) until the lab nears the viewport or the reader opens
 * it, then swaps in the workbench.
 */
export function LabLoader({ labId, locale, fullScreenHref, eager = false, openLabel, children }: Props) {
  const [open, setOpen] = useState(eager);
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (open || !host.current) return;
    let timer: number | undefined;
    const observer = new IntersectionObserver((entries) => {
      window.clearTimeout(timer);
      if (entries.some((e) => e.isIntersecting)) timer = window.setTimeout(() => setOpen(true), DWELL_MS);
    }, { rootMargin: ROOT_MARGIN });
    observer.observe(host.current);
    return () => { observer.disconnect(); window.clearTimeout(timer); };
  }, [open]);
  return (
    <div ref={host} className="lab-host" data-lab-state={open ? "open" : "placeholder"}>
      {open ? <LabApp labId={labId} locale={locale} fullScreenHref={fullScreenHref} /> : (
        <>
          {children}
          <button type="button" className="lab-btn lab-btn-primary lab-open" onClick={() => setOpen(true)}>{openLabel}</button>
        </>
      )}
    </div>
  );
}
