/** Handles, look-alikes and official channels: what Verify needs to tell support from an imitation. */
export * from "./analyze.js";
export { CONFUSABLES } from "./confusables.generated.js";
export * from "./domains.js";
export * from "./invisible.js";
export * from "./punycode.js";
export * from "./skeleton.js";

/** A registered handle as people see it: with one leading "@" ("" stays ""). */
export function displayHandle(handle: string): string {
  return handle === "" || handle.startsWith("@") ? handle : `@${handle}`;
}
