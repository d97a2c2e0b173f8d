import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Bank } from './bank.js';
import { BusinessRefusal } from './business-refusal.js';
import * as contract from '@zhida/connector-contract';
import { CustomerDirectory } from './customer-directory.js';
import type { EnterpriseStore } from './enterprise-store.js';
import { GovernmentHall } from './government-hall.js';
import { MobileOperator } from './mobile-operator.js';
import { Shop } from './shop.js';
import { zhidaSignatureValid } from './zhida-signature-check.js';

export interface DemoEnterpriseOptions {
  /** The HMAC secret shared with Zhida (its connector configuration). */
  secret: string;
  store: EnterpriseStore;
  /** The books' clock (what day it is for returns, slots, bills); signatures are checked on the wall clock. */
  now?: () => Date;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: string;
  }
}

const refusals = { 404: contract.errorBody, 409: contract.errorBody, 422: contract.errorBody };

/**
 * The demo enterprise's HTTP API: every route under `/t/{tenant}` is one Zhida tenant's backend
 * (its connector base URL), signed and answered exactly as a customer's CRM/ERP would. Writes need an
 * `Idempotency-Key`; a repeated key gets the first answer again. `GET /openapi.json` (unsigned) is the
 * contract, generated from the zod schemas.
 *
 * @example
 * const app = await buildDemoEnterpriseApp({ secret, store: EnterpriseStore.inMemory() });
 * await app.listen({ port: 0, host: '127.0.0.1' });
 */
export async function buildDemoEnterpriseApp(options: DemoEnterpriseOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const { store } = options;
  const shop = new Shop(store, now);
  const operator = new MobileOperator(store, now);
  const bank = new Bank(store, now);
  const hall = new GovernmentHall(store, now);
  const directory = new CustomerDirectory(store, now);
  const app = Fastify({ logger: options.logger ?? false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('rawBody', '');
  // The signature covers the body as sent, so keep it before parsing.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch {
      done(new BusinessRefusal('invalid_json', 'body is not JSON', 400), undefined);
    }
  });
  installErrors(app);
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Zhida connector contract (demo enterprise)', description: 'What a CRM/ERP answers to Zhida’s HTTP connectors. Base URL per tenant: …/t/{tenant}', version: '1.1.0' } },
    transform: jsonSchemaTransform,
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, () => ({ ok: true }));

  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/t/')) return;
    const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
    const signed = zhidaSignatureValid(options.secret, { timestamp: header('x-zhida-timestamp'), signature: header('x-zhida-signature'), method: request.method, path: request.url, body: request.rawBody }, new Date());
    if (!signed) return reply.status(401).send({ error: { code: 'bad_signature', message: 'missing, stale or wrong X-Zhida-Signature' } });
  });

  /** Runs a write once per Idempotency-Key and saves the books; a retry gets the stored answer. */
  const write = async (request: FastifyRequest, reply: FastifyReply, tenant: string, status: 200 | 201, run: () => unknown) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) return reply.status(400).send({ error: { code: 'idempotency_key_required', message: 'writes need an Idempotency-Key header' } });
    const books = store.books(tenant);
    const scoped = `${request.method} ${request.url.split('?')[0]} ${key}`;
    let answer = books.idempotent[scoped];
    if (!answer) {
      try {
        answer = { status, body: run() };
      } catch (error) {
        if (!(error instanceof BusinessRefusal)) throw error;
        answer = { status: error.status, body: { error: { code: error.code, message: error.message } } };
      }
      books.idempotent[scoped] = answer;
      await store.save();
    }
    return reply.status(answer.status).send(answer.body);
  };

  const t = app.withTypeProvider<ZodTypeProvider>();
  t.get('/t/:tenant/orders/:orderNo', { schema: { tags: ['orders'], params: contract.orderParams, response: { 200: contract.orderDto, ...refusals } } }, (req) => shop.getOrder(req.params.tenant, req.params.orderNo));
  t.put('/t/:tenant/orders/:orderNo/address', { schema: { tags: ['orders'], params: contract.orderParams, body: contract.addressBody, response: { 200: contract.orderDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 200, () => shop.updateAddress(req.params.tenant, req.params.orderNo, req.body.address)),
  );
  t.post('/t/:tenant/orders/:orderNo/cancel', { schema: { tags: ['orders'], params: contract.orderParams, body: contract.emptyBody, response: { 200: contract.cancelDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 200, () => shop.cancel(req.params.tenant, req.params.orderNo)),
  );
  t.get('/t/:tenant/orders/:orderNo/shipment', { schema: { tags: ['logistics'], params: contract.orderParams, response: { 200: contract.shipmentDto, ...refusals } } }, (req) => shop.track(req.params.tenant, req.params.orderNo));
  t.post('/t/:tenant/orders/:orderNo/urge', { schema: { tags: ['logistics'], params: contract.orderParams, body: contract.emptyBody, response: { 201: contract.urgeDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => shop.urge(req.params.tenant, req.params.orderNo)),
  );
  t.get('/t/:tenant/orders/:orderNo/refund', { schema: { tags: ['returns'], params: contract.orderParams, response: { 200: contract.refundDto, ...refusals } } }, (req) => shop.getRefund(req.params.tenant, req.params.orderNo));
  t.post('/t/:tenant/returns', { schema: { tags: ['returns'], params: contract.tenantParams, body: contract.returnBody, response: { 201: contract.returnDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => shop.createReturn(req.params.tenant, req.body)),
  );
  t.post('/t/:tenant/exchanges', { schema: { tags: ['returns'], params: contract.tenantParams, body: contract.exchangeBody, response: { 201: contract.exchangeDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => shop.createExchange(req.params.tenant, req.body)),
  );
  t.post('/t/:tenant/invoices', { schema: { tags: ['invoices'], params: contract.tenantParams, body: contract.invoiceBody, response: { 201: contract.invoiceDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => shop.requestInvoice(req.params.tenant, req.body)),
  );
  t.get('/t/:tenant/subscribers/:mobile/bills/:month', { schema: { tags: ['telecom'], params: contract.billParams, response: { 200: contract.phoneBillDto, ...refusals } } }, (req) =>
    operator.bill(req.params.tenant, req.params.mobile, req.params.month),
  );
  t.get('/t/:tenant/subscribers/:mobile/usage', { schema: { tags: ['telecom'], params: contract.mobileParams, response: { 200: contract.usageDto, ...refusals } } }, (req) => operator.usage(req.params.tenant, req.params.mobile));
  t.get('/t/:tenant/subscribers/:mobile/plans', { schema: { tags: ['telecom'], params: contract.mobileParams, response: { 200: contract.planOfferDto, ...refusals } } }, (req) => operator.plans(req.params.tenant, req.params.mobile));
  t.post('/t/:tenant/subscribers/:mobile/plan-changes', { schema: { tags: ['telecom'], params: contract.mobileParams, body: contract.planChangeBody, response: { 201: contract.planChangeDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => operator.changePlan(req.params.tenant, req.params.mobile, req.body.planId)),
  );

  t.get('/t/:tenant/customer-records', { schema: { tags: ['identity'], params: contract.tenantParams, querystring: contract.customerRecordsQuery, response: { 200: contract.customerRecordsDto, ...refusals } } }, (req) =>
    directory.records(req.params.tenant, { customerIds: req.query.customerId, conversationId: req.query.conversationId ?? null }, req.query.limit),
  );
  t.get('/t/:tenant/customers/by-mobile/:mobile', { schema: { tags: ['identity'], params: contract.mobileParams, response: { 200: contract.customerDto, ...refusals } } }, (req) => directory.byMobile(req.params.tenant, req.params.mobile));

  const bankPath = '/t/:tenant/bank/customers/:customerId';
  t.get(`${bankPath}/balance`, { schema: { tags: ['bank'], params: contract.bankCustomerParams, response: { 200: contract.balanceDto, ...refusals } } }, (req) => bank.balance(req.params.tenant, req.params.customerId));
  t.post(`${bankPath}/cards/:last4/loss`, { schema: { tags: ['bank'], params: contract.cardParams, body: contract.emptyBody, response: { 201: contract.cardLossDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => bank.reportCardLoss(req.params.tenant, req.params.customerId, req.params.last4)),
  );
  t.post(`${bankPath}/cards/:last4/password-resets`, { schema: { tags: ['bank'], params: contract.cardParams, body: contract.passwordResetBody, response: { 201: contract.passwordResetDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => bank.resetPassword(req.params.tenant, req.params.customerId, req.params.last4, req.body.kind)),
  );
  t.get(`${bankPath}/card-bills/:month`, { schema: { tags: ['bank'], params: contract.cardBillParams, response: { 200: contract.cardBillDto, ...refusals } } }, (req) =>
    bank.cardBill(req.params.tenant, req.params.customerId, req.params.month),
  );
  t.get(`${bankPath}/transfers`, { schema: { tags: ['bank'], params: contract.bankCustomerParams, querystring: contract.transferQuery, response: { 200: contract.transferDto, ...refusals } } }, (req) =>
    bank.findTransfer(req.params.tenant, req.params.customerId, req.query.day, req.query.amountCents ?? null),
  );

  t.get('/t/:tenant/appointment-services/:service/slots', { schema: { tags: ['government'], params: contract.serviceParams, querystring: contract.slotsQuery, response: { 200: contract.slotsDto, ...refusals } } }, async (req) => {
    const answer = hall.listSlots(req.params.tenant, req.params.service, req.query.day);
    // A day's slots are opened on first look: keep them, or a booking after a restart would not find its slot.
    await store.save();
    return answer;
  });
  t.post('/t/:tenant/appointments', { schema: { tags: ['government'], params: contract.tenantParams, body: contract.bookingBody, response: { 201: contract.bookingDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => hall.book(req.params.tenant, req.body)),
  );
  t.get('/t/:tenant/applications/:applicationRef', { schema: { tags: ['government'], params: contract.applicationParams, response: { 200: contract.applicationDto, ...refusals } } }, (req) =>
    hall.progress(req.params.tenant, req.params.applicationRef),
  );
  t.post('/t/:tenant/certificate-requests', { schema: { tags: ['government'], params: contract.tenantParams, body: contract.certificateBody, response: { 201: contract.certificateDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => hall.requestCertificate(req.params.tenant, req.body)),
  );
  t.post('/t/:tenant/applications/:applicationRef/materials-expected', { schema: { tags: ['government'], params: contract.applicationParams, body: contract.materialsExpectedBody, response: { 200: contract.materialsExpectedDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 200, () => hall.expectMaterials(req.params.tenant, req.params.applicationRef, req.body)),
  );
  t.post('/t/:tenant/materials', { schema: { tags: ['government'], params: contract.tenantParams, body: contract.materialBody, response: { 201: contract.materialDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => hall.materialReceived(req.params.tenant, req.body)),
  );

  t.post('/t/:tenant/broadband-faults', { schema: { tags: ['telecom'], params: contract.tenantParams, body: contract.faultBody, response: { 201: contract.faultDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => operator.createFault(req.params.tenant, req.body.account, req.body.symptom, req.body.customerId)),
  );
  t.get('/t/:tenant/subscribers/:mobile/porting', { schema: { tags: ['telecom'], params: contract.mobileParams, response: { 200: contract.portingDto, ...refusals } } }, (req) => operator.checkPorting(req.params.tenant, req.params.mobile));
  t.post('/t/:tenant/subscribers/:mobile/sim-replacements', { schema: { tags: ['telecom'], params: contract.mobileParams, body: contract.simReplacementBody, response: { 201: contract.simReplacementDto, ...refusals } } }, (req, reply) =>
    write(req, reply, req.params.tenant, 201, () => operator.requestSimReplacement(req.params.tenant, req.params.mobile, req.body.reason, req.body.delivery, req.body.customerId)),
  );
  return app;
}

function installErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    if (err instanceof BusinessRefusal) return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      return reply.status(400).send({ error: { code: 'validation_error', message: first ? `${first.instancePath || '/'}: ${first.message}` : 'invalid input' } });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return reply.status(status).send({ error: { code: 'bad_request', message: (err as Error).message } });
    request.log.error({ err }, 'demo enterprise failed');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Internal error' } });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }));
}

