/**
 * Kafka's default partitioner for keyed records: murmur2 (seed 0x9747b28c) over the key's UTF-8 bytes,
 * made positive with `& 0x7fffffff`, modulo the partition count — a line-by-line port of
 * org.apache.kafka.common.utils.Utils.murmur2 and BuiltInPartitioner.partitionForKey, so a key lands on
 * the partition a Java producer would choose.
 */
const encoder = new TextEncoder();

export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  const r = 24;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4]! & 0xff) | ((data[i4 + 1]! & 0xff) << 8) | ((data[i4 + 2]! & 0xff) << 16) | ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length & ~3;
  switch (length % 4) {
    case 3: h ^= (data[tail + 2]! & 0xff) << 16; // falls through
    case 2: h ^= (data[tail + 1]! & 0xff) << 8; // falls through
    case 1:
      h ^= data[tail]! & 0xff;
      h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

export function murmur2String(key: string): number {
  return murmur2(encoder.encode(key));
}

export function partitionForKey(key: string, numPartitions: number): number {
  return (murmur2String(key) & 0x7fffffff) % numPartitions;
}
