"use client";

import { useEffect, useMemo, useRef } from "react";
import type { Dictionary } from "@/lib/i18n";
import type { SimEvent } from "@/server/sim/events";
import { messageDetails } from "./message-details";

const ms = (v: number) => `${(v / 1000).toFixed(3)} s`;

/** Details of the clicked message: where it went, when, how big, which trace, and broker coordinates. */
export function MessageInspector({ labels, events, msgId, onClose, onTrace }: { labels: Dictionary["lab"]; events: readonly SimEvent[]; msgId: number; onClose(): void; onTrace(traceId: string): void }) {
  const d = useMemo(() => messageDetails(events, msgId), [events, msgId]);
  const closeRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => { closeRef.current?.focus(); }, [msgId]);
  if (!d) return null;
  const f = labels.field;
  const rows: [string, string][] = [
    [f.label, `${d.label} (#${d.msgId})`], [f.protocol, d.protocol], [f.from, d.from], [f.to, d.to], [f.size, `${d.sizeBytes} B`],
    ...(d.call ? [[f.call, d.call] as [string, string]] : []),
    ...(d.status ? [[f.status, d.status] as [string, string]] : []),
    [f.sent, ms(d.sentMs)],
    ...(d.deliveredMs !== null ? [[f.delivered, `${ms(d.deliveredMs)} (${f.latency} ${d.latencyMs?.toFixed(2)} ms)`] as [string, string]] : []),
    ...(d.droppedMs !== null ? [[f.dropped, `${ms(d.droppedMs)} — ${d.dropReason}`] as [string, string]] : []),
  ];
  const brokerLabel: Record<string, string> = { exchange: f.exchange, routingKey: f.routingKey, queues: f.queues, topic: f.topic, partition: f.partition, offset: f.offset, key: f.key };
  return (
    <aside className="lab-inspector" role="dialog" aria-label={labels.inspector} data-testid="lab-inspector" onKeyDown={(e) => { if (e.key === "Escape") onClose(); }}>
      <header>
        <h4>{labels.inspector}</h4>
        <button ref={closeRef} type="button" className="lab-btn lab-icon-btn" aria-label={labels.close} onClick={onClose}>✕</button>
      </header>
      <dl>
        {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
        {d.traceId ? <div><dt>{f.trace}</dt><dd><button type="button" className="lab-linkish mono" onClick={() => onTrace(d.traceId)}>{d.traceId}</button></dd></div> : null}
        {d.broker ? Object.entries(d.broker).map(([k, v]) => <div key={k}><dt>{brokerLabel[k] ?? k}</dt><dd className="mono">{v}</dd></div>) : null}
      </dl>
      {Object.keys(d.headers).length ? (
        <>
          <h5>{f.headers}</h5>
          <pre className="lab-headers">{Object.entries(d.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
        </>
      ) : null}
      <h5>{f.payload}</h5>
      <p className="lab-empty">{labels.payloadNotRecorded}</p>
    </aside>
  );
}
