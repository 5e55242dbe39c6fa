// How a position reaches a trip room in a socket.io cluster: a socket.io server with the Redis adapter and no sockets of
// its own (the Location service's side) emits to the room; the adapter publishes it and every node delivers it locally.
// Reads "tripId {position json}" lines from standard input; prints READY once Redis answers.
// Usage: node publish.js redis-host:port
const readline = require("readline");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const Redis = require("ioredis");

const [redisHost, redisPort] = process.argv[2].split(":");
const pub = new Redis(Number(redisPort), redisHost);
const sub = pub.duplicate();
const io = new Server({ adapter: createAdapter(pub, sub) });

pub.ping().then(() => console.log("READY"));
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const space = line.indexOf(" ");
  io.to(`trip:${line.slice(0, space)}`).emit("location", JSON.parse(line.slice(space + 1)));
}).on("close", () => process.exit(0));
