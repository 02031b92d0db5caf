/**
 * The 通报 as a Word document laid out as GB/T 9704-2012 (党政机关公文格式) lays out a notice: A4, 版心 156 × 225 mm
 * (22 lines of 28 characters of 3号 type); 版头 (red 发文机关标志, 发文字号, the red separator line); title, 主送机关,
 * body and its headings; 附件说明; the signature and 成文日期 with room for the seal; the 附件 on a page of its own;
 * 版记 at the foot of the last page; page numbers `— 1 —` on the outer edges. Its words are the notice's parts
 * (core `noticeParts`), the very sentences of the text on the dashboard.
 */
import {
  AlignmentType,
  BorderStyle,
  BuilderElement,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  createStringElement,
  type IBorderOptions,
  type IParagraphOptions,
  type XmlComponent,
} from "docx";
import { arabicDate, dateText, noticeParts, type Ledger, type NoticeParts, type ResolvedLetterhead } from "../core/index.js";

/** Twips (1/20 pt) of a length in mm (A4 is 11906 × 16838). */
const mm = (n: number): number => Math.round((n * 1440) / 25.4);

/** GB/T 9704-2012 §5.2.1 and §5.2.2: A4; 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm, so 35 mm below and 26 mm right. */
export const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Type sizes in points: 2号 22, 3号 16, 4号 14 (the document's `w:sz` is twice that). */
export const SIZE = { 二号: 22, 三号: 16, 四号: 14 } as const;

/** 22 lines to the 版心's 225 mm: each line 579 twips (28.95 pt), every paragraph on that pitch. */
export const LINE = Math.floor(mm(225) / 22);
/** One character of 3号 type, the unit of 空二字 and 右空四字. */
const CHAR = SIZE.三号 * 20;

/**
 * The fonts as government machines name them, with what a machine without one should use: each is named in the
 * document's font table with its alternate name (`w:altName`, ECMA-376 §17.8.3.1: the font to use when this one is
 * missing), its character set (GB2312) and its PANOSE class, from which Word picks the nearest font it has.
 */
export const FONTS = {
  /** 方正小标宋简体: the 发文机关标志 and titles (else 小标宋; with neither, 宋体's class leads to SimSun). */
  title: { name: "方正小标宋简体", altName: "小标宋", panose: "02010600030101010101", family: "auto", pitch: "variable" },
  /** 仿宋_GB2312: the body. */
  body: { name: "仿宋_GB2312", altName: "FangSong", panose: "02010609030101010101", family: "modern", pitch: "fixed" },
  /** 黑体: level-1 headings, the 附件 mark, the table's header row. */
  heading: { name: "黑体", altName: "SimHei", panose: "02010609060101010101", family: "modern", pitch: "fixed" },
  /** 楷体_GB2312: level-2 headings. */
  subheading: { name: "楷体_GB2312", altName: "KaiTi", panose: "02010609030101010101", family: "modern", pitch: "fixed" },
  /** 宋体: the page numbers (半角宋体 digits). */
  pageNumber: { name: "宋体", altName: "SimSun", panose: "02010600030101010101", family: "auto", pitch: "variable" },
} as const;
type FontKey = keyof typeof FONTS;

/** Red, as the 版头's 发文机关标志 and separator line are printed. */
export const RED = "FF0000";

/** The font table's entry of a font: its alternate, character set and class, so that a machine without it substitutes well. */
function fontTableEntry(f: (typeof FONTS)[FontKey]): XmlComponent {
  return new BuilderElement({
    name: "w:font",
    attributes: { name: { key: "w:name", value: f.name } },
    children: [
      createStringElement("w:altName", f.altName),
      createStringElement("w:panose1", f.panose),
      createStringElement("w:charset", "86"), // GB2312
      createStringElement("w:family", f.family),
      createStringElement("w:pitch", f.pitch),
    ],
  });
}

/**
 * 3号 characters 0.25 pt closer (twips): 28 of them fill the 版心's 156 mm (a 16 pt character is 0.2 pt wider than
 * 156 mm ÷ 28), as the standard's 22 × 28 page has them.
 */
const TIGHTEN = -5;

/** A run in one of the fonts: every script in it (汉字, and the digits and Latin letters among them). */
function run(text: string, font: FontKey, size: number, options: { color?: string } = {}): TextRun {
  const name = FONTS[font].name;
  return new TextRun({
    text,
    font: { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: "eastAsia" },
    size: size * 2,
    sizeComplexScript: size * 2,
    ...(size === SIZE.三号 ? { characterSpacing: TIGHTEN } : {}),
    ...options,
  });
}

/** A paragraph on the document's line pitch (or `line`, for another size), with its runs. */
function para(children: TextRun[], options: Omit<IParagraphOptions, "children"> & { line?: number } = {}): Paragraph {
  const { line = LINE, spacing, ...rest } = options;
  // no extra space between 汉字 and the digits among them (Word's default adds some; 公文 have none)
  return new Paragraph({ autoSpaceEastAsianText: false, ...rest, children, spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0, ...spacing } });
}

/** A body paragraph: 3号 仿宋, 空二字, on the grid. */
const bodyPara = (children: TextRun[], options: Omit<IParagraphOptions, "children"> = {}) =>
  para(children, { indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, alignment: AlignmentType.JUSTIFIED, ...options });

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const numeral = (i: number) => NUMERALS[i] ?? String(i + 1);

/** How many characters wide a text is, a full-width character one, a half-width one half. */
const widthOf = (s: string) => [...s].reduce((n, c) => n + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);

/** The 发文机关标志's size: 小初 (36 pt) at most, smaller so that a long name keeps to one line of the 版心. */
function issuerSize(issuer: string): number {
  const fit = Math.floor((TEXT_WIDTH / 20) * 0.92 / Math.max(1, widthOf(issuer)));
  return Math.max(SIZE.二号, Math.min(36, fit));
}

const RED_LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 }; // 1.5 pt, 4 mm (11 pt) below the 字号
/** 版记's lines (§7.4.1): the first and last thick (0.35 mm ≈ 1 pt), those between thin (0.25 mm ≈ 0.75 pt). */
export const IMPRINT_LINES = { thick: 8, thin: 6 } as const;
const THIN_BLACK: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/** 版头 (§7.2): 发文机关标志 35 mm below the 版心's top, 发文字号 two lines below it, the red line 4 mm under that. */
function letterhead(l: ResolvedLetterhead): Paragraph[] {
  const size = issuerSize(l.issuer);
  const line = Math.round(size * 20 * 1.25);
  return [
    para([run(l.issuer, "title", size, { color: RED })], { alignment: AlignmentType.CENTER, line, spacing: { before: mm(35) - Math.round((line - size * 20) / 2) } }),
    para([run(l.number, "body", SIZE.三号)], { alignment: AlignmentType.CENTER, spacing: { before: 2 * LINE }, border: { bottom: RED_LINE } }),
  ];
}

/** 主体 (§7.3): title two lines below the red line, 主送机关 a line below it, the body, its headings and points. */
function body(p: NoticeParts, l: ResolvedLetterhead): Paragraph[] {
  const out: Paragraph[] = [
    para([run(p.title, "title", SIZE.二号)], { alignment: AlignmentType.CENTER, spacing: { before: 2 * LINE } }),
    para([run(`${l.to}：`, "body", SIZE.三号)], { spacing: { before: LINE } }),
    bodyPara([run(p.summary, "body", SIZE.三号)]),
  ];
  p.sections.forEach((s, i) => {
    out.push(bodyPara([run(`${numeral(i)}、${s.heading}`, "heading", SIZE.三号)], { keepNext: true }));
    s.points.forEach((x, j) => out.push(bodyPara([run(`（${numeral(j)}）${x.lead}`, "subheading", SIZE.三号), run(x.rest, "body", SIZE.三号)])));
  });
  for (const c of p.closing) out.push(bodyPara([run(c, "body", SIZE.三号)]));
  return out;
}

/**
 * 附件说明 a line below the body, then the signature and 成文日期 (§7.3.5.1): the date 右空四字, the signature centred
 * above it, two blank lines above the signature where the seal is pressed over both, its top within a line of the
 * 附件说明.
 */
function signature(p: NoticeParts, l: ResolvedLetterhead, day: string): Paragraph[] {
  const date = dateText(day, l.dateStyle);
  const dateRight = 4 * CHAR;
  const signRight = Math.max(0, Math.round(dateRight + ((widthOf(date) - widthOf(l.issuer)) / 2) * CHAR));
  return [
    bodyPara([run(`附件：${p.attachment.title}`, "body", SIZE.三号)], { spacing: { before: LINE } }),
    para([run(l.issuer, "body", SIZE.三号)], { alignment: AlignmentType.RIGHT, indent: { right: signRight }, spacing: { before: 2 * LINE }, keepNext: true, keepLines: true }),
    para([run(date, "body", SIZE.三号)], { alignment: AlignmentType.RIGHT, indent: { right: dateRight }, keepLines: true }),
  ];
}

/** The 附件's column widths (twips): 单位 wide, the numbers narrow; together the 版心's width. */
const ATTACHMENT_WIDTHS = [3200, 1320, 2200, 960, 1165];

function cell(text: string, font: FontKey, align: (typeof AlignmentType)[keyof typeof AlignmentType], width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    // a row a line of the grid, as LibreOffice and WPS lay table text on it
    margins: { left: 80, right: 80, top: 0, bottom: 0 },
    children: [para([run(text, font, SIZE.四号)], { alignment: align })],
  });
}

/** 附件 (§8): on a page of its own, 附件 in 黑体 at the top left, its title centred on the second line, then the table. */
function attachment(p: NoticeParts): (Paragraph | Table)[] {
  const a = p.attachment;
  const aligns = a.headers.map((_, i) => (i === 0 ? AlignmentType.LEFT : AlignmentType.CENTER));
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: ATTACHMENT_WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN_BLACK, bottom: THIN_BLACK, left: THIN_BLACK, right: THIN_BLACK, insideHorizontal: THIN_BLACK, insideVertical: THIN_BLACK },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: a.headers.map((h, i) => cell(h, "heading", AlignmentType.CENTER, ATTACHMENT_WIDTHS[i]!)) }),
      ...a.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, "body", aligns[i]!, ATTACHMENT_WIDTHS[i]!)) })),
    ],
  });
  return [
    para([run("附件", "heading", SIZE.三号)], { pageBreakBefore: true }),
    para([run(a.title, "title", SIZE.二号)], { alignment: AlignmentType.CENTER, spacing: { after: LINE / 2 } }),
    table,
    para([run(a.note, "body", SIZE.四号)]),
  ];
}

/**
 * 版记 (§7.4) at the foot of the last page: 抄送 (when there is one) and 印发机关 with 印发日期 in 4号 仿宋, each a row
 * between rules as wide as the 版心 — the first and last thick, the one between thin —, its last rule on the
 * 版心's bottom edge: a table placed at the bottom of the text area. (LibreOffice 7 lays a floating table as wide
 * as the text in the text instead, right after the 附件: the same 版记, higher on the page.)
 */
function imprint(l: ResolvedLetterhead, day: string): Table {
  const half = TEXT_WIDTH / 2;
  const four = SIZE.四号 * 20;
  const flush = { left: 0, right: 0, top: 0, bottom: 0 };
  const rows: TableRow[] = [];
  if (l.cc !== "") {
    // 左右各空一字; a second line starts under the first name, after 抄送： (§7.4.2)
    const line = para([run(`抄送：${l.cc}。`, "body", SIZE.四号)], { indent: { left: four * 4, hanging: four * 3, right: four } });
    rows.push(new TableRow({ children: [new TableCell({ columnSpan: 2, margins: flush, children: [line] })] }));
  }
  // 印发机关 左空一字, 印发日期 右空一字 (§7.4.3)
  const printer = para([run(l.printer, "body", SIZE.四号)], { indent: { left: four } });
  const printed = para([run(`${arabicDate(day)}印发`, "body", SIZE.四号)], { alignment: AlignmentType.RIGHT, indent: { right: four } });
  rows.push(new TableRow({ children: [printer, printed].map((p) => new TableCell({ width: { size: half, type: WidthType.DXA }, margins: flush, children: [p] })) }));
  const rule = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color: "000000" });
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "auto" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
    borders: { top: rule(IMPRINT_LINES.thick), bottom: rule(IMPRINT_LINES.thick), insideHorizontal: rule(IMPRINT_LINES.thin), left: none, right: none, insideVertical: none },
    rows,
  });
}

const FOOTER_LINE = 340;
function pageNumber(odd: boolean): Footer {
  const four = SIZE.四号 * 20;
  const font = FONTS.pageNumber.name;
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: four } : { left: four },
        spacing: { line: FOOTER_LINE, lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: { ascii: font, hAnsi: font, eastAsia: font, cs: font }, size: SIZE.四号 * 2 }),
        ],
      }),
    ],
  });
}

/**
 * The round's 通报 as a .docx: the notice's parts (core `noticeParts`) in the letterhead given (core
 * `resolveLetterhead`: what the coordinator has not set is a bracketed placeholder), dated the ledger's day.
 */
export async function noticeDocx(ledger: Ledger, l: ResolvedLetterhead): Promise<Uint8Array> {
  const p = noticeParts(ledger);
  const day = ledger.today;
  const bodyFont = FONTS.body.name;
  const doc = new Document({
    title: p.title,
    creator: l.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: bodyFont, hAnsi: bodyFont, eastAsia: bodyFont, cs: bodyFont }, size: SIZE.三号 * 2, language: { value: "zh-CN", eastAsia: "zh-CN" } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // the footer's distance puts the page number's dash 7 mm below the 版心 (§7.5)
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(35 - 7) - FOOTER_LINE / 2 },
          },
          // 22 lines to the page (§5.2.2); the 28 characters a line come from the runs' spacing (`TIGHTEN`): a character
          // grid is drawn apart by LibreOffice and WPS
          grid: { type: "lines", linePitch: LINE },
        },
        footers: { default: pageNumber(true), even: pageNumber(false) },
        children: [...letterhead(l), ...body(p, l), ...signature(p, l, day), ...attachment(p), imprint(l, day), para([], { line: 20 })],
      },
    ],
  });
  // docx writes font-table entries only for fonts it embeds: the fonts' substitutes are named in it here
  const table = doc.FontTable.View as XmlComponent;
  // (addChildElement is marked internal, but it is the one way to add an entry for a font that is not embedded)
  for (const f of Object.values(FONTS)) table.addChildElement(fontTableEntry(f));
  return Packer.pack(doc, "uint8array");
}
