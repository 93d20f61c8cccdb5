"use client";

import { useEffect, useRef } from "react";

/** An inline confirmation (no window.confirm: it blocks the page and cannot be styled or tested well). */
export function ConfirmBar({ message, yes, no, onYes, onNo }: { message: string; yes: string; no: string; onYes(): void; onNo(): void }) {
  const first = useRef<HTMLButtonElement | null>(null);
  useEffect(() => { first.current?.focus(); }, []);
  return (
    <div className="lab-confirm" role="alertdialog" aria-label={message} onKeyDown={(e) => { if (e.key === "Escape") onNo(); }}>
      <span>{message}</span>
      <button ref={first} type="button" className="lab-btn lab-btn-danger" onClick={onYes}>{yes}</button>
      <button type="button" className="lab-btn" onClick={onNo}>{no}</button>
    </div>
  );
}
