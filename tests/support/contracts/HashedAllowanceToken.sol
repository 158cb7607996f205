// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice An ERC-20 whose allowances live under keccak256(owner, spender) in one flat mapping: no common layout
///         (a nested mapping at index 0..10, Solidity or Vyper ordering) finds them, so a state override of the
///         allowance cannot be placed. Tests use it to prove the engine answers `ok: null` rather than guessing.
contract HashedAllowanceToken {
    mapping(bytes32 => uint256) private allowances;
    mapping(address => uint256) public balanceOf;
    string public constant symbol = "HASHED";
    uint8 public constant decimals = 18;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return allowances[keccak256(abi.encode(owner, spender))];
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[keccak256(abi.encode(msg.sender, spender))] = amount;
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        bytes32 key = keccak256(abi.encode(from, msg.sender));
        require(allowances[key] >= amount, "HashedAllowanceToken: allowance");
        require(balanceOf[from] >= amount, "HashedAllowanceToken: transfer amount exceeds balance");
        allowances[key] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        return true;
    }
}
