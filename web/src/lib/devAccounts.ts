/** The local node's unlocked accounts by role (generated), for the dev-account connector's picker. */
import { type DevAccount, devAccounts } from "../generated/dev-accounts";

export type { DevAccount };
export const devAccountList: readonly DevAccount[] = devAccounts;

export function devAccountOf(address: string | undefined): DevAccount | undefined {
  return devAccounts.find((a) => a.address.toLowerCase() === address?.toLowerCase());
}
