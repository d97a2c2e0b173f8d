/**
 * How a tenant's backend signs a logged-in customer for the widget: hex HMAC-SHA256 over the user id,
 * keyed with the identity secret — the exact computation the server checks
 * (packages/server/src/widget/identity-verifier.ts). The page then passes both to the widget.
 */
export const identityHashSample = `import { createHmac } from 'node:crypto';

// On your server, never in the browser: the secret must stay private.
const secret = process.env.ZHIDA_IDENTITY_SECRET;

function zhidaUserHash(userId) {
  return createHmac('sha256', secret).update(String(userId), 'utf8').digest('hex');
}

// In the page you render for a signed-in customer:
// <script src="https://cs.example.com/widget.js" data-tenant="your-tenant"
//   data-user-id="\${user.id}" data-user-hash="\${zhidaUserHash(user.id)}" async></script>
// or, before the widget opens: Zhida.setUser({ userId: user.id, userHash: zhidaUserHash(user.id) });
`;
