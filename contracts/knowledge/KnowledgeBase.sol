// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {DaoOwned} from "../access/DaoOwned.sol";
import {IPolicyRegistry} from "../policy/IPolicyRegistry.sol";
import {IKnowledgeBase} from "./IKnowledgeBase.sol";

/// @title KnowledgeBase
/// @notice See {IKnowledgeBase}. Owned by the DAO's timelock from deployment.
contract KnowledgeBase is IKnowledgeBase, DaoOwned {
    /// @dev Bodies are bounded because the full text travels in the proposal: the governor stores each
    /// proposal's calldata (about 0.75k gas a byte), so proposing a 12,000-byte article takes ~9.1 M gas and
    /// executing it ~1.3 M, both under the 16,777,216-gas transaction cap (EIP-7825). A longer article is
    /// also a worse help article.
    uint256 private constant _MAX_BODY = 12_000;
    uint256 private constant _MAX_TITLE = 120;
    uint256 private constant _MIN_LANGUAGE = 2;
    uint256 private constant _MAX_LANGUAGE = 16;
    uint256 private constant _MAX_REASON = 280;
    uint48 private constant _MAX_SCHEDULE_AHEAD = 365 days;
    bytes32 private constant _CONTENT_TYPEHASH =
        keccak256("ArticleVersionContent(uint8 category,string title,string body,string language)");

    IPolicyRegistry private immutable _policyRegistry;
    uint64 private immutable _protectedCategories;

    address private _editor;
    uint256 private _articleCount;
    mapping(uint256 articleId => Article) private _articles;
    mapping(uint256 articleId => mapping(uint256 version => ArticleVersion)) private _versions;
    mapping(uint256 articleId => mapping(uint256 version => mapping(address voter => bool))) private _voted;

    /// @param policyRegistry_ Whose newest rating rules name the categories.
    /// @param protectedCategories_ Bit `c` set: category `c` (e.g. security & phishing) is written by the DAO only.
    constructor(address timelock, IPolicyRegistry policyRegistry_, uint64 protectedCategories_) DaoOwned(timelock) {
        _policyRegistry = policyRegistry_;
        _protectedCategories = protectedCategories_;
    }

    /// @inheritdoc IKnowledgeBase
    function publishArticle(uint8 category, uint256 articleId, uint48 effectiveFrom, ArticleContent calldata content)
        external
        returns (uint256 id, uint256 newVersion)
    {
        _checkPublisher(category);
        _checkLength("title", bytes(content.title).length, 1, _MAX_TITLE);
        _checkLength("body", bytes(content.body).length, 1, _MAX_BODY);
        _checkLength("language", bytes(content.language).length, _MIN_LANGUAGE, _MAX_LANGUAGE);
        if (articleId == 0) {
            _checkCategory(category);
            id = ++_articleCount;
            _articles[id].category = category;
            _articles[id].createdAt = Time.timestamp();
            emit ArticleCreated(id, category);
        } else {
            id = articleId;
        }
        Article storage a = _liveArticle(id, category);

        uint48 now_ = Time.timestamp();
        uint16 latest = a.latestVersion;
        uint48 effective = effectiveFrom == 0 ? now_ : effectiveFrom;
        uint48 earliest = latest == 0 ? now_ : _max(now_, _versions[id][latest].effectiveFrom);
        if (effective < earliest) revert KnowledgeBaseEffectiveTooEarly(effective, earliest);
        if (effective > now_ + _MAX_SCHEDULE_AHEAD) revert KnowledgeBaseEffectiveTooLate(effective, now_ + _MAX_SCHEDULE_AHEAD);

        bytes32 contentHash = _contentHash(category, content);
        if (latest != 0 && _versions[id][latest].contentHash == contentHash) {
            revert KnowledgeBaseUnchanged(id, latest, contentHash);
        }
        newVersion = ++a.versionCount;
        _versions[id][newVersion] = ArticleVersion({
            contentHash: contentHash,
            effectiveFrom: effective,
            publishedAt: now_,
            previous: latest,
            helpful: 0,
            notHelpful: 0
        });
        a.latestVersion = SafeCast.toUint16(newVersion);
        emit ArticlePublished(id, newVersion, category, contentHash, effective, msg.sender, content);
    }

    /// @inheritdoc IKnowledgeBase
    function retireArticle(uint8 category, uint256 articleId) external {
        _checkPublisher(category);
        Article storage a = _liveArticle(articleId, category);
        uint48 now_ = Time.timestamp();
        uint48 scheduled = _versions[articleId][a.latestVersion].effectiveFrom;
        if (scheduled > now_) revert KnowledgeBaseChangeScheduled(articleId, scheduled);
        a.retiredAt = now_;
        emit ArticleRetired(articleId, category, now_, msg.sender);
    }

    /// @inheritdoc IKnowledgeBase
    function voteHelpful(uint256 articleId, uint256 version, bool helpful, string calldata reason) external {
        _checkLength("reason", bytes(reason).length, 0, _MAX_REASON);
        Article storage a = _articles[articleId];
        if (a.createdAt == 0) revert KnowledgeBaseUnknownArticle(articleId);
        if (a.retiredAt != 0) revert KnowledgeBaseArticleRetired(articleId, a.retiredAt);
        uint256 current = _versionInForce(articleId, a.latestVersion);
        if (version != current || current == 0) revert KnowledgeBaseVersionNotInForce(articleId, version, current);
        mapping(address voter => bool) storage voted = _voted[articleId][version];
        if (voted[msg.sender]) revert KnowledgeBaseAlreadyVoted(articleId, version, msg.sender);
        voted[msg.sender] = true;
        ArticleVersion storage v = _versions[articleId][version];
        if (helpful) ++v.helpful;
        else ++v.notHelpful;
        emit HelpfulVoted(articleId, version, msg.sender, helpful, reason);
    }

    /// @inheritdoc IKnowledgeBase
    function setEditor(address editor_) external onlyOwner {
        emit EditorSet(_editor, editor_);
        _editor = editor_;
    }

    /// @inheritdoc IKnowledgeBase
    function editor() external view returns (address) {
        return _editor;
    }

    /// @inheritdoc IKnowledgeBase
    function protectedCategories() external view returns (uint64) {
        return _protectedCategories;
    }

    /// @inheritdoc IKnowledgeBase
    function policyRegistry() external view returns (IPolicyRegistry) {
        return _policyRegistry;
    }

    /// @inheritdoc IKnowledgeBase
    function articleCount() external view returns (uint256) {
        return _articleCount;
    }

    /// @inheritdoc IKnowledgeBase
    function article(uint256 articleId) external view returns (Article memory a) {
        a = _articles[articleId];
        if (a.createdAt == 0) revert KnowledgeBaseUnknownArticle(articleId);
    }

    /// @inheritdoc IKnowledgeBase
    function articleVersion(uint256 articleId, uint256 version) external view returns (ArticleVersion memory v) {
        v = _versions[articleId][version];
        if (v.publishedAt == 0) revert KnowledgeBaseUnknownArticle(articleId);
    }

    /// @inheritdoc IKnowledgeBase
    function versionInForce(uint256 articleId) external view returns (uint256) {
        Article storage a = _articles[articleId];
        if (a.createdAt == 0) revert KnowledgeBaseUnknownArticle(articleId);
        return a.retiredAt != 0 ? 0 : _versionInForce(articleId, a.latestVersion);
    }

    /// @inheritdoc IKnowledgeBase
    function hasVoted(uint256 articleId, uint256 version, address voter) external view returns (bool) {
        return _voted[articleId][version][voter];
    }

    /// @inheritdoc IKnowledgeBase
    function contentHashOf(uint8 category, ArticleContent calldata content) external pure returns (bytes32) {
        return _contentHash(category, content);
    }

    function _contentHash(uint8 category, ArticleContent calldata content) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                _CONTENT_TYPEHASH,
                category,
                keccak256(bytes(content.title)),
                keccak256(bytes(content.body)),
                keccak256(bytes(content.language))
            )
        );
    }

    /// @dev The owner writes everywhere; the editor (when appointed) outside the protected categories.
    function _checkPublisher(uint8 category) private view {
        if (msg.sender == owner()) return;
        address editor_ = _editor;
        bool isProtected = category < 64 && (_protectedCategories >> category) & 1 == 1;
        if (editor_ == address(0) || msg.sender != editor_ || isProtected) {
            revert KnowledgeBaseNotPublisher(msg.sender, category);
        }
    }

    /// @dev Categories come from the newest rating rules (the list the desks' receipts use).
    function _checkCategory(uint8 category) private view {
        uint256 entries = _policyRegistry.ratingTermsCount();
        uint8 count = entries == 0 ? 0 : _policyRegistry.ratingTermsEntry(entries - 1).categoryCount;
        if (category > count) revert KnowledgeBaseUnknownCategory(category, count);
    }

    function _liveArticle(uint256 articleId, uint8 category) private view returns (Article storage a) {
        a = _articles[articleId];
        if (a.createdAt == 0) revert KnowledgeBaseUnknownArticle(articleId);
        if (a.category != category) revert KnowledgeBaseCategoryMismatch(articleId, a.category, category);
        if (a.retiredAt != 0) revert KnowledgeBaseArticleRetired(articleId, a.retiredAt);
    }

    /// @dev Walks back from the newest version past the scheduled ones (at most a step or two).
    function _versionInForce(uint256 articleId, uint256 latest) private view returns (uint256 v) {
        uint48 now_ = Time.timestamp();
        for (v = latest; v != 0; v = _versions[articleId][v].previous) {
            if (_versions[articleId][v].effectiveFrom <= now_) return v;
        }
    }

    function _checkLength(string memory field, uint256 length, uint256 min, uint256 max) private pure {
        if (length < min || length > max) revert KnowledgeBaseFieldLength(field, length, min, max);
    }

    function _max(uint48 a, uint48 b) private pure returns (uint48) {
        return a > b ? a : b;
    }
}
