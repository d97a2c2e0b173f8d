/**
 * How each kind of personal data is masked: enough stays visible for the customer and the agent
 * to recognise which number is meant, never enough to use it.
 */
export const PiiMasks = {
  /** `13812345678` → `138****5678`; a written +86 prefix is kept. */
  mobile(digits: string, prefix = ''): string {
    return `${prefix}${digits.slice(0, 3)}****${digits.slice(7)}`;
  },
  /** `11010519491231002X` → `110105********002X` (first 6, last 4). */
  residentId(id: string): string {
    return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
  },
  /** `6222021234567890123` → `622202*********0123` (first 6, last 4). */
  bankCard(digits: string): string {
    return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
  },
  /** `zhang@example.com` → `z***@example.com`. */
  email(address: string): string {
    const at = address.lastIndexOf('@');
    return `${address.slice(0, 1)}***${address.slice(at)}`;
  },
  /** Keeps the first `keep` characters (province and city) and stars the rest. */
  address(text: string, keep: number): string {
    return text.slice(0, keep) + '*'.repeat(Array.from(text.slice(keep)).length);
  },
};
