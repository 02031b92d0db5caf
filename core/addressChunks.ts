/**
 * Excel accepts many ranges in one address (`"A1:A3, C5, D7:D9"`), up to 8,192 characters: the add-in
 * formats thousands of cells with a handful of calls by grouping them into such chunks.
 */

/** The longest address Excel's `getRanges` accepts. */
export const MAX_ADDRESS_LENGTH = 8192;

/** Joins addresses with `", "` into as few strings as fit under `limit` characters each. */
export function addressChunks(addresses: Iterable<string>, limit = MAX_ADDRESS_LENGTH): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const a of addresses) {
    if (a.length > limit) throw new RangeError(`address longer than ${limit} characters: ${a.slice(0, 40)}…`);
    const next = current === "" ? a : `${current}, ${a}`;
    if (next.length > limit) {
      chunks.push(current);
      current = a;
    } else current = next;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
