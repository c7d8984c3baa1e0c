/** Prints the dev accounts by the short names the dApp's role picker and the README use, grouped as the picker groups them. */
import { devAccounts } from "./accounts.js";

export function printRoles(): void {
  console.log("\nPeople of the demo world (Hardhat's public test mnemonic, unlocked on the local node; pick them in the dApp's Dev account menu):");
  const accounts = devAccounts();
  const width = Math.max(...accounts.map((a) => a.key.length));
  for (const group of ["governance", "desk", "agent", "user"] as const) {
    console.log(`  ${group}`);
    for (const a of accounts.filter((x) => x.group === group)) {
      console.log(`    ${a.key.padEnd(width)}  #${String(a.index).padStart(2)}  ${a.address}  ${a.role}`);
    }
  }
}
