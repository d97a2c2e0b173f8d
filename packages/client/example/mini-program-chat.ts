/**
 * A chat without the widget's UI: what an app or mini-program does with @zhida/client, here as a
 * Node script against a running server (`npm start`, then `npx tsx packages/client/example/mini-program-chat.ts`).
 * In a 微信小程序, pass a `fetch` built on `wx.request` and a `connect` built on a Socket.IO client for
 * mini-programs (e.g. weapp.socket.io); in a web page or React Native, `fetch` and socket.io-client as here.
 */
import { io } from 'socket.io-client';
import { ZhidaClient, type RealtimeSocket } from '@zhida/client';

const origin = process.argv[2] ?? 'http://localhost:3000';
const client = new ZhidaClient({
  origin,
  tenant: process.argv[3] ?? 'demo-ecommerce',
  fetch,
  channel: 'app',
  connect: (session) => io(`${origin}/widget`, { path: '/socket.io', transports: ['websocket'], auth: { token: session.visitorToken, conversationId: session.conversationId } }) as unknown as RealtimeSocket,
});

client.onMessage((m) => console.log(`[${m.seq}] ${m.senderType}: ${m.text}${m.quickReplies.length ? `  (${m.quickReplies.join(' / ')})` : ''}`));
const session = await client.start();
console.log(`conversation ${session.conversationId} (channel app) — keep the session to resume it later`);
await client.send(process.argv[4] ?? '怎么退货？');
await client.resync();
client.close();
