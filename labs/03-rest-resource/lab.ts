import { defineLab } from "../../server/labs/define";
import {
  checkConditionalUpdate, checkCreated, checkIdempotentCancel, checkIdempotentCreate, checkNotFound, checkNotModified, checkPagination,
} from "./objectives";
import { CHURN_EVERY_MS, NOTIFY_EVERY_MS, PAGE_PAUSE_MS, PAGE_SIZE, T } from "./harness/timeline";

/** Step 3: every answer from orders to the App is lost in this window; the requests still arrive. */
const LOST_ANSWERS = { atMs: T.lossFrom, durationMs: T.lossUntil - T.lossFrom, type: "loss", from: "orders", to: "app", dropProbability: 1, bidirectional: false } as const;
const client = (name: string) => ({ name, concurrency: 64, serviceTimeMs: 0 });

export default defineLab({
  id: "03-rest-resource",
  chapter: "ch03-rest",
  section: "methods-and-status-codes",
  title: { zh: "订单资源：方法、状态码、条件请求与分页", en: "The orders resource: methods, status codes, conditional requests and paging" },
  description: {
    zh: "实现本章的订单资源。一组模拟客户端——用户 App、客服后台、物流服务和通知服务——按固定的顺序调用你的订单服务：创建和读取订单，两个客户端同时修改同一张订单，网络丢掉响应后客户端重试，物流服务在不断有新订单插入时翻页同步。它们看到的每一个状态码和首部都会被检查。",
    en: "Implement the chapter's orders resource. A suite of simulated clients — the user App, the support desk, shipping and notifications — calls your orders service in a fixed sequence: it creates and reads orders, two clients edit one order at the same time, clients retry after the network loses answers, and shipping pages through every order while new ones keep arriving. Every status code and header they see is checked.",
  },
  goals: [
    { zh: "用状态码和首部如实表达结果：201 加 Location，404 和 405 加 Allow，错误用 problem+json", en: "Say what happened with status codes and headers: 201 with Location, 404, 405 with Allow, errors as problem+json" },
    { zh: "用 ETag、If-Match 挡住丢失更新（412、428），用 If-None-Match 省掉未变化的响应体（304）", en: "Stop lost updates with ETag and If-Match (412, 428); spare unchanged bodies with If-None-Match (304)" },
    { zh: "让重试变得安全：幂等的 PUT 与 DELETE，用幂等键重放 POST 的第一次结果", en: "Make retries safe: idempotent PUT and DELETE, and a POST that replays its first answer per Idempotency-Key" },
    { zh: "用游标分页，让并发插入时翻页既不重复也不遗漏，每页的成本也不随深度增长", en: "Page with a cursor, so concurrent inserts neither repeat nor skip rows and a page costs the same at any depth" },
  ],
  files: ["orders.ts", "db.ts"],
  harness: ["timeline.ts", "probe.ts", "app.ts", "support.ts", "shipping.ts", "notify.ts"],
  scenario: {
    name: "rest-resource",
    durationMs: T.duration,
    services: [
      { name: "orders", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 0.4, sigma: 0.3 } },
      client("app"), client("support"), client("shipping"), client("notify"),
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    faults: [LOST_ANSWERS],
    http: { defaultTimeoutMs: 5_000 },
  },
  objectives: [
    {
      id: "created",
      title: { zh: "第 1 步：创建得到 201，Location 指向新订单", en: "Step 1: a creation answers 201 with a Location" },
      explain: {
        zh: "App 发出 `POST /orders`，期望 `201 Created`、指向新订单的 `Location` 首部和新表示的 `ETag`；随后按 `Location` 读取，期望 `200` 和同一个 `ETag`。调用方不该从响应体里猜新订单的地址。",
        en: "The App sends `POST /orders` and expects `201 Created`, a `Location` header pointing at the new order and the new representation's `ETag`; then it GETs the `Location` and expects `200` with the same `ETag`. A caller should not have to guess the new order's address from the body.",
      },
      check: checkCreated,
    },
    {
      id: "not-found",
      title: { zh: "第 1 步：不存在的订单得到 404，不支持的方法得到 405", en: "Step 1: a missing order is 404, an unsupported method 405" },
      explain: {
        zh: "读取不存在的订单必须得到 `404`，错误体是 `application/problem+json`——把失败藏在 `200` 里，监控和重试策略都看不见它。对订单发 `POST` 应得到 `405`，并用 `Allow` 首部列出订单支持的方法。",
        en: "Reading an order that does not exist must give `404` with an `application/problem+json` body — a failure hidden in a `200` is invisible to monitoring and retry policies. A `POST` to an order should give `405` with an `Allow` header listing the methods an order supports.",
      },
      check: checkNotFound,
    },
    {
      id: "conditional-update",
      title: { zh: "第 2 步：没有丢失更新（412、428）", en: "Step 2: no lost update (412, 428)" },
      explain: {
        zh: "App 和客服后台都读到 ord-10042 的同一个版本。App 先把地址改成上海；客服随后提交基于旧版本的整个地址表单。不检查 `If-Match`，客服的旧表单就会覆盖 App 的修改。期望：过期的 `If-Match` 得到 `412`（客服随后重新读取，只改电话）；不带 `If-Match` 得到 `428`；两个基于同一版本、同时到达的修改只有一个成功，另一个得到 `412`。",
        en: "The App and the support desk both read the same version of ord-10042. The App moves the address to Shanghai; then support submits its whole address form, based on the old version. Without an `If-Match` check, support's stale form overwrites the App's change. Expected: a stale `If-Match` gets `412` (support then reads again and changes only the phone); no `If-Match` gets `428`; of two changes based on the same version arriving together, one succeeds and the other gets `412`.",
      },
      check: checkConditionalUpdate,
    },
    {
      id: "not-modified",
      title: { zh: "第 2 步：未变化的订单得到 304", en: "Step 2: an unchanged order answers 304" },
      explain: {
        zh: `通知服务每 ${NOTIFY_EVERY_MS} ms 读一次订单金额，它留着上一次的副本，并用 \`If-None-Match\` 带上副本的 \`ETag\`。订单没变时应回答 \`304 Not Modified\`，不带响应体；变了才回答 \`200\` 和新的表示。`,
        en: `Notifications read an order's amount every ${NOTIFY_EVERY_MS} ms; they keep the last copy and send its \`ETag\` in \`If-None-Match\`. While the order is unchanged the answer should be \`304 Not Modified\` without a body; only a changed order gets \`200\` and the new representation.`,
      },
      check: checkNotModified,
    },
    {
      id: "idempotent-create",
      title: { zh: "第 3 步：重试的 POST 不会重复创建订单", en: "Step 3: a retried POST creates no duplicate" },
      explain: {
        zh: `${T.lossFrom / 1000}–${(T.lossUntil / 1000).toFixed(1)} 秒之间，订单服务发给 App 的响应全部丢失：请求到了、处理了，App 却只等到超时。网络恢复后，App 用同一个 \`Idempotency-Key\` 重发 \`POST /orders\`，之后再发一次。每一次都必须得到同一张订单；同一个键配上不同的请求体应得到 \`422\`。`,
        en: `Between ${T.lossFrom / 1000} s and ${(T.lossUntil / 1000).toFixed(1)} s every answer from orders to the App is lost: the requests arrive and are processed, the App only sees timeouts. Once the network is back, the App resends \`POST /orders\` with the same \`Idempotency-Key\`, and then once more. Every send must give the same order; the same key with a different body should get \`422\`.`,
      },
      check: checkIdempotentCreate,
    },
    {
      id: "idempotent-cancel",
      title: { zh: "第 3 步：重试的取消和删除没有额外效果，已发货订单不能取消", en: "Step 3: retried cancellations and deletes change nothing more; shipped orders cannot be cancelled" },
      explain: {
        zh: "同一段丢包期间，App 还发出了 `PUT /orders/ord-10010/cancellation` 和 `DELETE /orders/ord-10005`，之后原样重试。`PUT` 是幂等的：重复的取消申请应得到 `200` 和同一个取消记录，既不是 `409` 也不是又一个 `201`。重试的 `DELETE` 得到 `404`（已经不存在）是正常的。取消已发货的 ord-10007 才是真正的冲突：`409`。",
        en: "During the same loss the App also sent `PUT /orders/ord-10010/cancellation` and `DELETE /orders/ord-10005`, and retries them unchanged. `PUT` is idempotent: a repeated cancellation should get `200` and the same cancellation — neither `409` nor another `201`. A retried `DELETE` getting `404` (already gone) is fine. Cancelling ord-10007, which has shipped, is the real conflict: `409`.",
      },
      check: checkIdempotentCancel,
    },
    {
      id: "pagination",
      title: { zh: "第 4 步：翻页同步时每张订单恰好出现一次", en: "Step 4: the paged sync returns every order exactly once" },
      explain: {
        zh: `从 ${T.sync / 1000} 秒起，物流服务沿着 \`next\` 链接每 ${PAGE_PAUSE_MS} ms 取一页（每页 ${PAGE_SIZE} 条，最新的在前），同时 App 每 ${CHURN_EVERY_MS} ms 创建一张新订单。同步开始前就存在的每张订单必须恰好出现一次；同步期间新建的订单出现与否都可以（下一次同步会拿到）。详情里还列出了每页在模拟数据库中读取的行数。`,
        en: `From ${T.sync / 1000} s shipping follows the \`next\` links, one page of ${PAGE_SIZE} (newest first) every ${PAGE_PAUSE_MS} ms, while the App creates a new order every ${CHURN_EVERY_MS} ms. Every order that existed before the sync must appear exactly once; orders created during it may or may not appear (the next sync gets them). The detail also lists how many rows the simulated database read per page.`,
      },
      check: (events) => checkPagination(events, T.sync),
    },
  ],
  hints: [
    {
      zh: "先运行起始代码，读每个目标的详情：它们写着客户端实际收到了什么。终端里 `logs app-1`、`logs support-1` 能看到每个客户端发出的请求和收到的状态码。",
      en: "Run the starter first and read each objective's detail: it says what the clients actually received. In the terminal, `logs app-1` and `logs support-1` show every request a client sent and the status it got.",
    },
    {
      zh: "第 1 步：`res.status(…)`、`res.set(\"Location\", …)`、`res.set(\"ETag\", …)` 都可以链式调用。`notFound` 被所有处理函数共用，改它一处就够了。405 需要一个排在订单的其他路由之后、接住其余方法的路由（`app.all`）。",
      en: "Step 1: `res.status(…)`, `res.set(\"Location\", …)` and `res.set(\"ETag\", …)` chain. Every handler answers a missing order through `notFound`, so fixing it there is enough. 405 needs a route after the order's other routes that catches the remaining methods (`app.all`).",
    },
    {
      zh: "第 2 步：没带 `If-Match` 和带了过期的 `If-Match` 是两种不同的错误，状态码也不同；拒绝过期版本时，把当前的 `ETag` 一并带回去。检查版本和写入之间不要有 `await`，否则另一个请求可能恰好插进来。`If-None-Match` 等于当前 `ETag` 时，调用方手里的副本仍然有效：只回状态码，不带响应体。",
      en: "Step 2: no `If-Match` and a stale `If-Match` are two different mistakes with two different status codes; when you refuse a stale version, send the current `ETag` along. Keep any `await` out from between the version check and the write, or another request can slip in. When `If-None-Match` equals the current `ETag`, the caller's copy is still good: answer with a status and no body.",
    },
    {
      zh: "第 3 步：用一个模块级的 `Map` 记住“幂等键 → 第一次的答复（Location、ETag、响应体）和请求体的指纹”（`JSON.stringify(req.body)` 就够用）。取消已存在时直接回答 `200` 和记下的取消记录；只有已发货的订单才回答 `409`。",
      en: "Step 3: keep a module-level `Map` from Idempotency-Key to the first answer (Location, ETag, body) and a fingerprint of the request body (`JSON.stringify(req.body)` will do). When the cancellation already exists, answer `200` with the stored one; only a shipped order gets `409`.",
    },
    {
      zh: "第 4 步：偏移量让新订单把后面的行往后推。把上一页最后一行的 `{ createdAt, id }` 编码进 `next` 的 `cursor` 参数（比如 `encodeURIComponent(JSON.stringify(…))`），下一页用 `db.list({ after, limit })` 从它之后开始。收到解不开的游标回答 400。",
      en: "Step 4: with an offset, new orders push the following rows down. Encode the last row's `{ createdAt, id }` into a `cursor` parameter of `next` (for example `encodeURIComponent(JSON.stringify(…))`) and start the next page after it with `db.list({ after, limit })`. A cursor you cannot decode is a 400.",
    },
  ],
  commands: ["curl", "kill", "restart", "latency", "loss", "partition", "heal"],
  topology: {
    nodes: [
      { id: "app", kind: "client", label: "app (用户 App)", x: 90, y: 90 },
      { id: "support", kind: "client", label: "support (客服后台)", x: 90, y: 230 },
      { id: "shipping", kind: "client", label: "shipping (物流)", x: 90, y: 370 },
      { id: "notify", kind: "client", label: "notify (通知)", x: 90, y: 510 },
      { id: "orders", kind: "service", label: "orders", x: 560, y: 300 },
      { id: "client", kind: "client", label: "curl", x: 900, y: 300 },
    ],
    edges: [
      { from: "app", to: "orders" },
      { from: "support", to: "orders" },
      { from: "shipping", to: "orders" },
      { from: "notify", to: "orders" },
      { from: "client", to: "orders" },
    ],
  },
  completion: {
    zh: "同一批客户端、同样的故障，你的订单服务现在每一步都说了实话：创建返回 201 和 Location，不存在就是 404；过期的版本被 412 挡住，丢失更新不再发生，未变化的订单只花一个 304；响应丢了也可以放心重试，幂等键和幂等的 PUT 让重复请求不再产生新的效果；游标分页在并发插入下既不重复也不遗漏，每页读取的行数也不再随页码增长。这些语义都是公开的——网关、缓存、重试策略和监控因此都能正确地理解你的接口。",
    en: "Same clients, same faults, and your orders service now tells the truth at every step: a creation answers 201 with a Location, a missing order 404; a stale version is stopped by 412 so no update gets lost, and an unchanged order costs a 304; a lost answer can be retried safely, because an Idempotency-Key and an idempotent PUT make a repeat change nothing more; and cursor paging neither repeats nor skips rows under concurrent inserts, with every page reading the same number of rows. These semantics are public — which is why gateways, caches, retry policies and monitoring can all understand your API correctly.",
  },
});
