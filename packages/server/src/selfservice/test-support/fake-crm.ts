import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyZhidaSignature } from '../http/zhida-signature.js';

export const FAKE_CRM_SECRET = 'fake-crm-secret';

/**
 * A tiny shop backend on 127.0.0.1 speaking the HTTP connector contract:
 * one order, returns deduplicated by Idempotency-Key, and an outage switch.
 */
export class FakeCrm {
  down = false;
  returnsFiled = 0;
  private readonly byKey = new Map<string, unknown>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const send = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        const check = verifyZhidaSignature(FAKE_CRM_SECRET, { timestamp: req.headers['x-zhida-timestamp'] as string, signature: req.headers['x-zhida-signature'] as string, method: req.method!, path: req.url!, body });
        if (!check.ok) return send(401, { error: { code: 'bad_signature', message: check.reason } });
        if (this.down) return send(503, { error: { code: 'maintenance', message: '系统维护中' } });
        if (req.method === 'GET' && req.url === '/api/orders/E20261118000001') {
          return send(200, { orderNo: 'E20261118000001', productId: 'iphone15', itemSummary: 'iPhone 15 128GB 黑色 ×1', amountCents: 599900, status: 'delivered', address: '上海市', carrier: '京东物流', trackingNo: 'JD0012345678', orderedAt: '2026-11-18T02:00:00Z', deliveredAt: '2026-11-23T02:00:00Z', latestEvent: null });
        }
        if (req.method === 'GET' && req.url?.startsWith('/api/orders/')) return send(404, { error: { code: 'order_not_found', message: '订单不存在' } });
        if (req.method === 'POST' && req.url === '/api/returns') {
          const key = String(req.headers['idempotency-key'] ?? '');
          if (!key) return send(400, { error: { code: 'idempotency_key_required', message: '缺少幂等键' } });
          if (!this.byKey.has(key)) {
            const { orderNo } = JSON.parse(body) as { orderNo: string };
            if (orderNo !== 'E20261118000001') return send(422, { error: { code: 'not_eligible', message: '该订单不支持退货' } });
            this.returnsFiled++;
            this.byKey.set(key, { rmaNumber: `CRM-RMA-${this.returnsFiled}`, pickupWindow: null, returnAddress: '北京市亦庄 退货仓' });
          }
          return send(201, this.byKey.get(key));
        }
        send(404, { error: { code: 'not_found', message: 'no route' } });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
