/** Prints the dev accounts and the role each plays in the seeded world. */
import { devAccounts } from "./accounts.js";

export function printRoles(): void {
  console.log("\nDev accounts (Hardhat's public test mnemonic, unlocked on the local node):");
  for (const a of devAccounts()) console.log(`  #${String(a.index).padStart(2)}  ${a.address}  ${a.role}`);
}
