// The @zhida/client example page: everything an app or mini-program does, with the SDK's ES module bundle
// and no widget UI. Plain JavaScript on purpose, so the page runs as served, without a build step.
import { randomUuid, socketConnector, WidgetApiError, ZhidaClient } from './zhida-client.js';

const origin = window.location.origin;
const $ = (id) => document.getElementById(id);
let client = null;

const params = new URLSearchParams(window.location.search);
if (params.get('tenant')) $('tenant').value = params.get('tenant');
$('client-msg-id').value = randomUuid();

/** Shows a failure the way an app would: the server's code and (Chinese) message, and whether to retry. */
function showError(target, err) {
  $(target).textContent = err instanceof WidgetApiError ? `${err.code} (${err.kind}): ${err.message}` : String(err?.message ?? err);
}

function show(target, value) {
  $(target).hidden = false;
  $(target).textContent = JSON.stringify(value, null, 2);
}

async function run(button, errorTarget, work) {
  $(errorTarget).textContent = '';
  button.disabled = true;
  try {
    await work();
  } catch (err) {
    showError(errorTarget, err);
  } finally {
    button.disabled = false;
  }
}

function setSocketState(state, text) {
  $('socket-status').dataset.state = state;
  $('socket-status').textContent = text;
}

function appendMessage(message) {
  const item = document.createElement('li');
  item.dataset.seq = String(message.seq);
  item.dataset.sender = message.senderType;
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `#${message.seq} ${message.senderType}${message.senderName ? ` · ${message.senderName}` : ''}`;
  item.append(meta, document.createTextNode(message.text));
  if (message.quickReplies.length > 0) {
    const quick = document.createElement('div');
    quick.className = 'quick';
    for (const reply of message.quickReplies) {
      const button = document.createElement('button');
      button.className = 'secondary';
      button.textContent = reply;
      button.addEventListener('click', () => void send(reply, randomUuid()));
      quick.append(button);
    }
    item.append(quick);
  }
  $('log').append(item);
  $('log').scrollTop = $('log').scrollHeight;
  $('after-seq').max = String(message.seq);
}

async function send(text, clientMsgId) {
  await run($('send'), 'send-error', async () => {
    const sent = await client.send(text, clientMsgId);
    // The ack and the bot's replies; a retry with the same clientMsgId gets the same ack, nothing stored twice.
    show('send-result', { clientMsgId, seq: sent.message.seq, replies: sent.replies.map((r) => `#${r.seq} ${r.text}`) });
  });
}

$('start').addEventListener('click', () =>
  run($('start'), 'start-error', async () => {
    client?.close();
    $('log').replaceChildren();
    client = new ZhidaClient({
      origin,
      tenant: $('tenant').value.trim(),
      fetch: (input, init) => window.fetch(input, init),
      channel: 'web',
      // The connector is the app's to choose; this one also shows the socket's state.
      connect: (session) => {
        const socket = socketConnector(origin)(session);
        setSocketState('connecting', '连接中 connecting');
        socket.on('connect', () => setSocketState('live', '实时 live'));
        socket.on('disconnect', () => setSocketState('idle', '已断开 disconnected'));
        socket.on('connect_error', () => setSocketState('error', '连接失败 connect error'));
        return socket;
      },
    });
    client.onMessage(appendMessage);
    const session = await client.start();
    $('session-info').textContent = `conversationId ${session.conversationId}`;
    $('session-info').dataset.conversationId = session.conversationId;
    for (const id of ['send', 'resend', 'resync', 'upload', 'tickets']) $(id).disabled = false;
  }),
);

$('send').addEventListener('click', () => {
  const clientMsgId = $('client-msg-id').value.trim() || randomUuid();
  $('client-msg-id').value = clientMsgId;
  $('resend').dataset.clientMsgId = clientMsgId;
  $('resend').dataset.text = $('text').value;
  void send($('text').value, clientMsgId).then(() => {
    $('client-msg-id').value = randomUuid();
  });
});

$('resend').addEventListener('click', () => {
  if ($('resend').dataset.clientMsgId) void send($('resend').dataset.text ?? '', $('resend').dataset.clientMsgId);
});

$('resync').addEventListener('click', () =>
  run($('resync'), 'resync-error', async () => {
    // What a client does after a gap: everything after the last seq it has, from the server's list.
    const afterSeq = Number($('after-seq').value) || 0;
    const page = await client.api.listMessages(client.session, afterSeq);
    show('resync-result', page.map((m) => `#${m.seq} ${m.senderType}: ${m.text}`));
  }),
);

$('upload').addEventListener('click', () =>
  run($('upload'), 'upload-error', async () => {
    const file = $('file').files?.[0];
    if (!file) throw new Error('请先选择文件 Choose a file first');
    const dataBase64 = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    show('upload-result', await client.upload({ filename: file.name, contentType: file.type, dataBase64 }));
  }),
);

$('tickets').addEventListener('click', () =>
  run($('tickets'), 'tickets-error', async () => {
    const tickets = await client.tickets.listMine(client.session);
    $('ticket-list').replaceChildren(
      ...(tickets.length === 0
        ? [Object.assign(document.createElement('li'), { textContent: '暂无工单 No tickets yet' })]
        : tickets.map((t) => Object.assign(document.createElement('li'), { textContent: `${t.number} · ${t.statusText} · ${t.subject}` }))),
    );
  }),
);
