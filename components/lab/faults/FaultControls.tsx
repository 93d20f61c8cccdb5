"use client";

import { useState } from "react";
import type { LabDetail } from "@/lib/lab/api-types";
import type { Dictionary } from "@/lib/i18n";
import { faultCommand } from "./fault-commands";

/** Buttons for the faults the terminal offers; each sends the same command line the learner could type. */
export function FaultControls({ labels, detail, disabled, onCommand }: { labels: Dictionary["lab"]; detail: LabDetail; disabled: boolean; onCommand(line: string): void }) {
  const [instance, setInstance] = useState(detail.instances[0] ?? "");
  const [from, setFrom] = useState(detail.services[0] ?? "");
  const [to, setTo] = useState(detail.services[1] ?? detail.services[0] ?? "");
  const [latencyMs, setLatencyMs] = useState(200);
  const [lossPercent, setLossPercent] = useState(20);
  const pick = (value: string, set: (v: string) => void, options: string[], label: string) => (
    <label className="lab-field"><span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>{options.map((o) => <option key={o} value={o}>{o}</option>)}</select>
    </label>
  );
  const send = (line: string) => () => onCommand(line);
  return (
    <fieldset className="lab-panel lab-faults" disabled={disabled} data-testid="lab-faults">
      <legend className="lab-panel-title">{labels.faults}</legend>
      <p className="lab-empty">{labels.faultsHint}</p>
      <div className="lab-fault-row">
        {pick(instance, setInstance, detail.instances, labels.instance)}
        <button type="button" className="lab-btn lab-btn-danger" onClick={send(faultCommand.kill(instance))}>{labels.kill}</button>
        <button type="button" className="lab-btn" onClick={send(faultCommand.restart(instance))}>{labels.restart}</button>
      </div>
      <div className="lab-fault-row">
        {pick(from, setFrom, detail.services, labels.from)}
        {pick(to, setTo, detail.services, labels.to)}
      </div>
      <div className="lab-fault-row">
        <label className="lab-field"><span>{labels.latencyMs}</span><input type="number" min={0} max={60000} value={latencyMs} onChange={(e) => setLatencyMs(Number(e.target.value))} /></label>
        <button type="button" className="lab-btn" onClick={send(faultCommand.latency(from, to, latencyMs))}>{labels.addLatency}</button>
        <label className="lab-field"><span>{labels.lossPercent}</span><input type="number" min={0} max={100} value={lossPercent} onChange={(e) => setLossPercent(Number(e.target.value))} /></label>
        <button type="button" className="lab-btn" onClick={send(faultCommand.loss(from, to, lossPercent))}>{labels.addLoss}</button>
      </div>
      <div className="lab-fault-row">
        <button type="button" className="lab-btn lab-btn-danger" onClick={send(faultCommand.partition(from, to))}>{labels.partition} {from} | {to}</button>
        <button type="button" className="lab-btn" onClick={send(faultCommand.heal())}>{labels.heal}</button>
      </div>
    </fieldset>
  );
}
