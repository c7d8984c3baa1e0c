// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {IAgentRegistry} from "../agents/IAgentRegistry.sol";
import {IAgentCredentials} from "./IAgentCredentials.sol";

/// @title AgentCredentials
/// @notice See {IAgentCredentials}. Owned by the DAO's timelock from deployment.
contract AgentCredentials is IAgentCredentials, ERC721, DaoOwned {
    /// @dev ERC-5192's interface id (`locked(uint256)`).
    bytes4 private constant _ERC5192_INTERFACE_ID = 0xb45a3c0e;
    uint48 private constant _MIN_VALIDITY = 1 days;
    uint48 private constant _MAX_VALIDITY = 5 * 365 days;
    uint256 private constant _MAX_NAME = 64;
    uint256 private constant _MAX_TEXT = 280;

    IAgentRegistry private immutable _agentRegistry;

    uint32 private _levelCount;
    uint256 private _credentialCount;
    mapping(uint32 levelId => Level) private _levels;
    mapping(uint32 levelId => mapping(address account => bool)) private _examiners;
    mapping(uint256 tokenId => Credential) private _credentials;
    mapping(address agent => uint256[]) private _credentialsOf;

    constructor(address timelock, IAgentRegistry agentRegistry_)
        ERC721("Support Quality Credential", "SQC")
        DaoOwned(timelock)
    {
        _agentRegistry = agentRegistry_;
    }

    // ---------------------------------------------------------------- levels (owner)

    /// @inheritdoc IAgentCredentials
    function defineLevel(string calldata name, string calldata description, uint48 validity)
        external
        onlyOwner
        returns (uint32 levelId)
    {
        _checkLength("name", bytes(name).length, 1, _MAX_NAME);
        _checkLength("description", bytes(description).length, 0, _MAX_TEXT);
        if (validity < _MIN_VALIDITY || validity > _MAX_VALIDITY) {
            revert CredentialsInvalidValidity(validity, _MIN_VALIDITY, _MAX_VALIDITY);
        }
        levelId = ++_levelCount;
        _levels[levelId] =
            Level({validity: validity, definedAt: Time.timestamp(), retiredAt: 0, name: name, description: description});
        emit LevelDefined(levelId, name, description, validity);
    }

    /// @inheritdoc IAgentCredentials
    function retireLevel(uint32 levelId) external onlyOwner {
        Level storage retired = _liveLevel(levelId);
        retired.retiredAt = Time.timestamp();
        emit LevelRetired(levelId, retired.retiredAt);
    }

    /// @inheritdoc IAgentCredentials
    function setExaminer(uint32 levelId, address examiner, bool enabled) external onlyOwner {
        _existingLevel(levelId);
        if (examiner == address(0)) revert CredentialsZeroAddress();
        _examiners[levelId][examiner] = enabled;
        emit ExaminerSet(levelId, examiner, enabled);
    }

    // ---------------------------------------------------------------- grants (examiners or owner)

    /// @inheritdoc IAgentCredentials
    function grant(uint32 levelId, address agent, string calldata evidence) external returns (uint256 tokenId) {
        Level storage granted = _liveLevel(levelId);
        _checkExaminer(levelId);
        if (agent == msg.sender) revert CredentialsSelfGrant(msg.sender);
        IAgentRegistry.AgentStatus status = _agentRegistry.agent(agent).status;
        if (status != IAgentRegistry.AgentStatus.Active) revert CredentialsNotAnAgent(agent, status);
        _checkLength("evidence", bytes(evidence).length, 1, _MAX_TEXT);

        uint48 now_ = Time.timestamp();
        uint48 expiresAt = now_ + granted.validity;
        tokenId = ++_credentialCount;
        _credentials[tokenId] = Credential({
            levelId: levelId,
            agent: agent,
            grantedAt: now_,
            expiresAt: expiresAt,
            examiner: msg.sender,
            revokedAt: 0
        });
        _credentialsOf[agent].push(tokenId);
        _mint(agent, tokenId);
        emit Locked(tokenId);
        emit CredentialGranted(tokenId, levelId, agent, msg.sender, expiresAt, evidence);
    }

    /// @inheritdoc IAgentCredentials
    function revoke(uint256 tokenId, string calldata reason) external {
        Credential storage c = _existingCredential(tokenId);
        _checkExaminer(c.levelId);
        if (c.revokedAt != 0) revert CredentialsAlreadyRevoked(tokenId, c.revokedAt);
        _checkLength("reason", bytes(reason).length, 1, _MAX_TEXT);
        c.revokedAt = Time.timestamp();
        emit CredentialRevoked(tokenId, c.levelId, c.agent, msg.sender, reason);
    }

    // ---------------------------------------------------------------- locked (ERC-5192)

    /// @notice Always reverts with {CredentialsLocked}.
    function approve(address, uint256 tokenId) public pure override {
        revert CredentialsLocked(tokenId);
    }

    /// @notice Always reverts with {CredentialsLocked} (for token 0: no credential can be approved).
    function setApprovalForAll(address, bool) public pure override {
        revert CredentialsLocked(0);
    }

    /// @dev Minting is the only move a credential makes: a transfer (or burn) reverts.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_ownerOf(tokenId) != address(0)) revert CredentialsLocked(tokenId);
        return super._update(to, tokenId, auth);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IAgentCredentials
    function locked(uint256 tokenId) external view returns (bool) {
        _existingCredential(tokenId);
        return true;
    }

    /// @notice ERC-165: ERC-721, its metadata extension and ERC-5192.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == _ERC5192_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IAgentCredentials
    function levelCount() external view returns (uint32) {
        return _levelCount;
    }

    /// @inheritdoc IAgentCredentials
    function level(uint32 levelId) external view returns (Level memory) {
        return _existingLevel(levelId);
    }

    /// @inheritdoc IAgentCredentials
    function isExaminer(uint32 levelId, address account) external view returns (bool) {
        return _examiners[levelId][account];
    }

    /// @inheritdoc IAgentCredentials
    function credential(uint256 tokenId) external view returns (Credential memory) {
        return _existingCredential(tokenId);
    }

    /// @inheritdoc IAgentCredentials
    function isValid(uint256 tokenId) external view returns (bool) {
        Credential storage c = _existingCredential(tokenId);
        return c.revokedAt == 0 && Time.timestamp() < c.expiresAt;
    }

    /// @inheritdoc IAgentCredentials
    function credentialsOf(address agent) external view returns (uint256[] memory) {
        return _credentialsOf[agent];
    }

    /// @inheritdoc IAgentCredentials
    function agentRegistry() external view returns (IAgentRegistry) {
        return _agentRegistry;
    }

    // ---------------------------------------------------------------- internals

    function _existingLevel(uint32 levelId) private view returns (Level storage found) {
        found = _levels[levelId];
        if (found.definedAt == 0) revert CredentialsUnknownLevel(levelId);
    }

    function _liveLevel(uint32 levelId) private view returns (Level storage live) {
        live = _existingLevel(levelId);
        if (live.retiredAt != 0) revert CredentialsLevelRetired(levelId, live.retiredAt);
    }

    function _existingCredential(uint256 tokenId) private view returns (Credential storage c) {
        c = _credentials[tokenId];
        if (c.agent == address(0)) revert CredentialsUnknownCredential(tokenId);
    }

    function _checkExaminer(uint32 levelId) private view {
        if (!_examiners[levelId][msg.sender] && msg.sender != owner()) revert CredentialsNotExaminer(msg.sender, levelId);
    }

    function _checkLength(string memory field, uint256 length, uint256 min, uint256 max) private pure {
        if (length < min || length > max) revert CredentialsFieldLength(field, length, min, max);
    }
}
