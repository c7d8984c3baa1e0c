/** The one function of `unicode-name` (no types shipped) that generate-confusables.ts uses. */
declare module "unicode-name" {
  export function unicodeName(char: string): string | undefined;
}
