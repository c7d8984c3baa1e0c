/** What the user pasted into Verify: an address, or a handle (anything else that is not empty). */
import { type Address, getAddress, type Hex, isAddress, pad } from "viem";

export type Subject = { kind: "address"; address: Address; subject: Hex } | { kind: "handle"; handle: string };

export function parseSubject(input: string): Subject | undefined {
  const value = input.trim();
  if (value === "") return undefined;
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) {
    // Any 40-hex string counts; a wrong checksum is only a typo in letter case.
    const address = getAddress(value.toLowerCase());
    return { kind: "address", address, subject: addressSubject(address) };
  }
  if (isAddress(value, { strict: false })) return parseSubject(value);
  return { kind: "handle", handle: value };
}

/** The report subject of an address: the address left-padded to 32 bytes. */
export function addressSubject(address: Address): Hex {
  return pad(address.toLowerCase() as Hex, { size: 32 });
}

/** Looks like an address attempt (0x…) but is not one: worth a warning rather than a handle lookup. */
export function isMalformedAddress(input: string): boolean {
  const value = input.trim();
  return /^0x[0-9a-fA-F]*$/.test(value) && !/^0x[0-9a-fA-F]{40}$/.test(value);
}

/** Top-level domains that make a dotted input a website rather than a handle such as `maya.ledgerly`. */
const WEB_TLDS = new Set(["com", "org", "net", "io", "app", "xyz", "co", "dev", "info", "me", "gg", "support", "help", "site", "online", "example", "eth"]);

/**
 * Reads as an official-channel question rather than an agent's: a URL, an e-mail address, a phone number, a
 * social-network link, or a domain under a common top-level domain.
 */
export function isChannelInput(input: string): boolean {
  const value = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(value) || /^\+?[\d\s().-]{7,}$/.test(value)) return true;
  const host = value.split(/[/?#]/u)[0].replace(/\.$/, "");
  const tld = host.slice(host.lastIndexOf(".") + 1).toLowerCase();
  return host.includes(".") && !host.startsWith("@") && (WEB_TLDS.has(tld) || tld.startsWith("xn--"));
}
