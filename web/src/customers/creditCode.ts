// GB 32100-2015 unified social credit code (统一社会信用代码), checked in the form as the
// server checks it (modules/accounts/customers/credit_code.cpp), so a typo is caught before sending.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check];
}

export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  for (const c of code) if (!ALPHABET.includes(c)) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}
