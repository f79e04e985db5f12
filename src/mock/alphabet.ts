// The alphabets keys and ids are drawn from, as byte tables: byte b becomes the character at
// b % size, read from a table instead of divided out and looked up character by character (a
// secret and a key id cost about sixty divisions otherwise). Alphabets come from code, a handful.

/** For each byte, the char code of alphabet[byte % size]; null when a character is beyond Latin-1 (one byte each is what the tables write). */
export type AlphabetTable = Uint8Array | null;

const tables = new Map<string, AlphabetTable>();
/** More than any caller has: past it a table is made per call, and memory stays bounded. */
const MAX_TABLES = 32;

export function alphabetTable(alphabet: string): AlphabetTable {
  let table = tables.get(alphabet);
  if (table === undefined) {
    table = /^[\x00-\xff]+$/.test(alphabet) ? Uint8Array.from({ length: 256 }, (_, byte) => alphabet.charCodeAt(byte % alphabet.length)) : null;
    if (tables.size < MAX_TABLES) tables.set(alphabet, table);
  }
  return table;
}
