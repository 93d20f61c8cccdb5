import protobuf from "protobufjs";

export interface RpcMethodInfo {
  requestType: protobuf.Type;
  responseType: protobuf.Type;
  responseStream: boolean;
}

/**
 * The scenario's .proto files, parsed with protobufjs, so gRPC message sizes are the real encoded
 * lengths. Field names stay as written in the .proto (keepCase) — what learners see in the lab.
 */
export class ProtoRegistry {
  private readonly root = new protobuf.Root();
  private readonly methods = new Map<string, RpcMethodInfo | null>();
  readonly empty: boolean;

  constructor(protos: Record<string, string>) {
    const files = Object.entries(protos);
    this.empty = files.length === 0;
    for (const [file, source] of files) {
      try {
        protobuf.parse(source, this.root, { keepCase: true });
      } catch (error) {
        throw new Error(`protos.${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.root.resolveAll();
  }

  /** "shop.Payments/Charge" (or "/shop.Payments/Charge") → its types, or undefined if not declared. */
  method(fullName: string): RpcMethodInfo | undefined {
    const cached = this.methods.get(fullName);
    if (cached !== undefined) return cached ?? undefined;
    const match = /^\/?([\w.]+)\/(\w+)$/.exec(fullName);
    let info: RpcMethodInfo | null = null;
    if (match) {
      const service = this.root.lookup(match[1]!);
      const method = service instanceof protobuf.Service ? service.methods[match[2]!] : undefined;
      if (method) {
        method.resolve();
        info = {
          requestType: method.resolvedRequestType!,
          responseType: method.resolvedResponseType!,
          responseStream: method.responseStream === true,
        };
      }
    }
    this.methods.set(fullName, info);
    return info ?? undefined;
  }

  lookupType(name: string): protobuf.Type {
    return this.root.lookupType(name);
  }
}

/**
 * Encoded length of `message` as `type`; throws with protobufjs's verification message when the object
 * does not fit the schema (a learner error worth showing).
 */
export function encodedLength(type: protobuf.Type, message: Record<string, unknown>): number {
  const problem = type.verify(message);
  if (problem) throw new Error(`message does not match ${type.fullName.replace(/^\./, "")}: ${problem}`);
  return type.encode(type.fromObject(message)).finish().length;
}

/** gRPC's Length-Prefixed-Message framing: 1-byte compressed flag + 4-byte length. */
export const GRPC_FRAME_PREFIX_BYTES = 5;
