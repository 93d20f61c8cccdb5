import { defineLab } from "../../server/labs/define";
import { checkDeadDetected, checkFanOut, checkNoGaps, checkReconnectSpread, CRASHED, FROZEN, T, USERS } from "./objectives";

export default defineLab({
  id: "06-realtime-feed",
  chapter: "ch06-websockets",
  section: "designing-websocket-services",
  title: { zh: "实时订单动态：扇出、心跳、退避与续传", en: "A live order feed: fan-out, heartbeats, backoff and resume" },
  description: {
    zh: "41 个浏览器打开了订单跟踪页，经 WebSocket 连在两个实时网关 gw-1、gw-2 上；订单服务不断发布状态变化，推送服务为每个用户的事件编上连续序号、写入重放缓冲，再交给网关。起始代码让两个网关从同一个队列竞争消费，不检测死连接，断线后固定 1 秒重连，重连后也不续传。把它改成：经发布/订阅背板扇出、用 Ping/Pong 清理死连接、全抖动的指数退避重连、带序号的断线续传——直到 gw-2 崩溃、几台笔记本合盖之后，每个浏览器仍按顺序、不重复地看到每一个事件。",
    en: "Forty-one browsers have the order-tracking page open, connected over WebSocket to two realtime gateways, gw-1 and gw-2. Orders keep publishing status changes; the push service numbers each user's events, keeps them in a replay buffer and hands them to the gateways. In the starter the two gateways compete for one queue, nobody notices dead connections, browsers retry every second on the dot and resume nothing. Change it to fan out through a pub/sub backplane, clear dead connections with ping/pong, reconnect with full-jitter exponential backoff and resume by sequence number — until every browser sees every event exactly once and in order, even though gw-2 crashes and a few laptops close their lids.",
  },
  goals: [
    { zh: "说明为什么扇出不能用竞争消费者：每个网关实例都要有自己的订阅", en: "Explain why fan-out cannot use competing consumers: every gateway instance needs its own subscription" },
    { zh: "用 Ping、Pong 和 terminate() 在两个心跳周期内清理死连接", en: "Clear dead connections within two heartbeat intervals with ping, pong and terminate()" },
    { zh: "用全抖动的指数退避把同时掉线的重连摊开，第一次重连的窗口不小于 N / C", en: "Spread reconnections that start together with full-jitter exponential backoff, the first window at least N / C" },
    { zh: "用连续序号、重放缓冲和 resume 消息做到断线续传，先收住实时事件、再补发、按序号去重", en: "Resume without gaps using consecutive sequence numbers, a replay buffer and a resume message: hold live events, replay, deduplicate by seq" },
  ],
  files: ["gateway.ts", "feed-client.ts", "push.ts"],
  harness: ["browsers.ts", "auth.ts"],
  scenario: {
    name: "realtime-feed",
    durationMs: T.end,
    services: [
      { name: "push", concurrency: 32, serviceTimeMs: { type: "lognormal", medianMs: 0.3, sigma: 0.3 } },
      { name: "gw", instances: 2, concurrency: 256, serviceTimeMs: { type: "lognormal", medianMs: 0.1, sigma: 0.3 }, loadBalancer: "round-robin" },
      // One worker, 50 ms a ticket: about 20 handshakes a second.
      { name: "auth", concurrency: 1, serviceTimeMs: 50 },
      { name: "browsers", instances: USERS, concurrency: 64, serviceTimeMs: { type: "lognormal", medianMs: 0.1, sigma: 0.3 } },
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    brokers: [
      { kind: "amqp", name: "rabbit", queues: [{ name: "feed" }] },
      { kind: "pubsub", name: "redis" },
    ],
    workloads: [
      // Orders and shipping publishing status changes: event n is for user cus-(2001 + n mod 41).
      { name: "order-events", from: "orders", protocol: "http", to: "push", method: "POST", path: "/events",
        arrival: { type: "constant", intervalMs: T.eventEveryMs }, count: T.eventCount, startMs: T.eventsFrom, keys: USERS, timeoutMs: 1_000 },
    ],
    faults: [
      { atMs: T.crashAt, durationMs: T.crashForMs, type: "crash", instance: CRASHED },
      ...FROZEN.map((instance) => ({ atMs: T.freezeAt, durationMs: T.freezeForMs, type: "pause" as const, instance })),
    ],
    http: { defaultTimeoutMs: 5_000 },
  },
  objectives: [
    {
      id: "fan-out",
      title: { zh: "gw-2 崩溃之前，每个浏览器都看到了自己的每一个事件", en: "Before gw-2 crashes, every browser sees every one of its events" },
      explain: {
        zh: "3.0–4.5 秒之间一切正常，检查的是这段时间里发布的事件有没有全部到达各自的浏览器。两个网关从同一个队列消费时，每条消息只交给其中一个，而用户的连接只在其中一个网关上：约一半的事件被找不到连接的那个网关丢掉了。每个网关实例都要有自己的订阅。",
        en: "Between 3.0 s and 4.5 s nothing goes wrong: this checks that every event published then reached its user's browser. When both gateways consume one queue, each message goes to one of them, while the user's connection is on one of them: about half the events land on the gateway without the connection and are dropped. Every gateway instance needs its own subscription.",
      },
      check: (events) => checkFanOut(events),
    },
    {
      id: "dead-detected",
      title: { zh: "死连接在两个心跳周期（2 秒）内被清理", en: "Dead connections are cleared within two heartbeat intervals (2 s)" },
      explain: {
        zh: "7.5 秒时 4 台笔记本合上了盖子：浏览器不再回应任何东西，也不会发出关闭帧。检查的是网关过了多久才放弃这些连接。每秒 Ping 一次，上一次 Ping 之后还没收到 Pong 的连接就是死的；要用 terminate() 直接断开，close() 会等待一个永远不会来的关闭握手。",
        en: "At 7.5 s four laptops close their lids: the browsers answer nothing and send no close frame. This checks how long the gateway takes to give up on those connections. Ping once a second; a connection that has not answered since the previous ping is dead. Drop it with terminate(): close() waits for a closing handshake that never comes.",
      },
      check: (events) => checkDeadDetected(events),
    },
    {
      id: "reconnect-spread",
      title: { zh: "gw-2 崩溃后，重连被摊开：任意 100 ms 内不超过 7 次握手，5 秒内全部回来", en: "After gw-2 crashes, reconnects spread out: at most 7 handshakes in any 100 ms, everyone back within 5 s" },
      explain: {
        zh: "4.5 秒时 gw-2 崩溃，它上面的约 20 个浏览器同时看到 1006。每次握手先向认证服务取一张票据，认证服务每秒只能签发约 20 张，400 ms 没有答复就算失败。固定 1 秒后重连，它们会在同一刻一起回来，大多数超时，再一起重试。检查的是崩溃后 5 秒内握手（取票请求）的峰值，以及这些浏览器是否都在 5 秒内重新连上。",
        en: "At 4.5 s gw-2 crashes and its ~20 browsers all see 1006 at once. Every handshake first gets a ticket from auth, which signs about 20 a second; 400 ms without an answer is a failure. Retrying after a fixed second brings them all back in the same instant, most time out, and they retry together again. This checks the peak of handshakes (ticket requests) in the 5 s after the crash, and that those browsers are all connected again within 5 s.",
      },
      check: (events) => checkReconnectSpread(events),
    },
    {
      id: "no-gaps",
      title: { zh: "每个浏览器按顺序、不重复地看到了每一个事件", en: "Every browser sees every event exactly once, in order" },
      explain: {
        zh: "整个运行结束时检查：每个用户的 8 个事件，浏览器都恰好显示一次，而且按发布顺序。背板只投递给此刻在线的订阅者，断线期间的事件从它那里永远拿不回来；要靠序号和重放缓冲：浏览器连上后报告自己看到的最后一个序号，网关先把实时事件收住，再从推送服务的缓冲补发，最后按序号去重接上实时流。",
        en: "Checked when the run ends: each user's 8 events, shown by the browser exactly once and in publishing order. The backplane delivers only to subscribers online at that moment, so events published during a disconnection are gone from it for good; sequence numbers and the replay buffer bring them back: the browser reports the last seq it saw, the gateway holds live events, replays from push's buffer, and joins the live stream deduplicating by seq.",
      },
      check: (events) => checkNoGaps(events),
    },
  ],
  hints: [
    {
      zh: "先运行起始代码，在终端里执行 `logs browsers-2` 和 `logs browsers-3`：它们各显示了哪些 n？再执行 `queues`。一个队列有两个消费者时，每条消息交给谁？（第 5 章的竞争消费者）",
      en: "Run the starter first, then `logs browsers-2` and `logs browsers-3` in the terminal: which n did each show? Then `queues`. With two consumers on one queue, who gets each message? (Chapter 5's competing consumers.)",
    },
    {
      zh: "扇出：push.ts 改为 `redis.createClient({ url: \"redis://redis\" })` 之后 `publish(\"feed\", JSON.stringify(envelope))`；gateway.ts 的 `onStart` 里每个实例各自 `subscribe(\"feed\", …)`，只转发给本实例 `wss.clients` 里属于该用户的连接。",
      en: "Fan-out: in push.ts use `redis.createClient({ url: \"redis://redis\" })` and `publish(\"feed\", JSON.stringify(envelope))`; in gateway.ts every instance `subscribe(\"feed\", …)`s in its own `onStart` and forwards only to this instance's `wss.clients` of that user.",
    },
    {
      zh: "心跳：在 `onStart` 里 `setInterval(…, HEARTBEAT_MS)`。Session 里加一个 `alive` 标志，`ws.on(\"pong\")` 时置为 true；每一轮先看标志：还是 false 就 `ws.terminate()`，否则置为 false 再 `ws.ping()`。",
      en: "Heartbeat: `setInterval(…, HEARTBEAT_MS)` in `onStart`. Give the Session an `alive` flag set to true on `ws.on(\"pong\")`; every round, if it is still false, `ws.terminate()`, otherwise set it to false and `ws.ping()`.",
    },
    {
      zh: "退避：约 20 个浏览器同时掉线，认证服务每秒签发约 20 张票据，所以第一次重连要在至少 N / C = 1 秒的窗口里随机取点。等待 `Math.random() * Math.min(上限, 基数 * 2 ** 失败次数)`，基数取 2 秒左右；连接稳定几秒之后再把失败次数清零。",
      en: "Backoff: about 20 browsers drop at once and auth signs about 20 tickets a second, so the first reconnect must pick a random point in a window of at least N / C = 1 s. Wait `Math.random() * Math.min(cap, base * 2 ** failures)` with a base of about 2 s; reset the failure count only after a connection has stayed up a few seconds.",
    },
    {
      zh: "续传：浏览器在 `onopen` 里发送 `{\"op\":\"resume\",\"lastSeq\":…}`，丢掉 seq ≤ lastSeq 的事件，遇到缺口就关闭重连。网关在连接建立时就给 Session 一个 `pending` 数组收住实时事件；收到 resume 后读 `GET http://push/streams/<user>?after=<lastSeq>`，先发补发的事件，再发 pending 里 seq 更大的，之后直接转发。",
      en: "Resume: the browser sends `{\"op\":\"resume\",\"lastSeq\":…}` in `onopen`, drops events with seq ≤ lastSeq and closes to reconnect on a gap. The gateway gives the Session a `pending` array as soon as the connection opens, to hold live events; on resume it reads `GET http://push/streams/<user>?after=<lastSeq>`, sends that backlog, then the pending events with a larger seq, then forwards directly.",
    },
  ],
  commands: ["curl", "kill", "restart", "pause", "resume", "latency", "loss", "partition", "heal", "queues"],
  topology: {
    nodes: [
      { id: "orders", kind: "client", label: "orders / shipping", x: 60, y: 120 },
      { id: "push", kind: "service", label: "push", x: 260, y: 120 },
      { id: "rabbit", kind: "broker", label: "rabbit", x: 480, y: 50 },
      { id: "feed", kind: "queue", label: "feed (queue)", parent: "rabbit", x: 480, y: 110 },
      { id: "redis", kind: "broker", label: "redis (pub/sub)", x: 480, y: 230 },
      { id: "gw", kind: "service", label: "gw", x: 700, y: 200 },
      { id: "gw-1", kind: "instance", label: "gw-1", parent: "gw", x: 700, y: 170 },
      { id: "gw-2", kind: "instance", label: "gw-2", parent: "gw", x: 700, y: 230 },
      { id: "auth", kind: "service", label: "auth", x: 700, y: 470 },
      { id: "browsers", kind: "client", label: "browsers ×41", x: 920, y: 340 },
    ],
    edges: [
      { from: "orders", to: "push" },
      { from: "push", to: "rabbit" },
      { from: "rabbit", to: "gw" },
      { from: "push", to: "redis" },
      { from: "redis", to: "gw" },
      { from: "gw", to: "push" },
      { from: "browsers", to: "gw" },
      { from: "browsers", to: "auth" },
    ],
  },
  completion: {
    zh: "你把一条长连接当成了一个有生命周期的会话：背板让每个网关实例都有自己的订阅，事件才能到达持有连接的那个实例；Ping、Pong 加 terminate() 让死连接在两个心跳周期内被清理；全抖动的指数退避把同时掉线的重连摊开，认证服务没有被打满；连续序号、重放缓冲和 resume 让断线、崩溃和合盖都不再丢事件。连接随时可以断，数据一条不丢，重连也不会压垮任何人——断开变得廉价了。真实的浏览器看不到 Ping 帧，还需要应用层心跳和看门狗来发现死掉的服务端，发布时则以 1001 分批排空，这些留给你在本节的代码里对照。",
    en: "You treated a long-lived connection as a session with a lifecycle: the backplane gives every gateway instance its own subscription, so events reach the instance holding the connection; ping, pong and terminate() clear dead connections within two heartbeats; full-jitter exponential backoff spreads out reconnections that start together, so auth is not overwhelmed; consecutive sequence numbers, a replay buffer and resume mean that disconnections, crashes and closed lids no longer lose events. Connections may drop at any time, no data is lost, and reconnecting overwhelms no one — disconnecting became cheap. Real browsers cannot see ping frames, so they also need an application heartbeat and a watchdog to notice a dead server, and deploys drain with 1001 in batches: compare those with the section's code.",
  },
});
