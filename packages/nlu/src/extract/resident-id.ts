const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Province-level codes in use (GB/T 2260); anything else cannot be a resident ID.
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

/**
 * The GB 11643-1999 MOD 11-2 check character for the first 17 digits of a resident ID.
 *
 * @example residentIdCheckDigit('11010519491231002') // → 'X'
 */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * True for an 18-character resident ID whose province code, birth date and check digit are all valid.
 *
 * @example isValidResidentId('11010519491231002X') // → true
 * @example isValidResidentId('110105194912310021') // → false (check digit should be X)
 */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return false;
  if (!isCalendarDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  return residentIdCheckDigit(id) === id[17]?.toUpperCase();
}

/**
 * True for a legacy 15-digit resident ID (issued before 1999, no check digit) with a valid
 * province code and 19YY birth date. Without a check digit this is weak evidence on its own.
 */
export function isValidLegacyResidentId(id: string): boolean {
  if (!/^\d{15}$/.test(id)) return false;
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return false;
  return isCalendarDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}
