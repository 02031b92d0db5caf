/** Reading a snapshot with merges applied: the value a person sees in each cell. */
import { trimmed } from "./normalize.js";
import { MergeIndex, cellAt, type CellRange, type SheetSnapshot } from "./snapshot.js";

export interface EffectiveCell {
  text: string;
  /** `text` without white space around it (`text.trim()`, made once: rules read it many times). */
  value: string;
  formula: string | undefined;
  /** Where the value lives: the cell itself, or the top-left cell of its merged area. */
  row: number;
  col: number;
  /** True when (row, col) is covered by a merge but is not its top-left cell. */
  continuation: boolean;
}

export class SheetReader {
  readonly merges: MergeIndex;
  readonly rowCount: number;
  readonly colCount: number;

  constructor(readonly sheet: SheetSnapshot) {
    this.rowCount = sheet.rows.length;
    this.colCount = sheet.rows.reduce((cols, row) => Math.max(cols, row.length), 0);
    this.merges = new MergeIndex(sheet.merges, this.rowCount, this.colCount);
  }

  get name(): string {
    return this.sheet.name;
  }

  /** The cell's own text, ignoring merges. */
  own(row: number, col: number): string {
    return cellAt(this.sheet, row, col).text;
  }

  /** The value shown at (row, col): a merged area's value counts for every cell it covers. */
  cell(row: number, col: number): EffectiveCell {
    return this.field(row, col, undefined);
  }

  /** `cell`, with the column's role: the table reader's fields. */
  field<K>(row: number, col: number, key: K): EffectiveCell & { key: K } {
    return this.fieldIn(row, col, key, this.merges.at(row, col));
  }

  /** `field`, for a caller that has looked up the cell's merge (`merges.at(row, col)`) already. */
  fieldIn<K>(row: number, col: number, key: K, m: CellRange | undefined): EffectiveCell & { key: K } {
    const r = m ? m.top : row;
    const c = m ? m.left : col;
    const src = cellAt(this.sheet, r, c);
    return { text: src.text, value: trimmed(src.text), formula: src.formula, row: r, col: c, continuation: r !== row || c !== col, key };
  }

  /** The own texts of one row, `colCount` long. */
  rowTexts(row: number): string[] {
    const out: string[] = [];
    for (let c = 1; c <= this.colCount; c++) out.push(this.own(row, c));
    return out;
  }
}
