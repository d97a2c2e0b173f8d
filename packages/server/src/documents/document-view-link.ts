import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a citation link in a bot answer keeps opening the document. */
const LINK_LIFETIME_SECONDS = 30 * 24 * 3600;

/** The query of a signed view link: whose document, until when, and the signature over both. */
export interface ViewLinkQuery {
  tenant: string;
  exp: number;
  sig: string;
}

/**
 * Signs and checks the links that open a document at a passage. A bot answer's citation is read
 * by visitors, who have no staff session, so the link itself carries the right to read that one
 * document of that tenant, for a limited time (SECURITY.md 24: unguessable, time-limited, bound
 * to the tenant).
 * @example
 * const path = links.path(tenantId, documentId, 'page=3'); // /api/v1/documents/…/view?tenant=…&exp=…&sig=…#page=3
 * links.verify(documentId, req.query) // true while the link is valid
 */
export class DocumentViewLink {
  private readonly key: Buffer;

  constructor(
    secretKey: Uint8Array,
    private readonly now: () => Date = () => new Date(),
  ) {
    // A key of its own, so a view signature can never be replayed as any other HMAC the platform makes.
    this.key = createHmac('sha256', secretKey).update('zhida.documents.view.v1').digest();
  }

  path(tenantId: string, documentId: string, anchor: string): string {
    const exp = Math.floor(this.now().getTime() / 1000) + LINK_LIFETIME_SECONDS;
    const query = new URLSearchParams({ tenant: tenantId, exp: String(exp), sig: this.sign(tenantId, documentId, exp) });
    return `/api/v1/documents/${documentId}/view?${query.toString()}${anchor ? `#${encodeURIComponent(anchor).replace(/%3D/g, '=')}` : ''}`;
  }

  verify(documentId: string, query: ViewLinkQuery): boolean {
    if (query.exp * 1000 < this.now().getTime()) return false;
    const expected = Buffer.from(this.sign(query.tenant, documentId, query.exp), 'base64url');
    const given = Buffer.from(query.sig, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(tenantId: string, documentId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${tenantId}.${documentId}.${exp}`).digest('base64url');
  }
}
