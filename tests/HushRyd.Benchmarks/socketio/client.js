// One socket.io client process of the realtime load, the counterpart of `realtime-load-client`: its share of the plan's
// connections from its own source address, each with its user's token, each joined to its trip; counts positions and
// how late they arrive. Lines: READY n once connected; MEASURE t counts what was sent at or after t; REPORT; STOP.
// Usage: node client.js plan.json first count source-address server-url[,server-url...]
const fs = require("fs");
const readline = require("readline");
const { io } = require("socket.io-client");

const Buckets = 10000;
const ConcurrentStarts = 64;
const [planFile, firstText, countText, source, serverList] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
const first = Number(firstText);
const count = Number(countText);
const servers = serverList.split(",");
const roomSize = 10;
const sockets = [];
let counts = { from: Infinity, buckets: new Array(Buckets).fill(0), received: 0 };
let failed = 0;

function connect(index) {
  return new Promise((resolve) => {
    const socket = io(servers[index % servers.length], {
      transports: ["websocket"], auth: { token: plan.Tokens[index] }, localAddress: source, forceNew: true, reconnection: false, timeout: 60000,
    });
    socket.on("location", (position) => {
      if (position.timestamp < counts.from) return;
      counts.buckets[Math.min(Math.max(Date.now() - position.timestamp, 0), Buckets - 1)]++;
      counts.received++;
    });
    socket.once("connect", () => socket.timeout(60000).emit("joinTrip", plan.TripIds[Math.floor(index / roomSize)], (error) => {
      if (error) fail(index, error);
      else sockets.push(socket);
      resolve();
    }));
    socket.once("connect_error", (error) => {
      fail(index, error);
      socket.close();
      resolve();
    });
  });
}

function fail(index, error) {
  if (++failed <= 3) console.error(`connection ${index}: ${error.message}`);
}

async function main() {
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: ConcurrentStarts }, async () => {
    while (next < count) await connect(first + next++);
  }));
  const connectSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`READY ${count - failed}`);
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    if (line.startsWith("MEASURE ")) {
      counts = { from: Number(line.slice(8)), buckets: new Array(Buckets).fill(0), received: 0 };
    } else if (line === "REPORT") {
      const report = { connected: count - failed, failed, connectSeconds, received: counts.received, latencyBuckets: counts.buckets };
      console.log(`REPORT ${JSON.stringify(report)}`);
    } else if (line === "STOP") {
      sockets.forEach((socket) => socket.close());
      process.exit(0);
    }
  });
}

main();
