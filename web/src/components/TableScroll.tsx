import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its card when the screen is narrow. It takes focus, so a keyboard user
 * can scroll it too (WCAG 2.1.1; axe-core's scrollable-region-focusable), and is named by `label`.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus for keyboard users to scroll it.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
