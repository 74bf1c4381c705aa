// File-name order as people expect it: shot2 before shot10, case ignored. Written out rather than
// Intl.Collator so the order is the same on every ICU build, and ties (names that differ only in
// case or leading zeros) still get one fixed order, whatever order readdir returned them in.

function runs(name: string): string[] {
  return name.toLowerCase().match(/\d+|\D+/g) ?? [];
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function naturalCompare(a: string, b: string): number {
  const ra = runs(a);
  const rb = runs(b);
  const n = Math.min(ra.length, rb.length);
  for (let i = 0; i < n; i++) {
    const x = ra[i] as string;
    const y = rb[i] as string;
    const xDigit = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const yDigit = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    const order = xDigit && yDigit ? compareDigits(x, y) : compareCodeUnits(x, y);
    if (order !== 0) return order;
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return compareCodeUnits(a, b);
}

export function naturalSort<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => naturalCompare(key(a), key(b)));
}
