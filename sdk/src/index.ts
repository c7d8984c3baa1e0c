/**
 * @support-quality/sdk — the protocol's TypeScript SDK, for help-desk back ends, auditors, the dApp, the
 * CLIs and the tests. Everything about the contracts here is generated from the build (ABIs, enums,
 * errors) or the deploy (addresses); the rest is the protocol's off-chain logic, written once.
 */

export { type Deployment, type DeploymentRecord, type DeploymentRecords, deployedChainIds, deploymentOn } from "./deployments.js";
export { type DecodedRevert, decodeRevert, ERROR_SENTENCES, errorsAbi, isProtocolErrorName, type ProtocolErrorName, revertSentence } from "./errors/index.js";
export * from "./format.js";
// Each ABI item as its own export (`supportGovernor_state`): modules that read a few items build a small ABI from
// them, so a bundle carries those items rather than the whole ABI.
export * from "./generated/abi-items.js";
export * from "./generated/abis.js";
export { type DeployedChainId, deployments, localDeployments, publicDeployments } from "./generated/deployments.js";
export * from "./generated/enums.js";
export * from "./governance/effects.js";
export * from "./governance/simulate.js";
export * from "./handles/index.js";
export * from "./knowledge/articles.js";
export * from "./labels.js";
export * from "./policies/content.js";
export * from "./policies/params.js";
export * from "./proof/index.js";
export * from "./ratings/id.js";
export * from "./receipts/business-time.js";
export * from "./receipts/check.js";
export * from "./receipts/eip712.js";
export * from "./receipts/link.js";
export * from "./receipts/verdict.js";
export * from "./relay/index.js";
