import { describe, expect, it } from "vitest";
import { RowCounter } from "../../workbook/rowCount.js";

/** What the counter must say, written the obvious way: every `<row` followed by a byte that ends the name. */
const reference = (xml: string): number => (xml.match(/<row[ \t\r\n>/]/g) ?? []).length;

const count = (chunks: Uint8Array[]): number => {
  const counter = new RowCounter();
  for (const c of chunks) counter.push(c);
  return counter.count;
};

describe("RowCounter", () => {
  const xml =
    '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><rows/><row>' +
    '<c><is><t>&lt;row 不算</t></is></c></row><row\tr="3"/><row\nr="4"></row><rowBreaks/><ro<row/><row' ;

  it("counts what the plain reading counts, the XML cut anywhere into two or three chunks", () => {
    const bytes = new TextEncoder().encode(xml);
    const expected = reference(xml);
    expect(expected).toBe(5); // the last "<row" has no byte after it: no element yet
    expect(count([bytes])).toBe(expected);
    for (let i = 0; i <= bytes.length; i++) {
      expect(count([bytes.subarray(0, i), bytes.subarray(i)]), `cut at ${i}`).toBe(expected);
      for (let j = i; j <= bytes.length; j += 7) expect(count([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toBe(expected);
    }
  });

  it("counts a byte at a time, and a large sheet's rows", () => {
    const bytes = new TextEncoder().encode(xml + ">");
    expect(count([...bytes].map((b) => Uint8Array.of(b)))).toBe(reference(xml + ">"));
    const big = `<sheetData>${'<row r="1"><c><v>1</v></c></row>'.repeat(50_000)}</sheetData>`;
    const all = new TextEncoder().encode(big);
    const chunks = Array.from({ length: Math.ceil(all.length / 16_384) }, (_, k) => all.subarray(k * 16_384, (k + 1) * 16_384));
    expect(count(chunks)).toBe(50_000);
  });
});
