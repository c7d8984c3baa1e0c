// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAgentRegistry} from "../agents/IAgentRegistry.sol";

/// @title IAgentCredentials
/// @notice Certifications of support agents ("Wallet basics", "Security specialist"): levels the DAO defines,
/// examiners the DAO appoints per level, and grants an examiner makes to an agent with an evidence reference.
/// A grant expires after its level's validity and can be revoked; nothing is ever deleted.
/// @dev Each grant is an ERC-721 token locked to its agent (ERC-5192: {locked} is always true and every
/// transfer and approval reverts), so wallets can display it. The ratings path never reads credentials.
interface IAgentCredentials {
    /// @notice A certification level. `retiredAt` is 0 while it can be granted.
    /// @param validity How long a grant of this level lasts, in seconds.
    struct Level {
        uint48 validity;
        uint48 definedAt;
        uint48 retiredAt;
        string name;
        string description;
    }

    /// @notice A grant. It is valid while `block.timestamp < expiresAt` and `revokedAt` is 0.
    struct Credential {
        uint32 levelId;
        address agent;
        uint48 grantedAt;
        uint48 expiresAt;
        address examiner;
        uint48 revokedAt;
    }

    /// @notice ERC-5192: the token is locked to its owner (emitted once, when granted).
    event Locked(uint256 tokenId);
    /// @notice ERC-5192: never emitted (a credential is never unlocked); declared for the standard.
    event Unlocked(uint256 tokenId);
    event LevelDefined(uint32 indexed levelId, string name, string description, uint48 validity);
    event LevelRetired(uint32 indexed levelId, uint48 retiredAt);
    event ExaminerSet(uint32 indexed levelId, address indexed examiner, bool enabled);
    /// @param evidence Where the exam or training record is (a URL or content hash), kept in history.
    event CredentialGranted(
        uint256 indexed tokenId,
        uint32 indexed levelId,
        address indexed agent,
        address examiner,
        uint48 expiresAt,
        string evidence
    );
    event CredentialRevoked(uint256 indexed tokenId, uint32 indexed levelId, address indexed agent, address by, string reason);

    error CredentialsUnknownLevel(uint32 levelId);
    /// @notice The level was retired at `retiredAt`: it can no longer be granted.
    error CredentialsLevelRetired(uint32 levelId, uint48 retiredAt);
    /// @notice A validity is `min` to `max` seconds.
    error CredentialsInvalidValidity(uint48 validity, uint48 min, uint48 max);
    /// @notice A field's length in bytes is outside `[min, max]` ("name", "description", "evidence", "reason").
    error CredentialsFieldLength(string field, uint256 length, uint256 min, uint256 max);
    /// @notice `account` is neither an examiner of the level nor the owner.
    error CredentialsNotExaminer(address account, uint32 levelId);
    /// @notice Credentials go to active agents only; `agent` is in status `status`.
    error CredentialsNotAnAgent(address agent, IAgentRegistry.AgentStatus status);
    /// @notice An examiner does not certify themselves.
    error CredentialsSelfGrant(address examiner);
    error CredentialsUnknownCredential(uint256 tokenId);
    error CredentialsAlreadyRevoked(uint256 tokenId, uint48 revokedAt);
    /// @notice A credential stays with the agent it was granted to: it cannot be transferred or approved.
    error CredentialsLocked(uint256 tokenId);
    error CredentialsZeroAddress();

    /// @notice Defines a level (owner only).
    function defineLevel(string calldata name, string calldata description, uint48 validity) external returns (uint32 levelId);
    /// @notice Retires a level (owner only): no new grants; grants made keep their expiry.
    function retireLevel(uint32 levelId) external;
    /// @notice Appoints or dismisses an examiner of a level (owner only).
    function setExaminer(uint32 levelId, address examiner, bool enabled) external;
    /// @notice Grants `levelId` to an active agent until now + the level's validity (an examiner of the level,
    /// or the owner). Returns the credential's token id.
    function grant(uint32 levelId, address agent, string calldata evidence) external returns (uint256 tokenId);
    /// @notice Revokes a credential (an examiner of its level, or the owner); it stays in history.
    function revoke(uint256 tokenId, string calldata reason) external;

    /// @notice ERC-5192: always true for an existing credential.
    function locked(uint256 tokenId) external view returns (bool);
    function levelCount() external view returns (uint32);
    function level(uint32 levelId) external view returns (Level memory);
    function isExaminer(uint32 levelId, address account) external view returns (bool);
    function credential(uint256 tokenId) external view returns (Credential memory);
    /// @notice Whether the credential is in force now (granted, not expired, not revoked).
    function isValid(uint256 tokenId) external view returns (bool);
    /// @notice Every credential ever granted to `agent`, oldest first (valid or not).
    function credentialsOf(address agent) external view returns (uint256[] memory);
    function agentRegistry() external view returns (IAgentRegistry);
}
