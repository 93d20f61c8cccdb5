"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { LabDetail } from "@/lib/lab/api-types";
import type { Dictionary } from "@/lib/i18n";
import { EventList } from "../events/EventList";
import { FlowView } from "../flow/FlowView";
import { Legend } from "../flow/Legend";
import { layoutTopology, topologyFromEvents, withInstances } from "../flow/layout";
import { MessageInspector } from "../inspector/MessageInspector";
import type { SessionSnapshot } from "../session/lab-session";
import { LatencyChart } from "../timeline/LatencyChart";
import { SequenceView } from "../timeline/SequenceView";
import { TraceView } from "../timeline/TraceView";
import { tabAfterKey } from "./tab-keys";

type Tab = "flow" | "sequence" | "trace" | "events";
const TABS: Tab[] = ["flow", "sequence", "trace", "events"];

interface Props { labels: Dictionary["lab"]; detail: LabDetail; snapshot: SessionSnapshot; timeMs: number; reducedMotion: boolean }

/** The run, seen four ways: animated flow, sequence diagram, a trace waterfall, and the event list. */
export function ViewPanel({ labels, detail, snapshot, timeMs, reducedMotion }: Props) {
  const [tab, setTab] = useState<Tab>("flow");
  const [selected, setSelected] = useState<number | null>(null);
  const [traceId, setTraceId] = useState<string | null>(null);
  const hasTopology = detail.topology.nodes.length > 0;
  const firstEvents = snapshot.events.length > 0;
  const [aspect, setAspect] = useState(1.8);
  const layout = useMemo(
    () => layoutTopology(hasTopology ? withInstances(detail.topology, detail.instances) : topologyFromEvents(snapshot.events), { aspect }),
    // Without a lab topology, lay out once per run from its first batch (a stable picture while it plays).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [detail.topology, detail.instances, hasTopology, hasTopology ? 0 : snapshot.events, firstEvents, aspect],
  );
  const openTrace = (id: string) => { setTraceId(id); setTab("trace"); };
  const titles: Record<Tab, string> = { flow: labels.flow, sequence: labels.sequence, trace: labels.trace, events: labels.events };
  // WAI-ARIA tabs: one tab stop (the selected tab), arrows/Home/End move and select, one panel labelled by it.
  const uid = useId();
  const tabId = (t: Tab) => `${uid}-tab-${t}`;
  const panelId = `${uid}-panel`;
  const tabButtons = useRef(new Map<Tab, HTMLButtonElement>());
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const next = tabAfterKey(TABS, tab, e.key);
    if (!next) return;
    // Stop here: the workbench's own ← → (seek one second) must not also fire.
    e.preventDefault();
    e.stopPropagation();
    setTab(next);
    tabButtons.current.get(next)?.focus();
  };
  return (
    <section className="lab-panel lab-view" aria-label={labels.views}>
      <div className="lab-tabs" role="tablist" aria-label={labels.views} onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" id={tabId(t)} aria-selected={tab === t} aria-controls={panelId} tabIndex={tab === t ? 0 : -1}
            ref={(el) => { if (el) tabButtons.current.set(t, el); else tabButtons.current.delete(t); }}
            className="lab-tab" data-testid={`lab-tab-${t}`} onClick={() => setTab(t)}>{titles[t]}</button>
        ))}
      </div>
      <div className="lab-view-body" role="tabpanel" id={panelId} aria-labelledby={tabId(tab)} tabIndex={0}>
        <div className="lab-flow" data-testid="lab-flow" hidden={tab !== "flow"}>
          <FlowView onAspect={setAspect} snapshot={snapshot} layout={layout} selectedMsgId={selected} onSelect={setSelected} reducedMotion={reducedMotion}
            label={labels.flow} groupText={labels.flowGroup} />
          <Legend labels={labels.legend} />
        </div>
        {tab === "sequence" ? <SequenceView events={snapshot.events} version={snapshot.version} timeMs={timeMs} label={labels.sequence} /> : null}
        {tab === "trace" ? <TraceView labels={labels} events={snapshot.events} version={snapshot.version} timeMs={timeMs} traceId={traceId} onTrace={setTraceId} /> : null}
        {tab === "events" ? <EventList events={snapshot.events} timeMs={timeMs} label={labels.eventListLabel} more={labels.eventListMore} onMessage={setSelected} /> : null}
        {selected !== null ? <MessageInspector labels={labels} events={snapshot.events} msgId={selected} onClose={() => setSelected(null)} onTrace={openTrace} /> : null}
      </div>
      <LatencyChart events={snapshot.events} version={snapshot.version} timeMs={timeMs} durationMs={snapshot.durationMs || detail.durationMs} title={labels.latency} empty={labels.noLatency} />
    </section>
  );
}
