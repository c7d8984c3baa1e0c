/**
 * The challenges this browser issued and the ones already used, per chain, in localStorage: a proof is accepted
 * only for a challenge issued here, and only once. Entries are dropped a day after they expire.
 */
const DAY = 86_400;

interface Book {
  issued: Record<string, number>;
  used: Record<string, number>;
}

const key = (chainId: number) => `sq.proof-challenges.${chainId}`;

function read(chainId: number, now: number): Book {
  let book: Book = { issued: {}, used: {} };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key(chainId)) ?? "null");
    if (raw && typeof raw === "object" && "issued" in raw && "used" in raw) book = raw as Book;
  } catch {
    // A damaged book is an empty one: every pending challenge must then be issued again.
  }
  const fresh = (entries: Record<string, number>) => Object.fromEntries(Object.entries(entries).filter(([, expires]) => expires + DAY > now));
  return { issued: fresh(book.issued), used: fresh(book.used) };
}

function write(chainId: number, book: Book): void {
  localStorage.setItem(key(chainId), JSON.stringify(book));
}

export function challengeBook(chainId: number, now: number): { issued: Set<string>; used: Set<string> } {
  const book = read(chainId, now);
  return { issued: new Set(Object.keys(book.issued)), used: new Set(Object.keys(book.used)) };
}

export function recordIssued(chainId: number, nonce: string, expiresAt: number, now: number): void {
  const book = read(chainId, now);
  book.issued[nonce] = expiresAt;
  write(chainId, book);
}

export function recordUsed(chainId: number, nonce: string, expiresAt: number, now: number): void {
  const book = read(chainId, now);
  book.used[nonce] = expiresAt;
  write(chainId, book);
}
