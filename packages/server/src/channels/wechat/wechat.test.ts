import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../auth/secret-box.js';
import { ChatDesk } from '../../handoff/test-support/chat-desk.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { FakeWechatServer } from './test-support/fake-wechat-server.js';
import { wechatDatabase } from './wechat-schema.js';

const backends = await testBackends();

const MP = { appId: 'wx1234567890abcdef', secret: 'mp-app-secret-0001', token: 'mptoken123' };
const MINI = { appId: 'wxmini0000000000001', secret: 'mini-app-secret-01', token: 'minitoken9', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const KF = { appId: 'ww00000000000000aa', secret: 'kf-corp-secret-001', token: 'kftoken777', encodingAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut' };
// The smallest JPEG header the magic-byte check accepts, then filler.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);

describe.each(backends)('the WeChat channel against the fake WeChat (%s)', (backend) => {
  let t: TestApp;
  let fake: FakeWechatServer;
  let shop: TestTenant;
  let other: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;
  const ids: Record<'mp' | 'mini' | 'kf', string> = { mp: '', mini: '', kf: '' };
  let msgId = 1000;

  beforeAll(async () => {
    fake = new FakeWechatServer();
    for (const app of [MP, MINI, KF]) fake.addApp(app);
    const base = await fake.start();
    // The fake listens on loopback over http: allowed here as an admin allowlist would.
    t = await TestApp.start(backend, { webhookAllowPrivate: true, webhookAllowHttp: true });
    shop = await t.createTenant(`wx-shop-${backend}`);
    other = await t.createTenant(`wx-other-${backend}`);
    await t.addFaq(shop, '怎么退货？', '退货流程：在「我的订单」中申请售后，选择退货退款。', ['退货流程是什么', '如何申请退货']);
    admin = await t.login(shop, 'admin');
    agent = await t.login(shop, 'agent');
    const desk = await ChatDesk.open(t.app.zhida.database.db, shop.id, { isDefault: true });
    await desk.enlist(shop.users.agent.id);
    for (const [key, body] of [
      ['mp', { kind: 'wechat_mp', name: '官方公众号', ...MP }],
      ['mini', { kind: 'wechat_mini', name: '小程序客服', ...MINI }],
      ['kf', { kind: 'wecom_kf', name: '企业微信客服', ...KF }],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/channels/wechat/accounts', headers: admin.headers, payload: { ...body, apiBaseUrl: base } });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    }
    // The tenant's first bot turn trains its model: done here, so the tests below time the WeChat path only.
    const warm = await t.startVisitor(shop);
    await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${warm.conversationId}/messages`, headers: warm.headers, payload: { text: '如何退货', clientMsgId: 'warm-1' } });
  }, 600_000);
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const db = () => wechatDatabase(t.app.zhida.database.db);
  const post = (accountId: string, cb: { query: Record<string, string>; body: string; contentType?: string }) =>
    t.app.inject({ method: 'POST', url: `/api/v1/channels/wechat/${accountId}/callback`, query: cb.query, headers: { 'content-type': cb.contentType ?? 'text/xml' }, payload: cb.body });
  const text = (appId: string, openid: string, content: string, extra: Record<string, string> = {}) =>
    fake.callback(appId, { ToUserName: 'gh_shop', FromUserName: openid, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text', Content: content, MsgId: String(++msgId), ...extra });
  const sendsTo = (openid: string) => fake.sends.filter((s) => s.touser === openid);
  async function settle() {
    await t.app.zhida.wechat.idle();
  }
  async function rows(openid: string) {
    return t.system(async () => {
      const users = await db().selectFrom('wechat_users').selectAll().where('openid', '=', openid).execute();
      const messages = users.length ? await db().selectFrom('messages').select(['id', 'seq', 'sender_type', 'text', 'meta']).where('conversation_id', '=', users[0]!.conversation_id).orderBy('seq').execute() : [];
      return { users, messages };
    });
  }

  it('stores the accounts sealed and never returns a secret', async () => {
    const list = await t.app.inject({ url: '/api/v1/channels/wechat/accounts', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    for (const secret of [MP.secret, MP.token, MINI.encodingAesKey, KF.secret]) expect(list.body).not.toContain(secret);
    expect(list.json().items.find((a: { id: string }) => a.id === ids.mini)).toMatchObject({ kind: 'wechat_mini', hasSecret: true, encrypted: true, callbackPath: `/api/v1/channels/wechat/${ids.mini}/callback` });
    const row = await t.system(() => db().selectFrom('wechat_accounts').selectAll().where('id', '=', ids.mini).executeTakeFirstOrThrow());
    for (const sealed of [row.secret_sealed, row.token_sealed, row.aes_key_sealed!]) expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(MINI.secret);
    // Another tenant's admin sees none of them; the agent may not manage them.
    const otherAdmin = await t.login(other, 'admin');
    expect((await t.app.inject({ url: '/api/v1/channels/wechat/accounts', headers: otherAdmin.headers })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/wechat/accounts/${ids.mp}`, headers: otherAdmin.headers, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/channels/wechat/accounts', headers: agent.headers })).statusCode).toBe(403);
    // 企业微信 always encrypts.
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/channels/wechat/accounts', headers: admin.headers, payload: { kind: 'wecom_kf', name: 'x', appId: 'ww1234', secret: 'secret-secret', token: 'tok' } });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses an API base URL the server must never call, even with private targets allowed', async () => {
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/wechat/accounts/${ids.mp}`, headers: admin.headers, payload: { apiBaseUrl: 'https://0.0.0.0/' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.code).toBe('webhook_url_refused');
    const create = await t.app.inject({ method: 'POST', url: '/api/v1/channels/wechat/accounts', headers: admin.headers, payload: { kind: 'wechat_mp', name: '组播', ...MP, apiBaseUrl: 'http://224.0.0.1/' } });
    expect(create.statusCode).toBe(400);
  });

  it('answers WeChat’s URL verification (plain and 企业微信 encrypted) and refuses a wrong signature', async () => {
    const plain = await t.app.inject({ url: `/api/v1/channels/wechat/${ids.mp}/callback`, query: fake.verification(MP.appId, 'echo-123', 'wechat_mp') });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe('echo-123');
    const kf = await t.app.inject({ url: `/api/v1/channels/wechat/${ids.kf}/callback`, query: fake.verification(KF.appId, 'kf-echo-456', 'wecom_kf') });
    expect(kf.body).toBe('kf-echo-456');
    const forged = await t.app.inject({ url: `/api/v1/channels/wechat/${ids.mp}/callback`, query: { ...fake.verification(MP.appId, 'x', 'wechat_mp'), signature: 'f'.repeat(40) } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('wechat_bad_signature');
  });

  it('answers `success` at once and sends the bot’s answer to the 公众号 user through the customer-service API', async () => {
    const res = await post(ids.mp, text(MP.appId, 'o-mp-user-1', '如何退货'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    await settle();
    const sent = sendsTo('o-mp-user-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ path: '/cgi-bin/message/custom/send', appId: MP.appId });
    expect(sent[0]!.text).toContain('退货流程');
    const { users, messages } = await rows('o-mp-user-1');
    const conversation = await t.as(shop, () => t.app.zhida.conversations.get({ tenantId: shop.id }, users[0]!.conversation_id));
    expect(conversation.channel).toBe('wechat_mp');
    expect(messages.filter((m) => m.sender_type === 'visitor').map((m) => m.text)).toEqual(['如何退货']);
    // The dashboard's channel filter sees it as 公众号 (the recorder writes the conversation's own channel).
    const analyticsChannel = async () =>
      (await t.system(() => t.app.zhida.database.db.selectFrom('analytics_conversations' as never).select('channel' as never).where('conversation_id' as never, '=', users[0]!.conversation_id as never).executeTakeFirst())) as { channel: string } | undefined;
    for (let i = 0; i < 50 && !(await analyticsChannel()); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await analyticsChannel())?.channel).toBe('wechat_mp');
  });

  it('takes the encrypted (AES) mode of a 小程序 and refuses a message that does not decrypt, storing nothing', async () => {
    expect((await post(ids.mini, text(MINI.appId, 'o-mini-1', '退货流程是什么'))).body).toBe('success');
    await settle();
    expect(sendsTo('o-mini-1')[0]!.text).toContain('退货流程');

    const good = text(MINI.appId, 'o-mini-2', '你好');
    const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(good.body)![1]!;
    // Flip bytes inside the ciphertext, then sign it properly: the signature passes, the AES does not.
    const raw = Buffer.from(encrypt, 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 0xff, raw.length - 1);
    raw.writeUInt8(raw.readUInt8(20) ^ 0xff, 20);
    const tampered = raw.toString('base64');
    const { wechatSignature } = await import('./wechat-signature.js');
    const query = { ...good.query, msg_signature: wechatSignature([MINI.token, good.query.timestamp!, good.query.nonce!, tampered]) };
    const res = await post(ids.mini, { query, body: good.body.replace(encrypt, tampered) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('wechat_bad_ciphertext');
    // A plaintext message to an encrypted account is refused too.
    const plaintext = await post(ids.mini, fake.callback(MP.appId, { FromUserName: 'o-mini-2', CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text', Content: '你好', MsgId: '77' }));
    expect(plaintext.statusCode).toBe(400);
    expect((await rows('o-mini-2')).users).toHaveLength(0);
    const nonces = await t.system(() => db().selectFrom('wechat_callback_nonces').select('nonce').where('nonce', '=', good.query.nonce!).execute());
    expect(nonces).toHaveLength(0);
  });

  it('refuses a bad signature, an old timestamp and a reused nonce, storing nothing; a retried MsgId is stored once', async () => {
    const forged = text(MP.appId, 'o-mp-attacker', '如何退货');
    expect((await post(ids.mp, { ...forged, query: { ...forged.query, signature: '0'.repeat(40) } })).statusCode).toBe(401);
    const stale = fake.callback(MP.appId, { FromUserName: 'o-mp-attacker', CreateTime: '1', MsgType: 'text', Content: '如何退货', MsgId: '5' }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const staleRes = await post(ids.mp, stale);
    expect(staleRes.statusCode).toBe(403);
    expect(staleRes.json().error.code).toBe('wechat_replayed');
    expect((await rows('o-mp-attacker')).users).toHaveLength(0);

    const first = text(MP.appId, 'o-mp-user-2', '如何申请退货');
    expect((await post(ids.mp, first)).body).toBe('success');
    const replay = await post(ids.mp, first);
    expect(replay.statusCode).toBe(403);
    // WeChat's own retry: same MsgId, fresh nonce and signature.
    const msg = /<MsgId>(\d+)<\/MsgId>/.exec(first.body)![1]!;
    expect((await post(ids.mp, text(MP.appId, 'o-mp-user-2', '如何申请退货', { MsgId: msg }))).body).toBe('success');
    await settle();
    const { messages } = await rows('o-mp-user-2');
    expect(messages.filter((m) => m.sender_type === 'visitor')).toHaveLength(1);
    expect(sendsTo('o-mp-user-2')).toHaveLength(1);
  });

  it('puts a handoff in the console queue and delivers the agent’s reply to the WeChat user', async () => {
    await post(ids.mp, text(MP.appId, 'o-mp-human', '转人工'));
    await settle();
    const { users } = await rows('o-mp-human');
    const conversationId = users[0]!.conversation_id;
    const queue = (await t.app.inject({ url: '/api/v1/handoff/queue', headers: admin.headers })).json().items as { conversationId: string; channel: string }[];
    const mine = (await t.app.inject({ url: '/api/v1/handoff/mine', headers: agent.headers })).json().items as { conversationId: string; channel: string }[];
    expect([...queue, ...mine].map((r) => r.conversationId)).toContain(conversationId);
    // The console's queue and offers tag the request with where the customer is.
    expect([...queue, ...mine].find((r) => r.conversationId === conversationId)!.channel).toBe('wechat_mp');

    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: agent.headers, payload: { text: '您好，我是人工客服小王', clientMsgId: 'agent-1' } });
    expect(reply.statusCode, reply.body).toBe(201);
    await settle();
    expect(sendsTo('o-mp-human').map((s) => s.text)).toContain('您好，我是人工客服小王');
  });

  it('refuses an agent’s reply after 48 hours without a user message, saying why', async () => {
    await post(ids.mp, text(MP.appId, 'o-mp-quiet', '如何退货'));
    await settle();
    const { users } = await rows('o-mp-quiet');
    await t.system(() => db().updateTable('wechat_users').set({ last_inbound_at: new Date(Date.now() - 49 * 3600 * 1000) }).where('id', '=', users[0]!.id).execute());
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${users[0]!.conversation_id}/messages`, headers: agent.headers, payload: { text: '还在吗', clientMsgId: 'late-1' } });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.code).toBe('wechat_window_closed');
    expect(reply.json().error.message).toContain('48');
    expect((await rows('o-mp-quiet')).messages.map((m) => m.text)).not.toContain('还在吗');
  });

  it('fetches a new access token when WeChat calls the cached one expired, and retries a failed send', async () => {
    const before = fake.tokenRequests.length;
    fake.expireAllTokens();
    await post(ids.mp, text(MP.appId, 'o-mp-user-3', '如何退货'));
    await settle();
    expect(sendsTo('o-mp-user-3')).toHaveLength(1);
    expect(fake.tokenRequests.length).toBe(before + 1);

    fake.failNextSends(1);
    await post(ids.mp, text(MP.appId, 'o-mp-user-4', '如何退货'));
    await settle();
    expect(sendsTo('o-mp-user-4')).toHaveLength(0);
    const { users } = await rows('o-mp-user-4');
    expect(users[0]!.last_delivery_error).toMatch(/HTTP 500|errcode/);
    // The retry time comes; the tenant's sweep job sends it.
    await t.system(() => db().updateTable('wechat_users').set({ next_delivery_at: new Date(Date.now() - 1000) }).where('id', '=', users[0]!.id).execute());
    await t.as(shop, () => t.app.zhida.wechat.delivery.deliverDue({ tenantId: shop.id }));
    expect(sendsTo('o-mp-user-4')).toHaveLength(1);
  });

  it('downloads an image into the conversation’s attachments, checked by its magic bytes', async () => {
    fake.addMedia('media-photo-1', JPEG);
    fake.addMedia('media-fake-png', Buffer.from('<html>not an image</html>'));
    const image = (openid: string, mediaId: string) =>
      fake.callback(MP.appId, { FromUserName: openid, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'image', PicUrl: 'http://mmbiz.example/x', MediaId: mediaId, MsgId: String(++msgId) });
    expect((await post(ids.mp, image('o-mp-photo', 'media-photo-1'))).body).toBe('success');
    expect((await post(ids.mp, image('o-mp-photo', 'media-fake-png'))).body).toBe('success');
    await settle();
    const { users, messages } = await rows('o-mp-photo');
    const files = await t.system(() => t.app.zhida.database.db.selectFrom('selfservice_attachments' as never).select(['content_type' as never, 'size' as never]).where('conversation_id' as never, '=', users[0]!.conversation_id as never).execute());
    expect(files).toEqual([{ content_type: 'image/jpeg', size: JPEG.length }]);
    const visitorTexts = messages.filter((m) => m.sender_type === 'visitor').map((m) => m.text);
    expect(visitorTexts[0]).toMatch(/^\[图片\] wechat-media-photo-1\.jpg/);
    expect(visitorTexts[1]).toContain('未保存');
  });

  const now = () => String(Math.floor(Date.now() / 1000));
  // The bot's answers name the visitor message they answer; its welcome does not.
  const isBotAnswer = (m: { sender_type: string; meta: unknown }) => m.sender_type === 'bot' && typeof (m.meta as { replyTo?: unknown }).replyTo === 'string';
  const message = (appId: string, openid: string, fields: Record<string, string>, format: 'xml' | 'json' = 'xml') =>
    fake.callback(appId, { ToUserName: 'gh_shop', FromUserName: openid, CreateTime: now(), MsgId: String(++msgId), ...fields }, { format });

  it('reads a 小程序 whose message push is JSON, plain and encrypted, keeping a 64-bit MsgId whole', async () => {
    const MINI_JSON = { appId: 'wxminijson000000001', secret: 'mini-json-secret-1', token: 'jsontoken1' };
    fake.addApp(MINI_JSON);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/channels/wechat/accounts', headers: admin.headers, payload: { kind: 'wechat_mini', name: '小程序 JSON', ...MINI_JSON, apiBaseUrl: fake.url } });
    expect(created.statusCode, created.body).toBe(201);
    const plainId = created.json().id as string;
    // Two neighbouring ids above 2^53: a double would make them one, and the second would be dropped as a retry.
    const big = (id: string, content: string) => fake.callback(MINI_JSON.appId, { ToUserName: 'gh_mini', FromUserName: 'o-json-1', CreateTime: now(), MsgType: 'text', Content: content, MsgId: id }, { format: 'json' });
    const first = big('23137484938393098', '如何退货');
    expect(first.contentType).toBe('application/json');
    expect(first.body).toContain('"MsgId":23137484938393098');
    expect((await post(plainId, first)).body).toBe('success');
    expect((await post(plainId, big('23137484938393099', '退货流程是什么'))).body).toBe('success');
    await settle();
    const { messages } = await rows('o-json-1');
    expect(messages.filter((m) => m.sender_type === 'visitor').map((m) => m.text)).toEqual(['如何退货', '退货流程是什么']);
    expect(sendsTo('o-json-1').length).toBeGreaterThanOrEqual(2);
    expect(sendsTo('o-json-1')[0]!.text).toContain('退货流程');

    // 安全模式 in JSON: the envelope and the message inside are both JSON.
    const encrypted = message(MINI.appId, 'o-json-2', { MsgType: 'text', Content: '如何申请退货' }, 'json');
    expect(JSON.parse(encrypted.body)).toHaveProperty('Encrypt');
    expect((await post(ids.mini, encrypted)).body).toBe('success');
    await settle();
    expect(sendsTo('o-json-2')[0]!.text).toContain('退货流程');

    // Broken JSON is a client mistake: 400 with the error shape, nothing stored.
    const broken = big('23137484938393100', 'x');
    const res = await post(plainId, { ...broken, body: broken.body.slice(0, -5) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('wechat_bad_json');
  });

  it('answers a transcribed voice message; asks for text for one without a transcript and for a video, without the bot', async () => {
    expect((await post(ids.mp, message(MP.appId, 'o-voice-1', { MsgType: 'voice', MediaId: 'v1', Format: 'amr', Recognition: '如何退货。' }))).body).toBe('success');
    await settle();
    expect(sendsTo('o-voice-1')[0]!.text).toContain('退货流程');
    const heard = await rows('o-voice-1');
    expect(heard.messages.find((m) => m.sender_type === 'visitor')).toMatchObject({ text: '如何退货。', meta: { wechat: { source: 'voice' } } });

    expect((await post(ids.mp, message(MP.appId, 'o-voice-2', { MsgType: 'voice', MediaId: 'v2', Format: 'amr' }))).body).toBe('success');
    expect((await post(ids.mp, message(MP.appId, 'o-voice-2', { MsgType: 'shortvideo', MediaId: 'v3', ThumbMediaId: 't3' }))).body).toBe('success');
    await settle();
    expect(sendsTo('o-voice-2').map((s) => s.text)).toEqual(['暂不支持语音，请发送文字', '暂不支持视频，请发送文字或图片']);
    const unheard = await rows('o-voice-2');
    expect(unheard.messages.filter((m) => m.sender_type === 'visitor').map((m) => m.text)).toEqual(['[语音]（未识别出文字）', '[视频]（未保存）']);
    expect(unheard.messages.filter(isBotAnswer)).toEqual([]);

    // The notes never reach the bot: the next question gets one answer, to itself.
    expect((await post(ids.mp, text(MP.appId, 'o-voice-2', '如何退货'))).body).toBe('success');
    await settle();
    const after = await rows('o-voice-2');
    const asked = after.messages.find((m) => m.text === '如何退货')!;
    const answers = after.messages.filter(isBotAnswer);
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((m) => (m.meta as { replyTo?: string }).replyTo === asked.id)).toBe(true);
    expect(sendsTo('o-voice-2').at(-1)!.text).toContain('退货流程');
  });

  it('keeps a location and a link for the agent, with the place, coordinates and URL, and no bot answer', async () => {
    await post(ids.mp, message(MP.appId, 'o-place-1', { MsgType: 'location', Location_X: '31.230416', Location_Y: '121.473701', Scale: '15', Label: '上海市黄浦区人民大道200号' }));
    await post(ids.mp, message(MP.appId, 'o-place-1', { MsgType: 'link', Title: '订单详情', Description: '物流到哪了', Url: 'https://shop.example/o/A123' }));
    await settle();
    const { users, messages } = await rows('o-place-1');
    expect(messages.filter((m) => m.sender_type === 'visitor').map((m) => m.text)).toEqual(['[位置] 上海市黄浦区人民大道200号 (31.230416, 121.473701)', '[链接] 订单详情\nhttps://shop.example/o/A123\n物流到哪了']);
    expect(messages.filter(isBotAnswer)).toEqual([]);
    expect(sendsTo('o-place-1')).toEqual([]);
    // The agent reads them through the ordinary transcript API.
    const transcript = await t.app.inject({ url: `/api/v1/conversations/${users[0]!.conversation_id}/messages`, headers: agent.headers });
    expect(transcript.statusCode, transcript.body).toBe(200);
    expect(transcript.body).toContain('31.230416, 121.473701');
  });

  it('greets a user who follows the 公众号 once, and not again on a second follow', async () => {
    const follow = () => fake.callback(MP.appId, { ToUserName: 'gh_shop', FromUserName: 'o-follower', CreateTime: now(), MsgType: 'event', Event: 'subscribe' });
    expect((await post(ids.mp, follow())).body).toBe('success');
    await settle();
    const greeting = sendsTo('o-follower');
    expect(greeting.length).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1100)); // a later CreateTime: a new event, not WeChat's retry
    expect((await post(ids.mp, follow())).body).toBe('success');
    await settle();
    expect(sendsTo('o-follower')).toHaveLength(greeting.length);
  });

  it('syncs 企业微信客服 messages on the callback event and answers through kf/send_msg', async () => {
    fake.queueKfMessage({ msgid: 'kf-msg-1', open_kfid: 'wkSHOP01', external_userid: 'wm-customer-1', send_time: Math.floor(Date.now() / 1000), origin: 3, msgtype: 'text', text: { content: '如何退货' } });
    const cb = fake.callback(KF.appId, { ToUserName: KF.appId, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'event', Event: 'kf_msg_or_event', Token: 'ENCsyncToken', OpenKfId: 'wkSHOP01' });
    expect((await post(ids.kf, cb)).body).toBe('success');
    await settle();
    const sent = sendsTo('wm-customer-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ path: '/cgi-bin/kf/send_msg', openKfId: 'wkSHOP01' });
    expect(sent[0]!.text).toContain('退货流程');
    const { users } = await rows('wm-customer-1');
    expect((await t.as(shop, () => t.app.zhida.conversations.get({ tenantId: shop.id }, users[0]!.conversation_id))).channel).toBe('wecom_kf');

    // 企业微信 never transcribes a voice message: the customer is asked to type, through kf/send_msg; a location is kept for the agent.
    const at = Math.floor(Date.now() / 1000);
    fake.queueKfMessage({ msgid: 'kf-msg-voice', open_kfid: 'wkSHOP01', external_userid: 'wm-customer-1', send_time: at, origin: 3, msgtype: 'voice', voice: { media_id: 'kf-voice-1' } });
    fake.queueKfMessage({ msgid: 'kf-msg-place', open_kfid: 'wkSHOP01', external_userid: 'wm-customer-1', send_time: at, origin: 3, msgtype: 'location', location: { latitude: 23.1066, longitude: 113.3245, name: '广州塔', address: '广州市海珠区阅江西路222号' } });
    const again = fake.callback(KF.appId, { ToUserName: KF.appId, CreateTime: String(at), MsgType: 'event', Event: 'kf_msg_or_event', Token: 'ENCsyncToken2', OpenKfId: 'wkSHOP01' });
    expect((await post(ids.kf, again)).body).toBe('success');
    await settle();
    expect(sendsTo('wm-customer-1').at(-1)).toMatchObject({ path: '/cgi-bin/kf/send_msg', openKfId: 'wkSHOP01', text: '暂不支持语音，请发送文字' });
    expect((await rows('wm-customer-1')).messages.map((m) => m.text)).toContain('[位置] 广州塔 广州市海珠区阅江西路222号 (23.106600, 113.324500)');
  });
}, 180_000);
