"use client";

import { useEffect, useState } from "react";
import type { LabDetail, LabFile } from "@/lib/lab/api-types";

export type DetailState = { state: "loading" } | { state: "failed"; message: string } | { state: "ready"; detail: LabDetail; sdkDts: string | null };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The lab's manifest and starter files, and the SDK declarations for the editor (optional: typing still works without). */
export function useLabDetail(labId: string): DetailState {
  const [state, setState] = useState<DetailState>({ state: "loading" });
  useEffect(() => {
    let live = true;
    Promise.all([
      getJson<LabDetail>(`/api/labs/${encodeURIComponent(labId)}`),
      fetch("/api/labs/sdk.d.ts").then((r) => (r.ok ? r.text() : null), () => null),
    ]).then(
      ([detail, sdkDts]) => { if (live) setState({ state: "ready", detail, sdkDts }); },
      (e: unknown) => { if (live) setState({ state: "failed", message: e instanceof Error ? e.message : String(e) }); },
    );
    return () => { live = false; };
  }, [labId]);
  return state;
}

export const fetchSolution = (labId: string) => getJson<{ files: LabFile[] }>(`/api/labs/${encodeURIComponent(labId)}/solution`).then((s) => s.files);
