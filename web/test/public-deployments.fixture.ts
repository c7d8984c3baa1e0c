// A stand-in for sdk/src/generated/deployments.ts in the public-build test: the local chain (which the
// public build must leave out) and one public deployment on Sepolia (which it must serve).
export const localDeployments = {
  "31337": {
    chainId: 31337,
    contracts: {
      AgentRegistry: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
      PolicyRegistry: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
      SupportGovernor: "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
      SupportRatings: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
      SupportToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      TimelockController: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    },
    deployedAt: null,
    deploymentBlock: 1,
  },
} as const;

export const publicDeployments = {
  "11155111": {
    chainId: 11155111,
    contracts: {
      AgentRegistry: "0x1111111111111111111111111111111111111111",
      PolicyRegistry: "0x2222222222222222222222222222222222222222",
      SupportGovernor: "0x3333333333333333333333333333333333333333",
      SupportRatings: "0x4444444444444444444444444444444444444444",
      SupportToken: "0x5555555555555555555555555555555555555555",
      TimelockController: "0x6666666666666666666666666666666666666666",
    },
    deployedAt: 1767225600,
    deploymentBlock: 7654321,
  },
} as const;

// Written out in full, as the generator does (a reference to the two above would keep the local chain in a
// public bundle).
export const deployments = {
  "31337": {
    chainId: 31337,
    contracts: {
      AgentRegistry: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
      PolicyRegistry: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
      SupportGovernor: "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
      SupportRatings: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
      SupportToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      TimelockController: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    },
    deployedAt: null,
    deploymentBlock: 1,
  },
  "11155111": {
    chainId: 11155111,
    contracts: {
      AgentRegistry: "0x1111111111111111111111111111111111111111",
      PolicyRegistry: "0x2222222222222222222222222222222222222222",
      SupportGovernor: "0x3333333333333333333333333333333333333333",
      SupportRatings: "0x4444444444444444444444444444444444444444",
      SupportToken: "0x5555555555555555555555555555555555555555",
      TimelockController: "0x6666666666666666666666666666666666666666",
    },
    deployedAt: 1767225600,
    deploymentBlock: 7654321,
  },
} as const;

export type DeployedChainId = keyof typeof deployments;
