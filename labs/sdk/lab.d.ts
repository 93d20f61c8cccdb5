/* eslint-disable @typescript-eslint/no-explicit-any -- like Express and fetch, bodies and message values are `any` for the learner: JSON of any shape */
/**
 * The lab SDK: the one module learner code may import (`import { createService, fetch } from "lab"`).
 * Served at GET /api/labs/sdk.d.ts for the editor's IntelliSense; the same file type-checks the labs'
 * starter and solution files in this repository. Reference with examples: labs/SDK.md.
 *
 * Everything runs inside a deterministic simulation: time is virtual (Date.now(), setTimeout and the
 * network all follow the simulated clock), Math.random is seeded, and every request, message and log
 * line becomes an event you can watch, replay and grade.
 */
declare module "lab" {
  /** A JSON value: what crosses the simulated network (bodies, messages, log fields). */
  export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

  // ───────────────────────────── services (Express-style) ─────────────────────────────

  /**
   * Defines the handlers of one service of the lab's topology (every instance of the service runs
   * them). Call it once per service, at the top level of a file.
   *
   * @example
   * const app = createService("inventory");
   * app.get("/items/:sku", (req, res) => {
   *   res.json({ sku: req.params.sku, available: 3 });
   * });
   */
  export function createService(name: string): Service;

  /** The `:param` names of a route, as with Express's types: "/orders/:id" → { id: string }. */
  export type RouteParams<P extends string> =
    P extends `${string}:${infer Name}/${infer Rest}` ? { [K in Name]: string } & RouteParams<`/${Rest}`>
      : P extends `${string}:${infer Name}` ? { [K in Name]: string } : Record<never, string>;

  export type Handler<P = Record<string, string>> = (req: Request<P>, res: Response) => void | Promise<void>;

  export interface Service {
    readonly name: string;
    /** Routes like Express: literal segments and `:param` segments, e.g. "/orders/:id". */
    get<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    post<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    put<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    patch<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    delete<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    /** Any method. */
    all<P extends string>(path: P, handler: Handler<RouteParams<P>>): Service;
    /**
     * Runs when an instance starts (and again after every restart): subscribe to queues and topics,
     * start timers. The instance serves requests meanwhile.
     *
     * @example
     * app.onStart(async () => {
     *   const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
     *   await channel.consume("payment-requests", onPaymentRequested);
     * });
     */
    onStart(fn: () => void | Promise<void>): Service;
  }

  export interface Request<P = Record<string, string>> {
    /** "GET", "POST", … */
    readonly method: string;
    /** Path without the query string, e.g. "/orders/42". */
    readonly path: string;
    /** Path with the query string, e.g. "/items?ids=a,b". */
    readonly url: string;
    /** Values of the route's `:param` segments. */
    readonly params: P;
    /** Parsed query string; a key given twice becomes an array. */
    readonly query: Record<string, string | string[]>;
    /** Header names are lower case. Includes `traceparent` (W3C trace context). */
    readonly headers: Record<string, string>;
    /** The request body as sent (JSON value). */
    readonly body: any;
    /** The calling instance, e.g. "orders-1" or "client-1". */
    readonly from: string;
    /** A header by (case-insensitive) name. */
    get(name: string): string | undefined;
  }

  export interface Response {
    /** Sets the status code (default 200). Chainable: `res.status(404).json({ error: "not found" })`. */
    status(code: number): Response;
    /** Sets a response header. */
    set(name: string, value: string): Response;
    /** Sends a JSON body with `content-type: application/json`. A second send throws, as in Express. */
    json(body: unknown): void;
    /**
     * Sends a body (a string or a JSON value) with the headers set so far, e.g. another content type:
     * `res.status(404).set("Content-Type", "application/problem+json").send({ … })`. A 204 or 304
     * answer never carries a body (as with Node's http).
     */
    send(body?: unknown): void;
    /** Sends just the status, e.g. `res.sendStatus(204)`. */
    sendStatus(code: number): void;
    /** True once the response was sent. */
    readonly headersSent: boolean;
  }

  // ───────────────────────────── calling other services ─────────────────────────────

  export interface RequestInit {
    /** Default "GET". */
    method?: string;
    headers?: Record<string, string>;
    /** A string (JSON text is parsed back to a value on the wire) or a JSON value. */
    body?: unknown;
    /** Give up after this long (virtual milliseconds): the promise rejects with a TimeoutError. */
    timeoutMs?: number;
    /** `AbortSignal.timeout(ms)`, as with the real fetch. */
    signal?: AbortSignal;
  }

  export interface Headers {
    get(name: string): string | null;
    has(name: string): boolean;
  }

  /** What fetch resolves to — any HTTP status, including 4xx and 5xx (check `ok`). */
  export interface FetchResponse {
    readonly status: number;
    /** status is 200–299. */
    readonly ok: boolean;
    readonly statusText: string;
    readonly headers: Headers;
    /** The calling instance's measured latency of this request, in virtual ms. */
    readonly latencyMs: number;
    json<T = any>(): Promise<T>;
    text(): Promise<string>;
  }

  /**
   * An HTTP request to another service of the lab: the host name is a service ("inventory") or one
   * instance ("inventory-2"). Resolves with the response (any status); rejects with a `TimeoutError`
   * (timeoutMs/signal elapsed) or a `TypeError("fetch failed")` whose `cause.code` is "ECONNREFUSED"
   * (no instance up), "ECONNRESET" (it crashed mid-request) or "ENOTFOUND" (no such service).
   *
   * @example
   * const res = await fetch(`http://inventory/items?ids=${skus.join(",")}`, { signal: AbortSignal.timeout(200) });
   * if (!res.ok) throw new Error(`inventory answered ${res.status}`);
   * const items: Item[] = await res.json();
   */
  export function fetch(url: string, init?: RequestInit): Promise<FetchResponse>;

  /** Shorthands over fetch (like axios, but resolving to the same response object as fetch). */
  export const http: {
    get(url: string, init?: RequestInit): Promise<FetchResponse>;
    delete(url: string, init?: RequestInit): Promise<FetchResponse>;
    post(url: string, body?: unknown, init?: RequestInit): Promise<FetchResponse>;
    put(url: string, body?: unknown, init?: RequestInit): Promise<FetchResponse>;
    patch(url: string, body?: unknown, init?: RequestInit): Promise<FetchResponse>;
  };

  /** Only `AbortSignal.timeout(ms)` is supported (virtual milliseconds). */
  export class AbortSignal {
    private constructor();
    static timeout(ms: number): AbortSignal;
    readonly timeoutMs: number;
  }

  // ───────────────────────────── RabbitMQ-style messaging (amqplib) ─────────────────────────────

  export interface PublishOptions {
    /** Survive a broker restart (default true). */
    persistent?: boolean;
    /** Application message id: give duplicates the same one so consumers can recognise them. */
    messageId?: string;
    headers?: Record<string, string>;
    /** Per-message TTL in ms (amqplib's `expiration`). */
    expiration?: number;
  }

  export interface ConsumeMessage {
    /** The published value (already a JS value — no Buffer). */
    readonly content: any;
    readonly fields: {
      readonly deliveryTag: number;
      /** True when the broker delivers it again (e.g. the previous consumer died before acking). */
      readonly redelivered: boolean;
      readonly exchange: string;
      readonly routingKey: string;
      readonly queue: string;
    };
    readonly properties: {
      readonly messageId: string | undefined;
      readonly headers: Record<string, string>;
    };
  }

  export interface Channel {
    /** At most `count` unacknowledged deliveries to this consumer at a time (0 = unlimited). */
    prefetch(count: number): Promise<void>;
    /** Publishes to an exchange declared by the lab ("" is the default exchange: routingKey = queue). */
    publish(exchange: string, routingKey: string, content: unknown, options?: PublishOptions): boolean;
    sendToQueue(queue: string, content: unknown, options?: PublishOptions): boolean;
    /**
     * Starts consuming a queue declared by the lab. Without `noAck`, every message must be acked (or
     * nacked) — ack only after the work is done, so a crash means redelivery, not loss.
     */
    consume(queue: string, onMessage: (msg: ConsumeMessage) => void | Promise<void>, options?: { noAck?: boolean }): Promise<{ consumerTag: string }>;
    ack(message: ConsumeMessage): void;
    /**
     * Negative acknowledgement. `requeue` (default true) puts the message back at the head of the queue;
     * false sends it to the queue's dead-letter exchange, if the lab declared one (otherwise it is dropped).
     */
    nack(message: ConsumeMessage, allUpTo?: boolean, requeue?: boolean): void;
    reject(message: ConsumeMessage, requeue?: boolean): void;
    /** Queues are declared by the lab's scenario; this only checks the name and reports it. */
    assertQueue(queue: string): Promise<{ queue: string }>;
    close(): Promise<void>;
  }

  export interface Connection {
    createChannel(): Promise<Channel>;
    close(): Promise<void>;
  }

  /**
   * @example
   * const connection = await amqp.connect("amqp://rabbit");
   * const channel = await connection.createChannel();
   * channel.publish("orders", "order.created", { orderId }, { messageId: `order-${orderId}` });
   */
  export const amqp: { connect(url: string): Promise<Connection> };

  // ───────────────────────────── Kafka-style log (kafkajs) ─────────────────────────────

  export interface KafkaMessage { key: string | null; value: any; offset: string; timestamp: string }
  export interface EachMessagePayload {
    topic: string;
    partition: number;
    message: KafkaMessage;
    /** Accepted for kafkajs compatibility; the simulation tracks liveness itself. */
    heartbeat(): Promise<void>;
  }
  export interface RecordMetadata { topicName: string; partition: number; baseOffset: string }

  export interface Producer {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    /** Appends records; resolves when the broker has assigned offsets. */
    send(record: { topic: string; messages: { key?: string | null; value: unknown; partition?: number }[] }): Promise<RecordMetadata[]>;
  }

  export interface Consumer {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    subscribe(subscription: { topic?: string; topics?: string[]; fromBeginning?: boolean }): Promise<void>;
    /**
     * Joins the group and calls `eachMessage` for every record of the partitions it is assigned. As in
     * kafkajs, the consumer awaits it: the next record starts only when the returned promise settles (a
     * rejection is logged and the same record is retried a second later — the partition waits).
     *
     * Offsets: with `autoCommit` (the default) the consumer commits what it has processed after each
     * batch of records (at most 20 per poll), or every `autoCommitInterval` ms; with `autoCommit: false`
     * nothing is committed unless you call `commitOffsets`. A rebalance waits for the batch in progress.
     */
    run(config: {
      eachMessage: (payload: EachMessagePayload) => void | Promise<void>;
      autoCommit?: boolean;
      autoCommitInterval?: number;
    }): Promise<void>;
    /**
     * Commits, for each partition, the offset of the next record to read — so after processing
     * `message`, commit `Number(message.offset) + 1`. Only partitions this consumer has received
     * records from can be committed; a commit after the partition moved to another member is refused.
     *
     * @example
     * await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
     */
    commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
  }

  /**
   * @example
   * const kafka = new Kafka({ clientId: "orders", brokers: ["kafka:9092"] });
   * const producer = kafka.producer();
   * await producer.connect();
   * await producer.send({ topic: "order-events", messages: [{ key: orderId, value: { type: "OrderPlaced", orderId } }] });
   */
  export class Kafka {
    constructor(config: { clientId?: string; brokers: string[] });
    producer(): Producer;
    /**
     * A member of the consumer group `groupId`. Every group reads the whole topic; members of one group
     * share its partitions. `sessionTimeout` (ms, default 30 000): how long the group waits for a member
     * that stopped responding before it rebalances its partitions to the others.
     */
    consumer(config: { groupId: string; sessionTimeout?: number }): Consumer;
  }

  // ───────────────────────────── gRPC (@grpc/grpc-js style) ─────────────────────────────
  // Messages are plain objects with the .proto's field names as written (proto-loader's keepCase);
  // every message crossing the network is encoded with the lab's real .proto files (protobufjs), so
  // sizes on the timeline are real, and what arrives has proto3 defaults filled in (0, "", []).

  export interface Service {
    /**
     * Serves a gRPC service of the lab's .proto files, like grpc-js's `server.addService`. Handlers are
     * keyed by method name as in the .proto (`GetStock`) or lower camel case (`getStock`); a method
     * left out answers UNIMPLEMENTED.
     *
     * @example
     * const server = createService("inventory");
     * server.addService("shop.inventory.v1.Inventory", {
     *   async GetStock(call: grpc.ServerUnaryCall<GetStockRequest>, callback: grpc.sendUnaryData<StockLevel>) {
     *     if (call.cancelled) return;                    // the caller gave up: stop working
     *     callback(null, { sku: call.request.sku, available: 3, reserved: 0, delta: 0 });
     *   },
     *   WatchStock(call: grpc.ServerWritableStream<WatchStockRequest, StockLevel>) {
     *     call.write({ sku: "SKU-7731", available: 150, reserved: 2, delta: -3 });
     *     call.end();
     *   },
     * });
     */
    addService(serviceName: string, implementation: grpc.UntypedServiceImplementation): Service;
  }

  /** gRPC in the style of `import * as grpc from "@grpc/grpc-js"`. */
  export namespace grpc {
    /** The 17 status codes, with the spec's values. */
    const status: {
      readonly OK: 0; readonly CANCELLED: 1; readonly UNKNOWN: 2; readonly INVALID_ARGUMENT: 3;
      readonly DEADLINE_EXCEEDED: 4; readonly NOT_FOUND: 5; readonly ALREADY_EXISTS: 6;
      readonly PERMISSION_DENIED: 7; readonly RESOURCE_EXHAUSTED: 8; readonly FAILED_PRECONDITION: 9;
      readonly ABORTED: 10; readonly OUT_OF_RANGE: 11; readonly UNIMPLEMENTED: 12; readonly INTERNAL: 13;
      readonly UNAVAILABLE: 14; readonly DATA_LOSS: 15; readonly UNAUTHENTICATED: 16;
    };
    /** What `parent` passes on (grpc-js's `Propagate`): by default the deadline and cancellation. */
    const propagate: { readonly DEADLINE: 1; readonly CENSUS_STATS_CONTEXT: 2; readonly CENSUS_TRACING_CONTEXT: 4; readonly CANCELLATION: 8; readonly DEFAULTS: 65535 };

    /** An absolute point in (virtual) time: `Date.now() + 500`, or a Date. */
    type Deadline = number | Date;

    /** Call metadata (headers): lower-case keys, string values. */
    class Metadata {
      set(key: string, value: string): void;
      add(key: string, value: string): void;
      get(key: string): string[];
      remove(key: string): void;
      getMap(): Record<string, string>;
      clone(): Metadata;
    }

    /** How an RPC ended, when it did not end with OK: `err.code === grpc.status.DEADLINE_EXCEEDED`. */
    interface ServiceError extends Error {
      code: number;
      details: string;
      metadata: Metadata;
    }
    /** What a server passes to `callback(error)` or `call.destroy(error)`. */
    interface StatusObject { code: number; details?: string }

    interface CallOptions {
      /** When the caller gives up (absolute, virtual ms): `{ deadline: Date.now() + 500 }`. Without one, the lab's default applies (30 s unless the lab says otherwise) — think of it as none. */
      deadline?: Deadline;
      /**
       * The server call being handled: this call then ends no later than the parent's deadline (the
       * earlier of the two wins). Without `parent`, a call made inside a handler knows nothing of the
       * caller's deadline — as in grpc-js.
       */
      parent?: ServerSurfaceCall;
      /** Which parts of the parent to pass on; default `grpc.propagate.DEFAULTS`. */
      propagate_flags?: number;
    }

    type requestCallback<Res> = (err: ServiceError | null, value?: Res) => void;
    interface ClientUnaryCall { getPeer(): string }

    /**
     * A unary method of a client: awaitable (rejects with a ServiceError), or grpc-js's callback form.
     *
     * @example
     * const level = await inventory.getStock({ sku }, { deadline: Date.now() + 300 });
     * inventory.getStock({ sku }, { parent: call }, (err, level) => { … });
     */
    interface UnaryMethod<Req, Res> {
      (request: Req, options?: CallOptions): Promise<Res>;
      (request: Req, metadata: Metadata, options?: CallOptions): Promise<Res>;
      (request: Req, options: CallOptions, callback: requestCallback<Res>): ClientUnaryCall;
      (request: Req, metadata: Metadata, options: CallOptions, callback: requestCallback<Res>): ClientUnaryCall;
      (request: Req, callback: requestCallback<Res>): ClientUnaryCall;
    }

    /**
     * The client side of a server stream: events like grpc-js's (`data`, `error`, `end`, `status`), or
     * `for await (const msg of stream)`, which throws the ServiceError if the stream fails. A stream
     * that ends because its deadline passed ends with DEADLINE_EXCEEDED. An `error` nobody listens to
     * (and nobody iterates) is an uncaught error, as with any EventEmitter.
     */
    interface ClientReadableStream<Res> extends AsyncIterable<Res> {
      on(event: "data", listener: (message: Res) => void): this;
      on(event: "error", listener: (err: ServiceError) => void): this;
      on(event: "end", listener: () => void): this;
      on(event: "status", listener: (status: { code: number; details: string; metadata: Metadata }) => void): this;
      once: ClientReadableStream<Res>["on"];
      getPeer(): string;
    }
    interface ServerStreamMethod<Req, Res> {
      (request: Req, options?: CallOptions): ClientReadableStream<Res>;
      (request: Req, metadata: Metadata, options?: CallOptions): ClientReadableStream<Res>;
    }

    /**
     * A client for `service` (its full name in the .proto) at `target` (a service of the lab, load
     * balanced per call, or one instance such as "inventory-2"). Methods are there under both names
     * (`GetStock` and `getStock`); type them with an interface, as you would generated code.
     *
     * @example
     * interface InventoryClient {
     *   getStock: grpc.UnaryMethod<GetStockRequest, StockLevel>;
     *   watchStock: grpc.ServerStreamMethod<WatchStockRequest, StockLevel>;
     * }
     * const inventory = grpc.client<InventoryClient>("inventory", "shop.inventory.v1.Inventory");
     */
    function client<T = Record<string, (...args: any[]) => any>>(target: string, service: string): T;

    /**
     * The size of `message` encoded as `type` (a full message name): Protobuf alone, in its 5-byte gRPC
     * frame, and as compact JSON — plus the Protobuf bytes in hex (the first 64).
     *
     * @example
     * log.info("StockLevel", grpc.sizes("shop.inventory.v1.StockLevel", level));
     * // → { protobufBytes: 17, framedBytes: 22, jsonBytes: 58, hex: "0a 08 53 4b 55 2d 37 37 33 31 10 96 01 18 02 20 05" }
     */
    function sizes(type: string, message: object): { protobufBytes: number; framedBytes: number; jsonBytes: number; hex: string };

    /** What every server call has (grpc-js's ServerSurfaceCall). */
    interface ServerSurfaceCall {
      /** Request metadata (includes `traceparent`). */
      readonly metadata: Metadata;
      /**
       * True once the caller's deadline has passed before you answered. The handler is NOT stopped
       * for you: check this (or listen for "cancelled") before more work — answers after it are
       * dropped.
       */
      readonly cancelled: boolean;
      /** The caller's deadline (absolute virtual ms, like Date.now()). `getDeadline() - Date.now()` is the time left. */
      getDeadline(): number;
      /** The calling instance, e.g. "orders-1". */
      getPeer(): string;
      /** "/package.Service/Method". */
      getPath(): string;
      /** Runs `listener` once when the call is cancelled (the deadline passes before you answered). */
      on(event: "cancelled", listener: () => void): this;
      once(event: "cancelled", listener: () => void): this;
    }
    // The second parameter is there so grpc-js code (`ServerUnaryCall<Req, Res>`) reads the same.
    interface ServerUnaryCall<Req, _Res = unknown> extends ServerSurfaceCall {
      readonly request: Req;
    }
    /** Answers a unary call: `callback(null, reply)` or `callback({ code: grpc.status.NOT_FOUND, details })`. */
    type sendUnaryData<Res> = (error: StatusObject | ServiceError | Error | null, value?: Res | null) => void;
    interface ServerWritableStream<Req, Res> extends ServerSurfaceCall {
      readonly request: Req;
      /** Sends one message; returns false (and sends nothing) once the call is over. */
      write(message: Res): boolean;
      /** Ends the stream with OK. */
      end(): void;
      /** Ends the stream with an error status. */
      destroy(error?: StatusObject | Error): void;
    }

    type UnaryHandler = (call: ServerUnaryCall<any>, callback: sendUnaryData<any>) => void | Promise<void>;
    type ServerStreamHandler = (call: ServerWritableStream<any, any>) => void | Promise<void>;
    type UntypedServiceImplementation = Record<string, UnaryHandler | ServerStreamHandler>;
  }

  // ───────────────────────────── WebSockets (ws / browser style) and Redis-style pub/sub ─────────────────────────────

  /** The upgrade request of a new connection, as `ws` hands it to "connection" (IncomingMessage-like). */
  export interface UpgradeRequest {
    /** Path with the query string, e.g. "/feed?user=cus-2001&ticket=t-7". */
    readonly url: string;
    /** Path without the query string, e.g. "/feed". */
    readonly path: string;
    /** The parsed query string (the sandbox has no `URL`): `req.query.user`. */
    readonly query: Record<string, string | string[]>;
    readonly headers: Record<string, string>;
    /** The connecting instance, e.g. "browsers-7". */
    readonly from: string;
  }

  export interface WebSocketEvent { readonly type: "open" | "error" | "pong"; readonly target: WebSocket }
  export interface WebSocketMessageEvent { readonly type: "message"; readonly data: string; readonly target: WebSocket }
  export interface WebSocketCloseEvent {
    readonly type: "close";
    /** 1000 normal, 1001 going away, 1006 dropped without a close frame (crash, reset, timeout), 1011, 1013, 4000–4999 yours… */
    readonly code: number;
    readonly reason: string;
    /** Both close frames were exchanged. */
    readonly wasClean: boolean;
    readonly target: WebSocket;
  }
  /** Listeners in the style of ws's EventEmitter: `ws.on("message", (data) => …)`. */
  export interface WebSocketListeners {
    open: () => void;
    message: (data: string, isBinary: boolean) => void;
    close: (code: number, reason: string) => void;
    /** The answer to your `ping()`. */
    pong: () => void;
    /** A client whose connection could not be opened (then "close" with 1006). */
    error: (error: Error) => void;
  }
  export interface WebSocketEventMap { open: WebSocketEvent; message: WebSocketMessageEvent; close: WebSocketCloseEvent; pong: WebSocketEvent; error: WebSocketEvent }

  /**
   * One end of a WebSocket connection: the same class as ws's `WebSocket`. Construct it as a browser
   * would (a client), or get the server end from a WebSocketServer's "connection". Messages are text:
   * send strings (`JSON.stringify` objects). Both listener styles work (`ws.onmessage = (ev) => ev.data`
   * and `ws.on("message", (data) => …)`). A socket belongs to the instance that opened or accepted it.
   *
   * A connection can die without telling you: a crashed peer is reported as 1006 once the reset arrives,
   * but a frozen or cut-off peer sends nothing at all — only a heartbeat (`ping()` and "pong") notices.
   * An upgrade that gets no answer fails after 3 s, a close handshake without an answer after 2 s (1006).
   *
   * @example
   * const ws = new WebSocket("ws://gw/feed?user=cus-2001");
   * ws.onopen = () => ws.send(JSON.stringify({ op: "resume", lastSeq }));
   * ws.onmessage = (ev) => show(JSON.parse(ev.data));
   * ws.onclose = (ev) => reconnectLater(ev.code);
   */
  export class WebSocket {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    readonly CONNECTING: 0;
    readonly OPEN: 1;
    readonly CLOSING: 2;
    readonly CLOSED: 3;
    /**
     * A client connection to a service (load-balanced) or one instance of the lab: "ws://gw/feed?user=cus-2001".
     * Subprotocols are accepted and ignored (the lab does not negotiate them).
     */
    constructor(url: string, protocols?: string | string[]);
    readonly url: string;
    readonly readyState: 0 | 1 | 2 | 3;
    onopen: ((ev: WebSocketEvent) => void) | null;
    onmessage: ((ev: WebSocketMessageEvent) => void) | null;
    onclose: ((ev: WebSocketCloseEvent) => void) | null;
    onerror: ((ev: WebSocketEvent) => void) | null;
    /** Sends a text message. Throws while CONNECTING; dropped silently once closing, as in a browser. */
    send(data: string): void;
    /** The closing handshake: a Close frame with `code` (default 1000) and `reason` (≤ 123 bytes), then "close". */
    close(code?: number, reason?: string): void;
    /** ws: drops the connection at once, without a handshake — for a peer that would never answer one (1006). */
    terminate(): void;
    /** ws: sends a ping frame; the peer answers by itself and "pong" fires here. */
    ping(): void;
    on<E extends keyof WebSocketListeners>(event: E, listener: WebSocketListeners[E]): this;
    once<E extends keyof WebSocketListeners>(event: E, listener: WebSocketListeners[E]): this;
    off<E extends keyof WebSocketListeners>(event: E, listener: WebSocketListeners[E]): this;
    addEventListener<E extends keyof WebSocketEventMap>(type: E, listener: (ev: WebSocketEventMap[E]) => void): void;
    removeEventListener<E extends keyof WebSocketEventMap>(type: E, listener: (ev: WebSocketEventMap[E]) => void): void;
  }

  /**
   * Accepts WebSocket connections to a service, like ws's `new WebSocketServer({ server, path })`.
   * Create it once at the top level of a file; every instance of the service accepts connections.
   *
   * @example
   * const app = createService("gw");
   * const wss = new WebSocketServer({ server: app, path: "/feed" });
   * wss.on("connection", (ws, req) => {
   *   const user = String(req.query.user);
   *   ws.on("message", (data) => handle(user, JSON.parse(data)));
   *   ws.on("close", (code) => log.info("gone", { user, code }));
   * });
   */
  export class WebSocketServer {
    constructor(options: { server: Service; path?: string });
    /** The open connections of the instance this code runs on (ws: `wss.clients`). */
    readonly clients: Set<WebSocket>;
    on(event: "connection", listener: (ws: WebSocket, req: UpgradeRequest) => void): this;
  }

  /** node-redis flavour, pub/sub only. */
  export interface RedisClient {
    readonly isOpen: boolean;
    /** Nothing to wait for in the lab; kept so node-redis code reads the same. */
    connect(): Promise<RedisClient>;
    /**
     * Fire-and-forget to the channel's subscribers at this moment — at most once: a subscriber that is
     * down, or subscribes later, never gets it. (The simulated broker does not report how many got it.)
     */
    publish(channel: string, message: string): Promise<void>;
    /** This instance gets the channel's messages from the moment the request reaches the broker (one hop). */
    subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<void>;
    /** Stops calling `listener` (or every listener of the channel). */
    unsubscribe(channel: string, listener?: (message: string, channel: string) => void): Promise<void>;
    duplicate(): RedisClient;
    quit(): Promise<void>;
    disconnect(): Promise<void>;
  }

  /**
   * Redis-style pub/sub against a broker of the lab (`kind: "pubsub"`). Publish and subscribe inside
   * handlers, onStart or timers: a subscription belongs to the instance that made it.
   *
   * @example
   * const backplane = redis.createClient({ url: "redis://redis" });
   * app.onStart(async () => {
   *   await backplane.subscribe("feed", (message) => forward(JSON.parse(message)));
   * });
   * await backplane.publish("feed", JSON.stringify({ userId, event }));
   */
  export const redis: { createClient(options: { url: string }): RedisClient };

  // ───────────────────────────── time, logs, metrics ─────────────────────────────

  export type TimerId = number & { readonly __timer: unique symbol };
  /** Runs `fn` after `ms` virtual milliseconds on the instance that set it (gone if it crashes). */
  export function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): TimerId;
  export function clearTimeout(id: TimerId | undefined): void;
  /** Repeats every `ms` (at least 1) virtual milliseconds. */
  export function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): TimerId;
  export function clearInterval(id: TimerId | undefined): void;
  /** `await sleep(100)` — like `setTimeout` from "node:timers/promises". */
  export function sleep(ms: number): Promise<void>;

  export type LogFields = Record<string, string | number | boolean | null>;
  /**
   * Structured logs (winston-style: message, then fields). They appear in the terminal and as `log`
   * events that objectives can check. `console.log` works too (level "info", no fields).
   *
   * @example
   * log.info("charged", { orderId, amountCents });
   */
  export const log: {
    debug(message: string, fields?: LogFields): void;
    info(message: string, fields?: LogFields): void;
    warn(message: string, fields?: LogFields): void;
    error(message: string, fields?: LogFields): void;
  };

  /**
   * Counters and histograms (prom-client flavour), shown by the terminal's `metrics` command.
   *
   * @example
   * metrics.counter("orders_accepted").inc();
   * metrics.histogram("basket_size").observe(items.length);
   */
  export const metrics: {
    counter(name: string): { inc(by?: number): void };
    histogram(name: string): { observe(value: number): void };
  };

  /** Named state of this instance (e.g. a circuit breaker: "closed" → "open"), drawn by the UI. */
  export const state: { set(name: string, value: string): void };

  /** Where the code is running right now. */
  export const env: {
    /** Service name, e.g. "orders" ("" at the top level of a file). */
    readonly service: string;
    /** Instance id, e.g. "orders-2". */
    readonly instance: string;
  };
}
