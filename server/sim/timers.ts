import type { Instance } from "./instance";
import type { World } from "./world";

interface TimerEntry { id: number; inst: Instance; epoch: number; name: string; data: unknown; cancelled: boolean }

/** Instance timers on the virtual clock. They die with the process (epoch) and wait out a pause. */
export class Timers {
  private readonly fireKind: number;
  private readonly live = new Map<number, TimerEntry>();

  constructor(private readonly world: World) {
    this.fireKind = world.k.register((_n: number, t: TimerEntry) => this.fire(t));
  }

  set(inst: Instance, delayMs: number, name: string, data: unknown): number {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) throw new Error(`setTimer: delayMs must be a finite number ≥ 0, got ${delayMs}`);
    const entry: TimerEntry = { id: this.world.nextTimerId++, inst, epoch: inst.epoch, name, data, cancelled: false };
    this.live.set(entry.id, entry);
    this.world.k.after(delayMs, this.fireKind, 0, entry);
    return entry.id;
  }

  cancel(timerId: number): void {
    const entry = this.live.get(timerId);
    if (entry) entry.cancelled = true;
    this.live.delete(timerId);
  }

  private fire(t: TimerEntry): void {
    this.live.delete(t.id);
    if (t.cancelled) return;
    this.world.onInstance(t.inst, t.epoch, () => {
      const k = this.world.k;
      k.emit({ type: "timer.fire", timeMs: k.now, service: t.inst.group, instance: t.inst.id, timerId: t.id, name: t.name });
      const onTimer = t.inst.service.handlers.onTimer;
      if (onTimer) this.world.invoke(t.inst, undefined, (ctx) => onTimer({ timerId: t.id, name: t.name, data: t.data }, ctx));
    });
  }
}
