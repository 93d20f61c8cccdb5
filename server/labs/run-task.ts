/** Pool task module (registered as "lab.run"): one whole lab run inside a sandbox worker thread. */
import { runLab, type LabRunOutcome, type LabRunRequest } from "./host";

export default function labRunTask(payload: unknown): Promise<LabRunOutcome> {
  return runLab(payload as LabRunRequest);
}
