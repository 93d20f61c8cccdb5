/**
 * The future-event list: a binary min-heap ordered by (timeMs, seq). seq is a monotonically increasing
 * integer assigned at push time, so two actions at the same instant run in the order they were
 * scheduled — by construction, never by accident of the heap's layout.
 *
 * Entries live in parallel typed arrays rather than objects, so scheduling allocates nothing in the
 * steady state: an entry is (time, seq, kind, num, payload) where `kind` indexes the kernel's action
 * table and `num`/`payload` are that action's arguments.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private nums: Float64Array;
  private payloads: unknown[];
  private count = 0;
  private nextSeq = 0;

  // The entry removed by the last pop(), read through these fields to avoid returning a tuple.
  poppedTimeMs = 0;
  poppedSeq = 0;
  poppedKind = 0;
  poppedNum = 0;
  poppedPayload: unknown = undefined;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.nums = new Float64Array(initialCapacity);
    this.payloads = new Array<unknown>(initialCapacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTimeMs(): number {
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  push(timeMs: number, kind: number, num: number, payload: unknown): number {
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    // Sift up: move parents down until the hole is where the new entry belongs.
    let i = this.count++;
    const times = this.times, seqs = this.seqs;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeMs || (pt === timeMs && seqs[parent]! < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, timeMs, seq, kind, num, payload);
    return seq;
  }

  /** Removes the earliest entry into the popped* fields. Returns false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.poppedTimeMs = this.times[0]!;
    this.poppedSeq = this.seqs[0]!;
    this.poppedKind = this.kinds[0]!;
    this.poppedNum = this.nums[0]!;
    this.poppedPayload = this.payloads[0];
    const last = --this.count;
    if (last > 0) this.siftDownFromRoot(last);
    this.payloads[last] = undefined;
    return true;
  }

  private siftDownFromRoot(last: number): void {
    const times = this.times, seqs = this.seqs;
    const t = times[last]!, s = seqs[last]!, k = this.kinds[last]!, n = this.nums[last]!, p = this.payloads[last];
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last) {
        const ct = times[child]!, rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) child = right;
      }
      const ct = times[child]!;
      if (t < ct || (t === ct && s < seqs[child]!)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, t, s, k, n, p);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.nums[to] = this.nums[from]!;
    this.payloads[to] = this.payloads[from];
  }

  private set(i: number, timeMs: number, seq: number, kind: number, num: number, payload: unknown): void {
    this.times[i] = timeMs;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.nums[i] = num;
    this.payloads[i] = payload;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity); times.set(this.times); this.times = times;
    const seqs = new Float64Array(capacity); seqs.set(this.seqs); this.seqs = seqs;
    const kinds = new Int32Array(capacity); kinds.set(this.kinds); this.kinds = kinds;
    const nums = new Float64Array(capacity); nums.set(this.nums); this.nums = nums;
    for (let i = this.payloads.length; i < capacity; i++) this.payloads.push(undefined);
  }
}
