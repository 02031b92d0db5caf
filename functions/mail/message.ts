/**
 * One mail as the intake reads it (mailparser: MIME, encoded headers, RFC 2231 file names): who it is from, what the
 * mail server said of the sender, whether it is a bounce or an automatic answer, and its attachments — those of a
 * forwarded mail (an attached .eml) included.
 */
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { attachmentKind, automaticMail, normalizeEmail, type AttachmentKind } from "../../core/index.js";

export interface MailFile {
  name: string;
  kind: AttachmentKind;
  bytes: Uint8Array;
}

export interface ReadMail {
  messageId: string | undefined;
  /** The thread so far (`References`), for the answer's own `References`. */
  references: string[];
  subject: string;
  /** The sender's address, lower-cased ("" when there is none). */
  from: string;
  /** Each `Authentication-Results` header's value, from the top. */
  authResults: string[];
  automatic: "bounce" | "auto-reply" | undefined;
  /** For a bounce: the addresses that could not be reached. */
  failedRecipients: string[];
  /** Attachments that are not mails themselves, a forwarded mail's included (depth first). */
  files: MailFile[];
}

/** A delivery report's line naming an address that could not be reached (RFC 3464). */
const FINAL_RECIPIENT = /^(?:Final|Original)-Recipient:\s*rfc822;\s*<?([^\s>]+)>?/gim;

/** A forwarded mail inside a forwarded mail inside…: read this deep, no deeper. */
const MAX_DEPTH = 3;

const firstAddress = (a: AddressObject | AddressObject[] | undefined): string => {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const o of list) for (const v of o.value) if (v.address) return normalizeEmail(v.address) ?? v.address.toLowerCase();
  return "";
};

const headerText = (m: ParsedMail, name: string): string | undefined => {
  const v = m.headers.get(name);
  if (v === undefined) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "object" && v !== null && "value" in v) return String((v as { value: unknown }).value);
  return String(v as unknown);
};

/** The content type with its parameters as written (mailparser keeps them apart). */
function contentType(m: ParsedMail): string {
  const v = m.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  if (!v?.value) return "";
  return [v.value, ...Object.entries(v.params ?? {}).map(([k, p]) => `${k}=${p}`)].join("; ");
}

async function filesOf(m: ParsedMail, depth: number, into: MailFile[], failed: string[]): Promise<void> {
  for (const a of m.attachments) {
    const name = a.filename ?? (a.contentType === "message/rfc822" ? "转发的邮件.eml" : "未命名附件");
    const kind = attachmentKind(name, a.contentType);
    if (a.contentType === "message/delivery-status" || a.contentType === "message/global-delivery-status") {
      for (const r of a.content.toString("utf8").matchAll(FINAL_RECIPIENT)) failed.push(r[1]!.toLowerCase());
      continue;
    }
    if (kind === "message" && depth < MAX_DEPTH) {
      await filesOf(await simpleParser(a.content), depth + 1, into, failed);
      continue;
    }
    into.push({ name, kind, bytes: a.content });
  }
}

export async function readMail(raw: Buffer): Promise<ReadMail> {
  const m = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  const from = firstAddress(m.from);
  const files: MailFile[] = [];
  const failed: string[] = [];
  await filesOf(m, 0, files, failed);
  // mailparser folds a delivery report's status part into the text
  for (const r of (m.text ?? "").matchAll(FINAL_RECIPIENT)) failed.push(r[1]!.toLowerCase());
  const references = Array.isArray(m.references) ? m.references : m.references ? [m.references] : [];
  return {
    messageId: m.messageId,
    references,
    subject: m.subject ?? "",
    from,
    authResults: m.headerLines.filter((h) => h.key === "authentication-results").map((h) => h.line.replace(/^[^:]*:\s*/, "").replace(/\r?\n\s+/g, " ")),
    automatic: automaticMail({
      from,
      contentType: contentType(m),
      autoSubmitted: headerText(m, "auto-submitted"),
      precedence: headerText(m, "precedence"),
      // mailparser reads Return-Path as an address list, in which `<>` is no address at all: the line as written
      returnPath: m.headerLines.find((h) => h.key === "return-path")?.line.replace(/^[^:]*:\s*/, ""),
      autoreplyMarks: m.headers.has("x-autoreply") || m.headers.has("x-autorespond"),
    }),
    failedRecipients: [...new Set(failed)],
    files: files.filter((f) => f.kind !== "message"),
  };
}
