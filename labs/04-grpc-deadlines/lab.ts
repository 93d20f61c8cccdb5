import { defineLab } from "../../server/labs/define";
import { callsOf, faultWindow, ms } from "../objective-helpers";
import { INVENTORY_PROTO, ORDERS_PROTO } from "./protos";
import { callsAfterDeadline, grpcRoots, summarise, widenedDeadlines } from "./work-after-deadline";

const CHECKOUT = { from: "client", to: "gateway", method: "POST", pathPrefix: "/checkout" };
const PLACE_ORDER = "shop.orders.v1.Orders/PlaceOrder";
const WATCH_STOCK = "shop.inventory.v1.Inventory/WatchStock";
const SLOW_DB = { type: "slow", instance: "stockdb-1" } as const;
/** The shopper's patience: the deadline the gateway should give checkout, and the objective's slack. */
const CHECKOUT_DEADLINE_MS = 500;
const SLACK_MS = 10;

export default defineLab({
  id: "04-grpc-deadlines",
  chapter: "ch04-rpc",
  section: "grpc-and-protobuf",
  title: { zh: "gRPC：Protobuf 的字节、服务端流与截止时间链", en: "gRPC: Protobuf bytes, a server stream and a deadline chain" },
  description: {
    zh: "API 网关 → 订单服务 → 库存服务 → 库存数据库，内部全部走 gRPC（数据库除外）。先看一元调用 GetStock 的消息按真实 Protobuf 编码有多大、同一对象的 JSON 有多大；再看订单详情页用 WatchStock 服务端流收到的一串消息。然后 3–6 秒之间数据库变慢：给网关的调用设一个 500 ms 的截止时间，用 parent 把它传到下游，并让库存服务在调用方放弃之后停止查询、停止跟随变更流。",
    en: "API gateway → orders → inventory → the stock database, gRPC inside (except the database). First see how big the unary GetStock messages are in real Protobuf encoding and how big the same object is as JSON; then watch the order page receive a series of messages on the WatchStock server stream. Between 3 s and 6 s the database turns slow: give the gateway's call a 500 ms deadline, pass it downstream with parent, and make inventory stop querying and stop following the change feed once the caller has given up.",
  },
  goals: [
    { zh: "在日志和时间线上读出一条 Protobuf 消息的字节数（含 5 字节帧头），并与 JSON 对比", en: "Read a Protobuf message's size (with its 5-byte frame) in the log and on the timeline, and compare it with JSON" },
    { zh: "看到服务端流在一次调用里送出多条消息，以及调用结束后服务端的循环是否还在工作", en: "See a server stream deliver several messages on one call, and whether the server's loop keeps working after the call ended" },
    { zh: "在入口设置截止时间，用 parent 沿调用链传递，下游取自己期限与上游剩余时间中较早的一个", en: "Set a deadline at the edge and pass it down the chain with parent: each hop gets the earlier of its own and the caller's" },
    { zh: "服务端自己检查取消：调用方放弃以后，不再开始任何查询或下游调用", en: "Check for cancellation on the server: once the caller has given up, start no more queries or downstream calls" },
  ],
  files: ["gateway.ts", "orders.ts", "inventory.ts", "stockdb.ts", "protos.ts"],
  scenario: {
    name: "grpc-deadlines",
    durationMs: 9_000,
    services: [
      { name: "gateway", concurrency: 64, serviceTimeMs: { type: "lognormal", medianMs: 0.3, sigma: 0.3 } },
      { name: "orders", concurrency: 32, serviceTimeMs: { type: "lognormal", medianMs: 0.5, sigma: 0.3 } },
      { name: "inventory", concurrency: 32, serviceTimeMs: { type: "lognormal", medianMs: 0.4, sigma: 0.3 }, httpPool: { maxConnections: 64 } },
      { name: "stockdb", concurrency: 64, serviceTimeMs: { type: "lognormal", medianMs: 20, sigma: 0.25 } },
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    protos: { "inventory.proto": INVENTORY_PROTO, "orders.proto": ORDERS_PROTO },
    workloads: [
      { name: "checkout", protocol: "http", to: "gateway", method: "POST", path: "/checkout", arrival: { type: "constant", intervalMs: 60 }, count: 145, startMs: 10, timeoutMs: 10_000 },
      { name: "order-page", protocol: "http", to: "gateway", method: "GET", path: "/orders/o-42/live", arrival: { type: "constant", intervalMs: 500 }, count: 16, startMs: 100, timeoutMs: 10_000 },
    ],
    faults: [{ atMs: 3_000, durationMs: 3_000, factor: 15, ...SLOW_DB }],
    http: { defaultTimeoutMs: 30_000 },
    grpc: { defaultDeadlineMs: 30_000 },
  },
  objectives: [
    {
      id: "answer-in-time",
      title: { zh: "下单在 510 ms 内得到答复，即使数据库变慢", en: "Checkout answers within 510 ms, even while the database is slow" },
      explain: {
        zh: "gRPC 默认不设截止时间：3–6 秒之间数据库变慢，网关就陪着等。给网关对订单服务的调用设 500 ms 的截止时间，到期时调用以 DEADLINE_EXCEEDED 结束，网关回答 504。检查的是客户端收到的每一个下单答复（限 500 ms + 10 ms），以及数据库正常时下单必须仍然成功（201）。",
        en: "gRPC sets no deadline by default: while the database is slow (3–6 s), the gateway waits as long as it takes. Give the gateway's call to orders a 500 ms deadline; when it passes the call ends with DEADLINE_EXCEEDED and the gateway answers 504. Checks every checkout answer the client got (limit 500 ms + 10 ms), and that checkout still succeeds (201) while the database is healthy.",
      },
      check(events, { scenario }) {
        const calls = callsOf(events, CHECKOUT);
        if (calls.length === 0) return { passed: false, detail: "no checkout (POST /checkout) was answered" };
        const win = faultWindow(scenario, SLOW_DB.type, SLOW_DB.instance);
        const slowest = Math.max(...calls.map((c) => c.latencyMs));
        const healthy = calls.filter((c) => c.startMs + c.latencyMs < win.startMs || c.startMs > win.endMs + 100);
        const failed = healthy.filter((c) => c.status !== 201).length;
        const limitMs = CHECKOUT_DEADLINE_MS + SLACK_MS;
        const passed = slowest <= limitMs && failed === 0;
        return { passed, detail: `slowest checkout took ${ms(slowest)} (limit ${limitMs} ms); ${failed} of ${healthy.length} checkouts while the database was healthy did not get 201` };
      },
    },
    {
      id: "stop-when-caller-gives-up",
      title: { zh: "网关放弃之后，下游不再开始任何工作", en: "No downstream work starts after the gateway gave up" },
      explain: {
        zh: "数一数每次下单在网关的截止时间过去之后，订单服务和库存服务还发出了多少请求（发往库存服务或数据库）。订单服务另起一个 5 秒的期限，库存服务就不知道调用方早已放弃；即使知道了，gRPC 也不会打断处理函数——库存服务要自己检查 call.cancelled，才不会把没人要的查询做完。至少要有一次下单真的因截止时间而放弃，这一项才有意义。",
        en: "Counts the requests orders and inventory still start (to inventory or the database) after the gateway's deadline of that checkout has passed. With its own fresh 5 s deadline, orders leaves inventory unaware that the caller has given up; and even when it knows, gRPC does not interrupt the handler — inventory has to check call.cancelled itself, or it finishes queries nobody wants. At least one checkout must actually have given up at its deadline for this to mean anything.",
      },
      check(events) {
        const roots = grpcRoots(events, "gateway", PLACE_ORDER);
        const gaveUp = roots.filter((r) => r.statusName === "DEADLINE_EXCEEDED").length;
        if (gaveUp === 0) return { passed: false, detail: `none of ${roots.length} checkouts gave up at a deadline: without one, nobody ever does (see the first objective)` };
        const late = callsAfterDeadline(events, roots, ["orders", "inventory"]);
        const widened = widenedDeadlines(events, roots.filter((r) => r.statusName === "DEADLINE_EXCEEDED"), ["orders"]);
        const why = late.length === 0 ? "" : widened > 0
          ? `; in ${widened} of them orders called inventory with a later deadline than the gateway's (it was not passed down)`
          : "; inventory had the gateway's deadline but kept querying";
        return { passed: late.length === 0, detail: `${summarise(late)} started after the gateway had given up, in ${gaveUp} checkouts that hit their deadline (limit 0)${why}` };
      },
    },
    {
      id: "watch-stops",
      title: { zh: "订单页关闭后，WatchStock 不再跟随变更流", en: "WatchStock stops following the feed once the page has closed" },
      explain: {
        zh: "订单详情页每次用 WatchStock 订阅 1 秒（截止时间 1 秒），期间库存服务长轮询数据库的变更流，把每次变化推送出去。页面关闭（截止时间到）以后，推送会被丢弃，但起始代码里的循环还在一次次查询数据库。检查的是：每个订阅结束之后，库存服务为它发出的数据库请求数（限 0），以及每个订阅平均至少收到 2 条消息。",
        en: "The order page watches with WatchStock for 1 s (a 1 s deadline); meanwhile inventory long-polls the database's change feed and pushes every change. Once the page has closed (the deadline passed) pushes are dropped, but the starter's loop keeps querying the database. Checks the database requests inventory still makes for a watch after it ended (limit 0), and that each watch gets at least 2 messages on average.",
      },
      check(events) {
        const roots = grpcRoots(events, "gateway", WATCH_STOCK);
        if (roots.length === 0) return { passed: false, detail: "the order page never watched stock (no WatchStock call from the gateway)" };
        const late = callsAfterDeadline(events, roots, ["inventory"]);
        const perWatch = roots.reduce((sum, r) => sum + r.messages, 0) / roots.length;
        const passed = late.length === 0 && perWatch >= 2;
        return { passed, detail: `${summarise(late)} made for watches that had already ended (limit 0); ${Math.round(perWatch * 10) / 10} messages per watch (at least 2)` };
      },
    },
  ],
  hints: [
    {
      zh: "先别改代码：运行一次，在日志里找 `GetStock reply` 和 `WatchStock stream` 两行，对比 protobufBytes、framedBytes 和 jsonBytes；再在终端用 `trace` 看一次 3–6 秒之间的下单：购物者等了多久？",
      en: "Before changing anything: run once, find the `GetStock reply` and `WatchStock stream` log lines and compare protobufBytes, framedBytes and jsonBytes; then `trace` one checkout between 3 s and 6 s in the terminal: how long did the shopper wait?",
    },
    {
      zh: "gRPC 默认不设截止时间。网关的 `orders.placeOrder(…)` 接受第二个参数 `grpc.CallOptions`，其中的 `deadline` 是一个绝对时刻：`Date.now() + 500`。",
      en: "gRPC sets no deadline by default. The gateway's `orders.placeOrder(…)` takes `grpc.CallOptions` as its second argument; its `deadline` is a point in time: `Date.now() + 500`.",
    },
    {
      zh: "网关按时放弃了，可 `trace` 显示订单服务对库存服务的调用带着自己的 5 秒期限继续等。在 grpc-js 里，截止时间不会自己传下去：看看 `CallOptions` 里的 `parent`。",
      en: "The gateway now gives up on time, yet `trace` shows orders' call to inventory carrying on under its own 5 s deadline. In grpc-js the deadline does not travel by itself: look at `parent` in `CallOptions`.",
    },
    {
      zh: "库存服务现在知道期限了，但数据库是普通的 HTTP 服务，gRPC 也不会打断处理函数。每次查询之前看一眼 `call.cancelled`；给 `fetch` 的 `timeoutMs` 不要超过剩余时间 `call.getDeadline() - Date.now()`。",
      en: "Inventory now knows the deadline, but the database is plain HTTP and gRPC does not interrupt handlers. Look at `call.cancelled` before each query, and give `fetch` a `timeoutMs` no longer than the time left, `call.getDeadline() - Date.now()`.",
    },
    {
      zh: "WatchStock 的 `for (;;)` 永远不会结束。让循环在订阅被取消时停下（`call.cancelled`，或监听 `call.on(\"cancelled\", …)`），长轮询超时抛出的异常也要接住。",
      en: "WatchStock's `for (;;)` never ends. Make the loop stop once the watch is cancelled (`call.cancelled`, or listen with `call.on(\"cancelled\", …)`), and catch the error a timed-out long poll throws.",
    },
  ],
  commands: ["curl", "kill", "restart", "pause", "resume", "slow", "latency", "loss", "partition", "heal"],
  topology: {
    nodes: [
      { id: "client", kind: "client", label: "client", x: 60, y: 300 },
      { id: "gateway", kind: "proxy", label: "API gateway", x: 250, y: 300 },
      { id: "orders", kind: "service", label: "orders", x: 470, y: 180 },
      { id: "inventory", kind: "service", label: "inventory", x: 690, y: 300 },
      { id: "stockdb", kind: "service", label: "stockdb", x: 910, y: 300 },
    ],
    edges: [
      { from: "client", to: "gateway" },
      { from: "gateway", to: "orders" },
      { from: "gateway", to: "inventory" },
      { from: "orders", to: "inventory" },
      { from: "inventory", to: "stockdb" },
    ],
  },
  completion: {
    zh: "你看到了线上的字节：一条 StockLevel 用 Protobuf 是 17 字节，加上帧头 22 字节，同一对象的 JSON 是 58 字节；一个 WatchStock 调用里陆续到达多条这样的小消息。你也把截止时间变成了整条调用链共享的预算：入口设定 500 ms，用 parent 传下去，每一跳取较早的期限，谁也延长不了它；而取消不会打断处理函数——库存服务自己检查 call.cancelled，调用方放弃之后就不再查询数据库，订阅结束后也不再跟随变更流。",
    en: "You saw the bytes on the wire: a StockLevel is 17 bytes as Protobuf, 22 with its frame, and 58 as JSON; one WatchStock call delivers a series of such small messages. You also turned the deadline into a budget the whole chain shares: set once at the edge (500 ms), passed down with parent, each hop taking the earlier deadline so no one can extend it. And cancellation does not interrupt a handler: inventory checks call.cancelled itself, so once the caller has given up it queries the database no more, and a watch that ended stops following the feed.",
  },
});
