/**
 * Masking customer contact data for places where it must not appear in full (channel posts):
 * phone "13812345678" → "138****5678", email "zhang@example.com" → "z***@example.com".
 */

const EMAIL = /^([^\s@]+)@([^\s@]+)$/;

export function maskContact(contact: string | undefined): string {
  const s = (contact ?? '').trim();
  if (!s) return '';
  const email = EMAIL.exec(s);
  if (email) return `${email[1]!.slice(0, 1)}***@${email[2]}`;
  let digits = s.replace(/\D/g, '');
  if (digits.length >= 5 && /^\+?[\d\s()-]+$/.test(s)) {
    let prefix = s.startsWith('+') ? '+' : '';
    // Mainland mobile numbers written with the country code: keep "+86 " and mask the 11 digits.
    if (/^(00)?86\d{11}$/.test(digits) && (prefix || digits.startsWith('0086'))) {
      prefix = '+86 ';
      digits = digits.slice(-11);
    }
    if (digits.length >= 8) return `${prefix}${digits.slice(0, 3)}****${digits.slice(-4)}`;
    return `${prefix}${digits.slice(0, 1)}****${digits.slice(-2)}`;
  }
  // Anything else: only the first character.
  return `${[...s][0]}***`;
}
