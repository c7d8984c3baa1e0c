/**
 * Article categories are those of the rating rules (1 + an index into their ticket categories; 0 is General): the
 * names come from the rules in force, the way the Rate page and the desk console read them.
 */
import { useRulesAt } from "../agents/queries";

/** The ticket category names of the rating rules in force (undefined until read, or when they cannot be). */
export function useTicketCategories(): readonly string[] | undefined {
  return useRulesAt(undefined).data?.categories;
}

export function categoryName(categories: readonly string[] | undefined, category: number): string {
  if (category === 0) return "General";
  return categories?.[category - 1] ?? `Category ${category}`;
}

/** The security & phishing category, found by its name (the DAO may reorder or rename the categories). */
export function securityCategory(categories: readonly string[] | undefined): number | undefined {
  const index = categories?.findIndex((name) => /phishing|security/i.test(name)) ?? -1;
  return index < 0 ? undefined : index + 1;
}
