/**
 * The bench's report: one row per wait, each printed as it is measured (what, measured, floor, ratio, target,
 * PASS/FAIL) and gathered into a markdown summary at the end, dated, for the README to quote.
 */

export interface Row {
  what: string;
  measured: string;
  /** The same-run floor, or for an absolute target the machine's reference-loop speed at that moment. */
  floor: string;
  /** measured ÷ floor, where the target is a ratio (or is compared with one). */
  ratio?: number | undefined;
  target: string;
  /** `undefined`: printed for information, not checked. */
  ok?: boolean | undefined;
}

const rows: Row[] = [];

export const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
export const ms = (n: number) => `${fmt(n, n < 10 ? 1 : 0)} ms`;
export const ratioText = (r: number | undefined) => (r === undefined ? "—" : `${r.toFixed(2)}×`);
const verdict = (ok: boolean | undefined) => (ok === undefined ? "info" : ok ? "PASS" : "FAIL");

export function row(r: Row): Row {
  rows.push(r);
  console.log(`  ${verdict(r.ok).padEnd(4)}  ${r.what} — measured ${r.measured}; floor ${r.floor}; ratio ${ratioText(r.ratio)}; target ${r.target}`);
  return r;
}

/** A line of detail under the rows (how a figure was made, what it contains). */
export const note = (text: string) => console.log(`        ${text}`);

export const section = (title: string) => console.log(`\n${title}`);

export const failed = () => rows.some((r) => r.ok === false);

/**
 * The speed of this machine at the moment, in ns per character of a plain loop over a string: printed beside the
 * absolute targets, which depend on it (this project's shared 2-core machine changes by 2× from one minute to the
 * next; ≈ 2 when it runs at its fastest, up to ≈ 4.5 seen).
 */
export function referenceLoop(): number {
  const text = JSON.parse(JSON.stringify("按照中华人民共和国政府信息公开条例要求".repeat(40_000))) as string; // one flat string
  let best = Infinity;
  let sum = 0;
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
    best = Math.min(best, performance.now() - t0);
  }
  if (sum === 42) console.log(""); // keeps the loop from being optimised away
  return (best * 1e6) / text.length;
}

/** The floor column of an absolute target: the reference loop now. */
export const machineNow = () => `ref. loop ${referenceLoop().toFixed(2)} ns/char`;

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
};

const cell = (s: string) => s.replaceAll("|", "\\|");

/** The markdown summary of every row, with the run's date and machine. */
export function summary(started: Date, machine: string): string {
  const lines = [
    `Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC (${machine})`,
    "",
    "| wait | measured | floor | ratio | target | result |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows) lines.push(`| ${cell(r.what)} | ${cell(r.measured)} | ${cell(r.floor)} | ${ratioText(r.ratio)} | ${cell(r.target)} | ${verdict(r.ok)} |`);
  return lines.join("\n");
}
