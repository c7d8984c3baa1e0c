/**
 * The browser of the end-to-end runs, the rehearsal and the bench: Debian's Chromium (playwright cannot
 * download its own here), headless.
 */
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", ...extraArgs] });
}
