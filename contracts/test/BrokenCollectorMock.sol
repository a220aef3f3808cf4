// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IInteropFeeCollector} from "../interfaces/IInteropFeeCollector.sol";

/// @notice A collector that names a distributor but answers `release` with one word, not one amount per asset:
/// the auction must refuse the answer instead of reading past it.
contract BrokenCollectorMock {
    address private immutable _DISTRIBUTOR;

    constructor(address distributor_) {
        _DISTRIBUTOR = distributor_;
    }

    function distributor() external view returns (address) {
        return _DISTRIBUTOR;
    }

    function release(IInteropFeeCollector.ReleaseRequest[] calldata, address) external pure returns (uint256) {
        return 1;
    }
}
