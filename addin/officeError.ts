/**
 * An error whose message is already what the user should read (the pane shows it as it is): Office's error
 * codes mapped in host.ts, and the add-in's own refusals (ledgerSheets.ts). A module of its own, so that
 * neither imports the other.
 */
export class OfficeError extends Error {}
