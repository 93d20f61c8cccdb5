import { defineLab } from "../../server/labs/define";
import { latencyPercentileBelow } from "../../server/sim/objectives";
import { callsOf, faultWindow, ms } from "../objective-helpers";

/** The order detail page the client keeps opening (20 order lines). */
const DETAIL = { from: "client", to: "orders", method: "GET", pathPrefix: "/orders/" };
const CHECKOUT = { from: "client", to: "orders", method: "POST", pathPrefix: "/orders" };
const STALL = { type: "pause", instance: "payments-1" } as const;

export default defineLab({
  id: "01-call-chain",
  chapter: "ch01-introduction",
  section: "microservices-vs-monolith-communication",
  title: { zh: "调用链：从进程内调用到网络调用", en: "The call chain: from in-process calls to network calls" },
  description: {
    zh: "同一个下单流程的两种形态：单体里的函数调用，和拆成订单、库存、支付、物流四个服务之后的网络调用。观察延迟怎样一跳一跳累加，一个挂起的下游怎样把故障传回用户，再把订单详情页里逐件查询库存的 N+1 调用改成一次批量查询。",
    en: "One checkout flow in two shapes: function calls inside a monolith, and network calls once it is split into orders, inventory, payments and shipping. Watch latency add up hop by hop and a hanging dependency push its failure back to the user, then turn the order page's one-lookup-per-item N+1 pattern into a single batch call.",
  },
  goals: [
    { zh: "在时间线上读出一次下单经过的每一跳，以及各跳的延迟怎样相加", en: "Read every hop of a checkout on the timeline and how their latencies add up" },
    { zh: "看到没有超时的调用怎样让一个挂起的下游拖垮整个服务", en: "See how a call without a timeout lets one hanging dependency drag down the whole service" },
    { zh: "认出 N+1 的“话痨式”调用，并用批量接口修掉它", en: "Recognise a chatty N+1 call pattern and fix it with a batch endpoint" },
  ],
  files: ["orders.ts", "inventory.ts", "payments.ts", "shipping.ts", "monolith.ts"],
  scenario: {
    name: "call-chain",
    durationMs: 10_000,
    services: [
      { name: "monolith", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 2, sigma: 0.3 } },
      { name: "orders", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 0.4, sigma: 0.3 } },
      { name: "inventory", instances: 2, concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 0.4, sigma: 0.3 } },
      { name: "payments", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 0.8, sigma: 0.3 } },
      { name: "shipping", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 0.5, sigma: 0.3 } },
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    workloads: [
      { name: "monolith-checkout", protocol: "http", to: "monolith", method: "POST", path: "/checkout", arrival: { type: "constant", intervalMs: 100 }, count: 95 },
      { name: "checkout", protocol: "http", to: "orders", method: "POST", path: "/orders", arrival: { type: "constant", intervalMs: 100 }, count: 95, startMs: 50 },
      { name: "order-page", protocol: "http", to: "orders", method: "GET", path: "/orders/42", arrival: { type: "constant", intervalMs: 200 }, count: 48, startMs: 20 },
    ],
    faults: [{ atMs: 4_000, durationMs: 2_000, ...STALL }],
    http: { defaultTimeoutMs: 30_000 },
  },
  objectives: [
    {
      id: "fail-fast",
      title: { zh: "支付服务挂起时，下单在 500 ms 内得到答复", en: "Checkout answers within 500 ms while payments hangs" },
      explain: {
        zh: "4–6 秒之间支付服务挂起：它活着、连接得上，却不处理任何请求。没有超时的调用会一直等下去，订单服务的并发名额被占满，连不相关的订单详情页也跟着变慢。给调用设一个超时，超时后快速返回 5xx。支付正常时，下单必须仍然成功（201）。",
        en: "Between 4 s and 6 s payments hangs: alive and accepting connections, answering nothing. A call without a timeout waits as long as it takes, the orders service runs out of concurrency and even the unrelated order page slows down. Give the call a timeout and fail fast with a 5xx. While payments is healthy, checkout must still succeed (201).",
      },
      check(events, { scenario }) {
        const calls = callsOf(events, CHECKOUT).filter((c) => c.path === "/orders");
        if (calls.length === 0) return { passed: false, detail: "no checkout (POST /orders) was answered" };
        const win = faultWindow(scenario, STALL.type, STALL.instance);
        const slowest = Math.max(...calls.map((c) => c.latencyMs));
        // Healthy: the whole call happened well clear of the stall (payments' backlog drains on resume).
        const healthy = calls.filter((c) => c.startMs + c.latencyMs < win.startMs || c.startMs > win.endMs + 200);
        const healthyFailed = healthy.filter((c) => c.status !== 201).length;
        const passed = slowest < 500 && healthyFailed === 0;
        return { passed, detail: `slowest checkout took ${ms(slowest)} (limit 500 ms); ${healthyFailed} of ${healthy.length} checkouts outside the stall did not get 201` };
      },
    },
    {
      id: "page-p99",
      title: { zh: "订单详情页的 p99 低于 40 ms", en: "Order page p99 under 40 ms" },
      explain: {
        zh: "订单 42 有 20 行商品。逐行查询库存就是 20 次串行的网络往返，每次约 2 ms 往返加上处理时间，延迟随行数线性增长。库存服务提供批量接口，一次请求就能拿到全部。",
        en: "Order 42 has 20 lines. Looking up stock line by line is 20 sequential network round trips, each about 2 ms plus processing: latency grows with the number of lines. Inventory has a batch endpoint that answers for all of them in one request.",
      },
      check: (events) => latencyPercentileBelow(events, { fromService: "client", toService: "orders", method: "GET", p: 99, maxMs: 40 }),
    },
    {
      id: "batched",
      title: { zh: "每次打开详情页最多调用库存服务 2 次", en: "At most 2 inventory calls per page view" },
      explain: {
        zh: "数一数每次打开订单详情页时，订单服务向库存服务发出的 GET 请求数。N+1 模式下是 20 次；批量查询是 1 次。",
        en: "Counts the GET requests orders sends to inventory per order page view. The N+1 pattern makes 20; a batch lookup makes 1.",
      },
      check(events) {
        const views = callsOf(events, DETAIL).length;
        if (views === 0) return { passed: false, detail: "the order page was never answered" };
        const lookups = callsOf(events, { from: "orders", to: "inventory", method: "GET" }).length;
        const perView = lookups / views;
        return { passed: perView <= 2, detail: `${lookups} inventory lookups for ${views} page views: ${Math.round(perView * 10) / 10} per view (limit 2)` };
      },
    },
  ],
  hints: [
    {
      zh: "先别改代码：运行一次，在终端里用 `metrics` 对比 client→monolith 和 client→orders 的延迟，再用 `trace <callId>` 看一次下单经过了哪些服务。",
      en: "Before changing anything: run once, compare client→monolith with client→orders in `metrics`, then `trace <callId>` one checkout to see every hop.",
    },
    {
      zh: "下单在 4–6 秒之间卡住了两秒：`await fetch(\"http://payments/charges\")` 没有任何期限。`fetch` 接受 `signal: AbortSignal.timeout(ms)`，超时会抛出 `TimeoutError`。",
      en: "Checkout stalls for two seconds between 4 s and 6 s: `await fetch(\"http://payments/charges\")` has no deadline. `fetch` accepts `signal: AbortSignal.timeout(ms)`, and a timeout throws a `TimeoutError`.",
    },
    {
      zh: "超时抛出的异常要接住，并回答一个网关类的错误状态（503 或 504），而不是让处理函数崩掉变成 500。",
      en: "Catch the error the timeout throws and answer with a gateway-style status (503 or 504) instead of letting the handler crash into a 500.",
    },
    {
      zh: "详情页的循环里每一行都 `await` 一次请求。看看 inventory.ts：它还有一个 `GET /items?skus=a,b,c` 接口，一次返回多个 SKU。",
      en: "The order page awaits one request per line inside a loop. Look at inventory.ts: it also has `GET /items?skus=a,b,c`, which returns several SKUs at once.",
    },
    {
      zh: "批量接口的结果顺序不一定和请求一致：先按 sku 建一个 `Map`，再逐行查找。",
      en: "A batch answer need not keep your order: build a `Map` by sku first, then look each line up.",
    },
  ],
  commands: ["curl", "kill", "restart", "pause", "resume", "slow", "latency", "loss", "partition", "heal"],
  topology: {
    nodes: [
      { id: "client", kind: "client", label: "client", x: 60, y: 300 },
      { id: "monolith", kind: "service", label: "monolith", x: 300, y: 80 },
      { id: "orders", kind: "service", label: "orders", x: 300, y: 340 },
      { id: "inventory", kind: "service", label: "inventory", x: 620, y: 200 },
      { id: "payments", kind: "service", label: "payments", x: 620, y: 360 },
      { id: "shipping", kind: "service", label: "shipping", x: 620, y: 520 },
    ],
    edges: [
      { from: "client", to: "monolith" },
      { from: "client", to: "orders" },
      { from: "orders", to: "inventory" },
      { from: "orders", to: "payments" },
      { from: "orders", to: "shipping" },
    ],
  },
  completion: {
    zh: "你亲眼看到了拆分的代价：同一个下单流程，单体里是几毫秒的函数调用，拆开后每一跳都加上一次网络往返；一个没有超时的调用能让挂起的下游拖垮整个服务；而调用的次数比单次延迟更要紧——把 20 次逐条查询合成一次批量查询，延迟降了一个数量级。",
    en: "You saw the cost of splitting first-hand: the same checkout is a few milliseconds of function calls in a monolith, while split every hop adds a network round trip; one call without a timeout lets a hanging dependency drag the whole service down; and the number of calls matters more than any single one — merging 20 lookups into one batch call cut latency by an order of magnitude.",
  },
});
