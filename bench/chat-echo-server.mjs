// The floor of bench:chat: a bare Socket.IO server under the same visitor load, in its own process like the
// real server. It speaks just enough of the widget API for the benchmark's visitors — start a conversation,
// join its room on `/widget`, POST a message — and answers each message at once with a `message` event that
// echoes it (no database, no auth beyond a token check, no NLU). No chat server can beat its latency on this
// machine; bench:chat reports the real server's p99 as a multiple of it.
//
//   PORT=7801 node bench/chat-echo-server.mjs
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const conversations = new Map(); // id → visitor token
let seq = 0;

function send(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/readyz') return send(res, 200, { status: 'ready' });
    let body = {};
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(res, 400, { error: { code: 'invalid_json', message: 'Body is not JSON' } });
    }
    if (req.method === 'POST' && url === '/api/v1/widget/conversations') {
      const conversationId = randomUUID();
      const visitorToken = randomUUID();
      conversations.set(conversationId, visitorToken);
      return send(res, 201, { conversationId, visitorToken, visitor: { id: randomUUID(), name: null, verified: false }, messages: [] });
    }
    const m = /^\/api\/v1\/widget\/conversations\/([^/]+)\/messages$/.exec(url);
    if (req.method === 'POST' && m) {
      const conversationId = m[1];
      if (conversations.get(conversationId) !== (req.headers.authorization ?? '').replace(/^Bearer /, '')) return send(res, 404, { error: { code: 'not_found', message: 'Conversation not found' } });
      const now = new Date().toISOString();
      const message = { id: randomUUID(), conversationId, seq: ++seq, senderType: 'visitor', text: String(body.text ?? ''), clientMsgId: body.clientMsgId ?? null, createdAt: now, meta: {} };
      const reply = { id: randomUUID(), conversationId, seq: ++seq, senderType: 'bot', text: message.text, createdAt: now, quickReplies: [], meta: { replyTo: message.id } };
      widget.to(conversationId).emit('message', reply);
      return send(res, 201, { message, replies: [reply] });
    }
    send(res, 404, { error: { code: 'not_found', message: 'No such route' } });
  });
});

const io = new Server(server, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024, cors: { origin: true, credentials: false } });
const widget = io.of('/widget');
widget.use((socket, next) => {
  const { token, conversationId } = socket.handshake.auth ?? {};
  if (typeof conversationId !== 'string' || conversations.get(conversationId) !== token) return next(new Error('unauthorized'));
  next();
});
widget.on('connection', (socket) => void socket.join(socket.handshake.auth.conversationId));

server.listen(port, host, () => {
  const address = server.address();
  console.log(`echo floor listening on http://${host}:${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => io.close(() => process.exit(0)));
