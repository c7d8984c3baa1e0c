// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISupportRatings} from "./ISupportRatings.sol";

/// @notice A rating as stored: the {ISupportRatings-Rating} fields packed in one slot, written by `rate`
/// with a single store:
/// bits   0..159  agent
/// bits 160..191  desk id
/// bits 192..199  score
/// bits 200..207  SLA verdict
/// bit  208       voided
/// bit  209       replied
/// bit  210       self-signed receipt
/// A slot of 0 is a rating that does not exist (every rating has an agent).
type StoredRating is uint256;

using StoredRatingLib for StoredRating global;

library StoredRatingLib {
    uint256 private constant _DESK_SHIFT = 160;
    uint256 private constant _SCORE_SHIFT = 192;
    uint256 private constant _VERDICT_SHIFT = 200;
    uint256 private constant _VOIDED = 1 << 208;
    uint256 private constant _REPLIED = 1 << 209;
    uint256 private constant _SELF_SIGNED = 1 << 210;

    function pack(address agent_, uint32 deskId_, uint8 score_, uint8 verdict_, bool selfSigned_)
        internal
        pure
        returns (StoredRating)
    {
        return StoredRating.wrap(
            uint256(uint160(agent_)) | (uint256(deskId_) << _DESK_SHIFT) | (uint256(score_) << _SCORE_SHIFT)
                | (uint256(verdict_) << _VERDICT_SHIFT) | (selfSigned_ ? _SELF_SIGNED : 0)
        );
    }

    function selfSigned(StoredRating self) internal pure returns (bool) {
        return StoredRating.unwrap(self) & _SELF_SIGNED != 0;
    }

    function exists(StoredRating self) internal pure returns (bool) {
        return StoredRating.unwrap(self) != 0;
    }

    function agent(StoredRating self) internal pure returns (address) {
        return address(uint160(StoredRating.unwrap(self)));
    }

    function deskId(StoredRating self) internal pure returns (uint32) {
        return uint32(StoredRating.unwrap(self) >> _DESK_SHIFT);
    }

    function score(StoredRating self) internal pure returns (uint8) {
        return uint8(StoredRating.unwrap(self) >> _SCORE_SHIFT);
    }

    function verdict(StoredRating self) internal pure returns (ISupportRatings.SlaVerdict) {
        return ISupportRatings.SlaVerdict(uint8(StoredRating.unwrap(self) >> _VERDICT_SHIFT));
    }

    function voided(StoredRating self) internal pure returns (bool) {
        return StoredRating.unwrap(self) & _VOIDED != 0;
    }

    function replied(StoredRating self) internal pure returns (bool) {
        return StoredRating.unwrap(self) & _REPLIED != 0;
    }

    function markVoided(StoredRating self) internal pure returns (StoredRating) {
        return StoredRating.wrap(StoredRating.unwrap(self) | _VOIDED);
    }

    function markReplied(StoredRating self) internal pure returns (StoredRating) {
        return StoredRating.wrap(StoredRating.unwrap(self) | _REPLIED);
    }

    function unpack(StoredRating self) internal pure returns (ISupportRatings.Rating memory) {
        return ISupportRatings.Rating({
            agent: agent(self),
            deskId: deskId(self),
            score: score(self),
            verdict: verdict(self),
            voided: voided(self),
            replied: replied(self),
            selfSigned: selfSigned(self)
        });
    }
}
