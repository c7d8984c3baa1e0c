/**
 * The typed entries of an Official channels policy version (its `params`): per desk, the website hosts,
 * email domains, social handles per platform and phone numbers where support happens. One ABI encoding
 * shared by the seed, the dApp and the tests.
 */
import { decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";

export interface SocialHandle {
  /** Lower-case platform name: "x", "discord", "telegram"… */
  platform: string;
  /** Without "@". */
  handle: string;
}

export interface DeskChannels {
  desk: string;
  websites: readonly string[];
  emailDomains: readonly string[];
  socials: readonly SocialHandle[];
  phones: readonly string[];
}

export interface OfficialChannelsParams {
  desks: readonly DeskChannels[];
}

const officialChannelsType = [
  {
    type: "tuple",
    components: [
      {
        name: "desks",
        type: "tuple[]",
        components: [
          { name: "desk", type: "string" },
          { name: "websites", type: "string[]" },
          { name: "emailDomains", type: "string[]" },
          {
            name: "socials",
            type: "tuple[]",
            components: [
              { name: "platform", type: "string" },
              { name: "handle", type: "string" },
            ],
          },
          { name: "phones", type: "string[]" },
        ],
      },
    ],
  },
] as const;

export function encodeOfficialChannelsParams(params: OfficialChannelsParams): Hex {
  return encodeAbiParameters(officialChannelsType, [params]);
}

/** Decodes `params`; null when they are empty or not an Official channels encoding. */
export function decodeOfficialChannelsParams(params: Hex): OfficialChannelsParams | null {
  if (params === "0x") return null;
  try {
    const [decoded] = decodeAbiParameters(officialChannelsType, params);
    return decoded;
  } catch {
    return null;
  }
}
