// One socket.io node: WebSockets only, the Redis adapter on the shared redis-server, the same access tokens and
// sessions as HushRyd (HS256 with the servers' signing key, session:{userId} must still name the token), every socket
// in its user's room and, on joinTrip, in the trip's room. Trip membership is not checked: socket.io has no trip store.
// GET /memory runs a full GC (node --expose-gc) and answers process.memoryUsage().
// Usage: node --expose-gc server.js port redis-host:port signing-key-base64 issuer audience
const { createServer } = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const Redis = require("ioredis");
const jwt = require("jsonwebtoken");

const [port, redisAddress, keyBase64, issuer, audience] = process.argv.slice(2);
const [redisHost, redisPort] = redisAddress.split(":");
const key = Buffer.from(keyBase64, "base64");
const pub = new Redis(Number(redisPort), redisHost);
const sub = pub.duplicate();
const sessions = pub.duplicate();

const http = createServer((request, response) => {
  if (request.url === "/memory") {
    global.gc();
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  response.statusCode = 404;
  response.end();
});

const io = new Server(http, { transports: ["websocket"], serveClient: false, adapter: createAdapter(pub, sub) });

io.use(async (socket, next) => {
  let claims;
  try {
    claims = jwt.verify(socket.handshake.auth.token, key, { algorithms: ["HS256"], issuer, audience });
  } catch {
    return next(new Error("invalid token"));
  }
  // HushRyd's session is one string, token|role|expiresAt (SessionValue).
  const session = await sessions.get(`session:${claims.sub}`);
  const active = session === null ? null : session.split("|")[0];
  if (active !== claims.jti) {
    return next(new Error("the session of this token has ended"));
  }
  socket.data.userId = claims.sub;
  next();
});

io.on("connection", (socket) => {
  socket.join(`user:${socket.data.userId}`);
  socket.on("joinTrip", (tripId, ack) => {
    socket.join(`trip:${tripId}`);
    if (typeof ack === "function") ack(true);
  });
});

http.listen(Number(port), "127.0.0.1", () => console.log("LISTENING"));
