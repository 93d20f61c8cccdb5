"use client";

import { useEffect, useRef } from "react";
import { displayTimeMs, type SessionSnapshot } from "../session/lab-session";
import type { GroupText } from "./frame";
import type { FlowLayout } from "./layout";
import { renderFlow } from "./render";

interface Props {
  snapshot: SessionSnapshot;
  layout: FlowLayout;
  selectedMsgId: number | null;
  onSelect(msgId: number): void;
  reducedMotion: boolean;
  label: string;
  /** Words on a collapsed group's summary box ("+35 more", "2 crashed"). */
  groupText?: GroupText;
  /** The drawing area's width/height, rounded, so the layout can use the room it has. */
  onAspect?(aspect: number): void;
}

/** Wall-clock ms a hop stays visible, and how long drops/timeouts stay marked, at 1× speed. */
const MIN_FLIGHT_WALL_MS = 450;
const MARKER_WALL_MS = 1500;

/**
 * The pacing wrapper around the pure `renderFlow`: one requestAnimationFrame loop that asks the session for
 * the simulated time to show and redraws only when something changed.
 */
export function FlowView({ snapshot, layout, selectedMsgId, onSelect, reducedMotion, label, groupText, onAspect }: Props) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  const input = useRef({ snapshot, layout, selectedMsgId, reducedMotion, groupText });
  useEffect(() => { input.current = { snapshot, layout, selectedMsgId, reducedMotion, groupText }; });

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !onAspect) return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box && box.width > 0 && box.height > 0) onAspect(Math.round((box.width / box.height) * 4) / 4);
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [onAspect]);

  useEffect(() => {
    let frame = 0;
    let last = "";
    const draw = () => {
      const svg = svgRef.current;
      const { snapshot: s, layout: l, selectedMsgId: sel, reducedMotion: rm, groupText: gt } = input.current;
      const t = displayTimeMs(s, Date.now());
      const key = `${t}|${s.version}|${sel}|${rm}|${l.nodes.length}|${gt?.more(1) ?? ""}`;
      if (svg && key !== last) {
        last = key;
        const speed = s.speed || 1;
        const frameData = renderFlow(svg, s.events, {
          layout: l, timeMs: t, selectedMsgId: sel, reducedMotion: rm, maxMessages: 600, groupText: gt,
          minFlightMs: (rm ? 2 * MIN_FLIGHT_WALL_MS : MIN_FLIGHT_WALL_MS) * speed,
          markerWindowMs: MARKER_WALL_MS * speed,
        });
        svg.dataset.messages = String(frameData.messages.length);
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <svg ref={svgRef} className="lab-flow-svg" role="img" aria-label={label} preserveAspectRatio="xMidYMid meet"
      onClick={(e) => {
        const hit = (e.target as Element).closest("[data-msg-id]");
        if (hit) onSelect(Number(hit.getAttribute("data-msg-id")));
      }} />
  );
}
