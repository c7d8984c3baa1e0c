// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IKnowledgeBase} from "../../contracts/knowledge/IKnowledgeBase.sol";
import {KnowledgeBase} from "../../contracts/knowledge/KnowledgeBase.sol";
import {IPolicyRegistry} from "../../contracts/policy/IPolicyRegistry.sol";
import {PolicyRegistry} from "../../contracts/policy/PolicyRegistry.sol";
import {ISupportRatings} from "../../contracts/ratings/ISupportRatings.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @dev The test contract owns the knowledge base (as the timelock does); no rating rules exist, so only the
/// general category (0) is known.
contract KnowledgeBaseTest is Test {
    KnowledgeBase internal kb;
    address internal constant EDITOR = address(0xED);

    function setUp() public {
        PolicyRegistry registry = new PolicyRegistry(address(this), ISupportRatings(address(0xBEEF)));
        kb = new KnowledgeBase(address(this), IPolicyRegistry(address(registry)), 1 << 4);
        kb.publishArticle(0, 0, 0, IKnowledgeBase.ArticleContent("Back up your seed phrase", "Write it on paper.", "en"));
    }

    /// Any sequence of voters: the tally equals the number of distinct voters, split as they voted, and a
    /// second vote by the same address on the same version always reverts.
    function testFuzz_tallyCountsEachAddressOnce(uint8[24] calldata voterSeeds, bool[24] calldata choices) public {
        bool[256] memory voted;
        uint256 helpful;
        uint256 notHelpful;
        for (uint256 i = 0; i < voterSeeds.length; ++i) {
            address voter = address(uint160(0x1000 + uint256(voterSeeds[i] % 16)));
            if (voted[voterSeeds[i] % 16]) {
                vm.expectRevert(abi.encodeWithSelector(IKnowledgeBase.KnowledgeBaseAlreadyVoted.selector, 1, 1, voter));
            } else {
                voted[voterSeeds[i] % 16] = true;
                if (choices[i]) ++helpful;
                else ++notHelpful;
            }
            vm.prank(voter);
            kb.voteHelpful(1, 1, choices[i], "");
        }
        IKnowledgeBase.ArticleVersion memory v = kb.articleVersion(1, 1);
        assertEq(v.helpful, helpful, "helpful");
        assertEq(v.notHelpful, notHelpful, "not helpful");
    }

    /// The content hash is the typed hash over the category and the hashes of title, body and language, so
    /// any change to any of them is a different version.
    function testFuzz_contentHashCoversEveryField(uint8 category, string calldata title, string calldata body, string calldata language)
        public
        view
    {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("ArticleVersionContent(uint8 category,string title,string body,string language)"),
                category,
                keccak256(bytes(title)),
                keccak256(bytes(body)),
                keccak256(bytes(language))
            )
        );
        assertEq(kb.contentHashOf(category, IKnowledgeBase.ArticleContent(title, body, language)), expected, "content hash");
    }

    function test_editorIsRefusedInAProtectedCategory() public {
        kb.setEditor(EDITOR);
        vm.prank(EDITOR);
        vm.expectRevert(abi.encodeWithSelector(IKnowledgeBase.KnowledgeBaseNotPublisher.selector, EDITOR, 4));
        kb.publishArticle(4, 0, 0, IKnowledgeBase.ArticleContent("Fake support", "Validate your seed phrase here.", "en"));
        vm.prank(EDITOR);
        (uint256 id, uint256 version) = kb.publishArticle(0, 1, 0, IKnowledgeBase.ArticleContent("Back up your seed phrase", "Write it twice.", "en"));
        assertEq(id, 1, "article");
        assertEq(version, 2, "version");
    }
}
