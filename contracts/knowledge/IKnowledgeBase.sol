// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPolicyRegistry} from "../policy/IPolicyRegistry.sol";

/// @title IKnowledgeBase
/// @notice The DAO's help articles: versioned, categorised by the ticket categories of the rating rules,
/// with "was this helpful?" votes per article version.
/// @dev As with policies, every version's full text is emitted in {ArticlePublished} and only its content
/// hash, effective time and helpful counts are stored: the knowledge base is reconstructible from events
/// alone. Articles are written by the owner (the DAO's timelock) or, outside the protected categories, by
/// an editor the DAO appoints for routine edits; the first argument of {publishArticle} and
/// {retireArticle} is the category, so the governor classifies a proposal touching a protected category
/// as critical by its calldata prefix.
interface IKnowledgeBase {
    /// @notice What a version says. `language` is a BCP 47 tag such as "en" or "pt-BR".
    struct ArticleContent {
        string title;
        string body;
        string language;
    }

    /// @notice An article: its category and version chain; `retiredAt` is 0 while it is live.
    /// @param category 1 + an index into the rating rules' ticket categories, or 0 (general).
    /// @param latestVersion The newest version (it may take effect in the future).
    struct Article {
        uint8 category;
        uint16 versionCount;
        uint16 latestVersion;
        uint48 createdAt;
        uint48 retiredAt;
    }

    /// @notice A stored version and its helpful tally (votes are counted for the version, not the article:
    /// a changed article starts a new tally).
    /// @param contentHash {contentHashOf} the category and content.
    /// @param previous The version it replaced (0 for the first).
    struct ArticleVersion {
        bytes32 contentHash;
        uint48 effectiveFrom;
        uint48 publishedAt;
        uint16 previous;
        uint32 helpful;
        uint32 notHelpful;
    }

    /// @notice A field's length in bytes is outside `[min, max]`.
    /// @param field "title", "body", "language" or "reason".
    error KnowledgeBaseFieldLength(string field, uint256 length, uint256 min, uint256 max);
    /// @notice The category is neither 0 (general) nor one of the `categoryCount` categories of the newest
    /// rating rules.
    error KnowledgeBaseUnknownCategory(uint8 category, uint8 categoryCount);
    /// @notice `account` may not write articles in `category`: only the owner may, and the editor outside the
    /// protected categories.
    error KnowledgeBaseNotPublisher(address account, uint8 category);
    error KnowledgeBaseUnknownArticle(uint256 articleId);
    /// @notice An update or retirement named another category than the article's (an article keeps its
    /// category for life: retire it and publish a new one to move it).
    error KnowledgeBaseCategoryMismatch(uint256 articleId, uint8 category, uint8 given);
    error KnowledgeBaseArticleRetired(uint256 articleId, uint48 retiredAt);
    /// @notice The new version says exactly what the newest one says.
    error KnowledgeBaseUnchanged(uint256 articleId, uint256 version, bytes32 contentHash);
    /// @notice `effectiveFrom` is before now or before the newest version's.
    error KnowledgeBaseEffectiveTooEarly(uint48 effectiveFrom, uint48 earliest);
    /// @notice `effectiveFrom` is more than a year ahead.
    error KnowledgeBaseEffectiveTooLate(uint48 effectiveFrom, uint48 latest);
    /// @notice Retirement waits for the scheduled version to take effect.
    error KnowledgeBaseChangeScheduled(uint256 articleId, uint48 effectiveFrom);
    /// @notice Votes go to the version in force (`current`, 0 when none is yet).
    error KnowledgeBaseVersionNotInForce(uint256 articleId, uint256 version, uint256 current);
    /// @notice `voter` already voted on this version.
    error KnowledgeBaseAlreadyVoted(uint256 articleId, uint256 version, address voter);

    /// @notice An article was created (its first version follows in the same call).
    event ArticleCreated(uint256 indexed articleId, uint8 indexed category);
    /// @notice A version was published.
    /// @param publisher The timelock (a proposal, executed in the same transaction) or the editor.
    /// @param content The full title, body and language.
    event ArticlePublished(
        uint256 indexed articleId,
        uint256 indexed version,
        uint8 indexed category,
        bytes32 contentHash,
        uint48 effectiveFrom,
        address publisher,
        ArticleContent content
    );
    /// @notice An article was retired: its history stays, it is no longer offered from `retiredAt`.
    event ArticleRetired(uint256 indexed articleId, uint8 indexed category, uint48 retiredAt, address by);
    /// @notice A "was this helpful?" vote on a version.
    event HelpfulVoted(uint256 indexed articleId, uint256 indexed version, address indexed voter, bool helpful, string reason);
    /// @notice The DAO appointed (or, with the zero address, removed) the editor.
    event EditorSet(address indexed previous, address indexed editor);

    /// @notice Publishes a new article (`articleId` 0) or a new version of one.
    /// @param category The article's category (for an update, the category it already has).
    /// @param effectiveFrom When it takes effect (0 = now); not before the newest version's, at most a year ahead.
    /// @return id The article. @return version The new version's number.
    function publishArticle(uint8 category, uint256 articleId, uint48 effectiveFrom, ArticleContent calldata content)
        external
        returns (uint256 id, uint256 version);

    /// @notice Retires an article now.
    function retireArticle(uint8 category, uint256 articleId) external;

    /// @notice Records the caller's vote on the version in force of a live article, once per version.
    /// @param reason An optional short reason, at most 280 bytes.
    function voteHelpful(uint256 articleId, uint256 version, bool helpful, string calldata reason) external;

    /// @notice Appoints the editor (the zero address removes it). Owner only.
    function setEditor(address editor_) external;

    function editor() external view returns (address);
    /// @notice Bit `c` set: category `c`'s articles are written by the owner only (fixed at deployment).
    function protectedCategories() external view returns (uint64);
    function policyRegistry() external view returns (IPolicyRegistry);
    function articleCount() external view returns (uint256);
    function article(uint256 articleId) external view returns (Article memory);
    function articleVersion(uint256 articleId, uint256 version) external view returns (ArticleVersion memory);
    /// @notice The version in force now (0: none yet, or retired).
    function versionInForce(uint256 articleId) external view returns (uint256);
    function hasVoted(uint256 articleId, uint256 version, address voter) external view returns (bool);
    /// @notice `keccak256` over the typehash, category, and the hashes of title, body and language.
    function contentHashOf(uint8 category, ArticleContent calldata content) external pure returns (bytes32);
}
