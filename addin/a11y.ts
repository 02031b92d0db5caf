/** What every page does for keyboard and screen-reader users, written once for the pane and the dashboard. */

/**
 * Says a text to screen readers (NVDA, 争渡, 阳光) through the page's live region `#announce`, which is always
 * in the page: emptied first, so that the same words said twice are read twice.
 */
export function announce(doc: Document, text: string): void {
  const region = doc.getElementById("announce");
  if (!region) return;
  region.textContent = "";
  setTimeout(() => (region.textContent = text), 30);
}

/** ↑/↓ move the focus between the items in `container` that match `selector`; Home/End to the first and last. */
export function arrowKeys(container: HTMLElement, selector: string): void {
  container.addEventListener("keydown", (e) => {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const items = [...container.querySelectorAll<HTMLElement>(selector)];
    const at = items.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    const next = e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : Math.min(items.length - 1, Math.max(0, at + (e.key === "ArrowDown" ? 1 : -1)));
    e.preventDefault();
    items[next]?.focus();
  });
}

/** Esc inside `el` closes it (`close`), as it closes a dialog. */
export function escapeCloses(el: HTMLElement, close: () => void): void {
  el.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || el.hidden) return;
    e.preventDefault();
    close();
  });
}
