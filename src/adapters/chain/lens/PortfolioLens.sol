// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IErc20Reads {
    function balanceOf(address owner) external view returns (uint256);
    function totalSupply() external view returns (uint256);
    function decimals() external view returns (uint8);
    function symbol() external view returns (string memory);
    function name() external view returns (string memory);
}

interface IMulticall3Reads {
    function getEthBalance(address account) external view returns (uint256);
}

interface IAaveV3PoolReads {
    function getUserAccountData(address user) external view returns (uint256, uint256, uint256, uint256, uint256, uint256);
}

interface IAaveV3DataProviderReads {
    function getAllReservesTokens() external view returns (bytes memory);
    function getUserReserveData(address asset, address user) external view returns (bytes memory);
    function getReserveData(address asset) external view returns (bytes memory);
    function getReserveConfigurationData(address asset) external view returns (bytes memory);
}

interface IUniswapV3PositionManagerReads {
    struct CollectParams {
        uint256 tokenId;
        address recipient;
        uint128 amount0Max;
        uint128 amount1Max;
    }

    function tokenOfOwnerByIndex(address owner, uint256 index) external view returns (uint256);
    function positions(uint256 tokenId) external view returns (bytes memory);
    function collect(CollectParams calldata params) external returns (uint256 amount0, uint256 amount1);
}

interface IUniswapV3Reads {
    function getPool(address token0, address token1, uint24 fee) external view returns (address);
    function slot0() external view returns (uint160, int24);
    function feeGrowthGlobal0X128() external view returns (uint256);
    function feeGrowthGlobal1X128() external view returns (uint256);
    function ticks(int24 tick) external view returns (bytes memory);
}

interface IUniswapV2Reads {
    function getPair(address tokenA, address tokenB) external view returns (address);
    function getReserves() external view returns (uint112, uint112, uint32);
    function token0() external view returns (address);
    function token1() external view returns (address);
}

/**
 * @title PortfolioLens
 * @notice Never deployed: its creation code is run by an `eth_call` without `to`. The constructor makes, at one block,
 * every read the app's round-based readers make for one wallet (ERC-20 balances and metadata, an Aave v3 market,
 * Uniswap v3 position NFTs, Uniswap v2 pairs) and hands back all the answers, packed (see `_pack`). It returns them
 * when they fit in a contract's code (a constructor's return data is code: EIP-170 caps it at 24,576 bytes, EIP-3541
 * refuses a leading 0xEF, and it costs 200 gas a byte), else it reverts with them (revert data is only bounded by gas).
 *
 * Each answer is keyed by keccak256(target ++ calldata) of its read, so the app replays its readers on them. Reads are
 * CALLs, as Multicall3's aggregate3 makes them; a failing read is an answer with success = false and never stops the
 * others. Two kinds of answers are computed here rather than called: the native balance (answered as
 * Multicall3.getEthBalance(wallet)) and NonfungiblePositionManager.collect(id, owner, max, max) of each NFT, which is
 * what collect would pay the owner now: tokensOwed plus the fees grown inside the position's range since its last
 * update, by the pool's feeGrowthInside maths with Uniswap's wrap-around arithmetic.
 */
contract PortfolioLens {
    struct Aave {
        address pool;
        address dataProvider;
    }

    struct UniswapV3 {
        address positionManager;
        address factory;
        /// tokenOfOwnerByIndex reads made whatever the balance (the app's first round makes them before it knows it).
        uint256 speculativeIds;
        /// NFTs read at most.
        uint256 maxPositions;
        /// The app guesses pool addresses by CREATE2 with this hash and reads slot0 there: answered too when it is wrong.
        bytes32 poolInitCodeHash;
    }

    struct UniswapV2 {
        address factory;
        /// getPair(tokens[i], tokens[j]) for every i < j.
        address[] pairTokens;
        /// Pairs read whether or not the factory lists them.
        address[] pairs;
    }

    struct Request {
        address wallet;
        /// The Multicall3 whose getEthBalance(wallet) answers the native balance.
        address multicall3;
        /// balanceOf(wallet) of each; decimals(), symbol() and name() too where readMetadata[i].
        address[] tokens;
        bool[] readMetadata;
        /// Tokens whose metadata the app knows: no decimals() or symbol() for them in the protocol parts.
        address[] knownTokens;
        Aave aave;
        UniswapV3 uniswapV3;
        UniswapV2 uniswapV2;
    }

    /// First bytes of the answers ("PLNS"); never 0xEF, which EIP-3541 refuses as the first byte of code.
    bytes4 private constant ANSWERS_MAGIC = 0x504c4e53;
    /// EIP-170: the most bytes a constructor may return.
    uint256 private constant MAX_RETURNED_CODE = 24_576;

    struct Answers {
        bytes32[] keys;
        bool[] successes;
        bytes[] returnData;
        uint256 count;
    }

    /// A position NFT as positions(tokenId) describes it.
    struct Position {
        uint256 tokenId;
        bool isRead;
        address token0;
        address token1;
        uint24 fee;
        int24 tickLower;
        int24 tickUpper;
        uint128 liquidity;
        uint256 feeGrowthInside0LastX128;
        uint256 feeGrowthInside1LastX128;
        uint128 tokensOwed0;
        uint128 tokensOwed1;
    }

    /// What the fee maths needs of a pool, read once per pool.
    struct PoolState {
        address token0;
        address token1;
        uint24 fee;
        bool isRead;
        address pool;
        int24 tick;
        uint256 feeGrowthGlobal0X128;
        uint256 feeGrowthGlobal1X128;
    }

    /// A list of token addresses whose metadata was answered, to answer each once.
    struct TokenSet {
        address[] items;
        uint256 count;
    }

    uint128 private constant MAX_UINT128 = type(uint128).max;

    constructor(Request memory request) {
        Answers memory answers = Answers(new bytes32[](64), new bool[](64), new bytes[](64), 0);
        _readTokens(answers, request);
        _readAave(answers, request.wallet, request.aave);
        _readUniswapV3(answers, request);
        _readUniswapV2(answers, request);
        _handBack(_pack(answers));
    }

    // ---- answers -------------------------------------------------------------------------------------------------

    function _record(Answers memory answers, bytes32 key, bool success, bytes memory returnData) private pure {
        if (answers.count == answers.keys.length) _grow(answers);
        answers.keys[answers.count] = key;
        answers.successes[answers.count] = success;
        answers.returnData[answers.count] = returnData;
        answers.count += 1;
    }

    function _grow(Answers memory answers) private pure {
        uint256 size = answers.keys.length * 2;
        bytes32[] memory keys = new bytes32[](size);
        bool[] memory successes = new bool[](size);
        bytes[] memory returnData = new bytes[](size);
        for (uint256 i; i < answers.count; ++i) {
            keys[i] = answers.keys[i];
            successes[i] = answers.successes[i];
            returnData[i] = answers.returnData[i];
        }
        answers.keys = keys;
        answers.successes = successes;
        answers.returnData = returnData;
    }

    function _key(address target, bytes memory callData) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(target, callData));
    }

    /// Makes a read and records its answer.
    function _read(Answers memory answers, address target, bytes memory callData) private returns (bool success, bytes memory returnData) {
        (success, returnData) = target.call(callData);
        _record(answers, _key(target, callData), success, returnData);
    }

    /// A read only the lens needs (fee maths): not recorded.
    function _readQuietly(address target, bytes memory callData) private returns (bool success, bytes memory returnData) {
        (success, returnData) = target.call(callData);
    }

    /**
     * The answers as one byte string: "PLNS", the block number (32 bytes), then per answer its key (32 bytes), success
     * (1 byte), the length of its return data (4 bytes, big-endian) and the return data.
     */
    function _pack(Answers memory answers) private view returns (bytes memory packed) {
        uint256 size = 36;
        for (uint256 i; i < answers.count; ++i) size += 37 + answers.returnData[i].length;
        // 32 bytes of slack: each length is written as a whole word, the data then overwrites its zero tail.
        packed = new bytes(size + 32);
        bytes4 magic = ANSWERS_MAGIC;
        uint256 blockNumber = block.number;
        assembly ("memory-safe") {
            mstore(add(packed, 32), magic)
            mstore(add(packed, 36), blockNumber)
        }
        uint256 at = 36;
        for (uint256 i; i < answers.count; ++i) {
            bytes32 key = answers.keys[i];
            bool success = answers.successes[i];
            bytes memory data = answers.returnData[i];
            assembly ("memory-safe") {
                let p := add(add(packed, 32), at)
                let length := mload(data)
                mstore(p, key)
                mstore8(add(p, 32), success)
                mstore(add(p, 33), shl(224, length))
                mcopy(add(p, 37), add(data, 32), length)
                at := add(at, add(37, length))
            }
        }
        assembly ("memory-safe") {
            mstore(packed, size)
        }
    }

    /// Returns the packed answers when a constructor may, else reverts with them.
    function _handBack(bytes memory packed) private pure {
        if (packed.length <= MAX_RETURNED_CODE) {
            assembly ("memory-safe") {
                return(add(packed, 32), mload(packed))
            }
        }
        assembly ("memory-safe") {
            revert(add(packed, 32), mload(packed))
        }
    }

    // ---- ABI words, never reverting on malformed data ------------------------------------------------------------

    /// Word `index` of `data`; false when `data` is too short.
    function _word(bytes memory data, uint256 index) private pure returns (bool, uint256 value) {
        if (index >= data.length / 32) return (false, 0);
        assembly ("memory-safe") {
            value := mload(add(data, mul(add(index, 1), 32)))
        }
        return (true, value);
    }

    function _wordOf(bool success, bytes memory data, uint256 index) private pure returns (bool, uint256) {
        if (!success) return (false, 0);
        return _word(data, index);
    }

    function _isAddress(uint256 word) private pure returns (bool) {
        return word >> 160 == 0;
    }

    function _isInt24(uint256 word) private pure returns (bool) {
        int256 value = int256(word);
        return value >= type(int24).min && value <= type(int24).max;
    }

    // ---- ERC-20 --------------------------------------------------------------------------------------------------

    function _readTokens(Answers memory answers, Request memory request) private {
        bytes memory ethBalance = abi.encodeCall(IMulticall3Reads.getEthBalance, (request.wallet));
        _record(answers, _key(request.multicall3, ethBalance), true, abi.encode(request.wallet.balance));
        for (uint256 i; i < request.tokens.length; ++i) {
            address token = request.tokens[i];
            _read(answers, token, abi.encodeCall(IErc20Reads.balanceOf, (request.wallet)));
            if (i < request.readMetadata.length && request.readMetadata[i]) {
                _readMetadata(answers, token);
                _read(answers, token, abi.encodeCall(IErc20Reads.name, ()));
            }
        }
    }

    function _readMetadata(Answers memory answers, address token) private {
        _read(answers, token, abi.encodeCall(IErc20Reads.decimals, ()));
        _read(answers, token, abi.encodeCall(IErc20Reads.symbol, ()));
    }

    /// decimals() and symbol() of a token the app does not know, once per token.
    function _readUnknownMetadata(Answers memory answers, TokenSet memory done, address[] memory known, address token) private {
        for (uint256 i; i < known.length; ++i) if (known[i] == token) return;
        for (uint256 i; i < done.count; ++i) if (done.items[i] == token) return;
        done.items[done.count] = token;
        done.count += 1;
        _readMetadata(answers, token);
    }

    // ---- Aave v3 -------------------------------------------------------------------------------------------------

    function _readAave(Answers memory answers, address wallet, Aave memory aave) private {
        if (aave.pool == address(0)) return;
        _read(answers, aave.pool, abi.encodeCall(IAaveV3PoolReads.getUserAccountData, (wallet)));
        (bool success, bytes memory list) = _read(answers, aave.dataProvider, abi.encodeCall(IAaveV3DataProviderReads.getAllReservesTokens, ()));
        if (!success) return;
        (bool isList, address[] memory assets) = _reserveAssets(list);
        if (!isList) return;
        for (uint256 i; i < assets.length; ++i) {
            _read(answers, aave.dataProvider, abi.encodeCall(IAaveV3DataProviderReads.getUserReserveData, (assets[i], wallet)));
            _read(answers, aave.dataProvider, abi.encodeCall(IAaveV3DataProviderReads.getReserveData, (assets[i])));
            _read(answers, aave.dataProvider, abi.encodeCall(IAaveV3DataProviderReads.getReserveConfigurationData, (assets[i])));
        }
    }

    /// The token addresses of getAllReservesTokens' answer, an ABI-encoded (string symbol, address token)[].
    function _reserveAssets(bytes memory data) private pure returns (bool, address[] memory assets) {
        uint256 words = data.length / 32;
        (bool ok, uint256 offset) = _word(data, 0);
        if (!ok || offset % 32 != 0 || offset / 32 >= words) return (false, assets);
        uint256 lengthAt = offset / 32;
        uint256 length;
        (ok, length) = _word(data, lengthAt);
        if (!ok || length > words) return (false, assets);
        assets = new address[](length);
        for (uint256 i; i < length; ++i) {
            uint256 entry;
            (ok, entry) = _word(data, lengthAt + 1 + i);
            if (!ok || entry % 32 != 0 || entry / 32 >= words) return (false, assets);
            uint256 token;
            (ok, token) = _word(data, lengthAt + 1 + entry / 32 + 1);
            if (!ok || !_isAddress(token)) return (false, assets);
            assets[i] = address(uint160(token));
        }
        return (true, assets);
    }

    // ---- Uniswap v3 ----------------------------------------------------------------------------------------------

    function _readUniswapV3(Answers memory answers, Request memory request) private {
        UniswapV3 memory v3 = request.uniswapV3;
        if (v3.positionManager == address(0)) return;
        uint256[] memory ids = _positionIds(answers, request.wallet, v3);
        Position[] memory positions = new Position[](ids.length);
        PoolState[] memory pools = new PoolState[](ids.length);
        uint256 poolCount;
        TokenSet memory metadataDone = TokenSet(new address[](2 * ids.length), 0);
        for (uint256 i; i < ids.length; ++i) {
            Position memory position = _position(answers, v3.positionManager, ids[i]);
            positions[i] = position;
            if (!position.isRead) continue;
            // Closed positions' pools too: a warm read asks slot0 of every NFT's known pool before it knows it closed.
            if (_poolIndex(pools, poolCount, position) == poolCount) {
                pools[poolCount] = _pool(answers, v3.factory, v3.poolInitCodeHash, position);
                poolCount += 1;
            }
            bool isOpen = position.liquidity > 0 || position.tokensOwed0 > 0 || position.tokensOwed1 > 0;
            if (!isOpen) continue;
            _readUnknownMetadata(answers, metadataDone, request.knownTokens, position.token0);
            _readUnknownMetadata(answers, metadataDone, request.knownTokens, position.token1);
        }
        for (uint256 i; i < ids.length; ++i) {
            Position memory position = positions[i];
            IUniswapV3PositionManagerReads.CollectParams memory params = IUniswapV3PositionManagerReads.CollectParams(
                position.tokenId,
                request.wallet,
                MAX_UINT128,
                MAX_UINT128
            );
            bytes32 key = _key(v3.positionManager, abi.encodeCall(IUniswapV3PositionManagerReads.collect, (params)));
            (bool success, uint256 fees0, uint256 fees1) = _collectable(position, pools, poolCount);
            _record(answers, key, success, success ? abi.encode(fees0, fees1) : bytes(""));
        }
    }

    /// The wallet's NFT ids (at most maxPositions); every speculative tokenOfOwnerByIndex is answered whatever the balance.
    function _positionIds(Answers memory answers, address wallet, UniswapV3 memory v3) private returns (uint256[] memory ids) {
        (bool success, bytes memory data) = _read(answers, v3.positionManager, abi.encodeCall(IErc20Reads.balanceOf, (wallet)));
        (bool ok, uint256 balance) = _wordOf(success, data, 0);
        uint256 count = !ok ? 0 : balance < v3.maxPositions ? balance : v3.maxPositions;
        uint256 reads = count > v3.speculativeIds ? count : v3.speculativeIds;
        ids = new uint256[](count);
        uint256 found;
        for (uint256 i; i < reads; ++i) {
            (success, data) = _read(answers, v3.positionManager, abi.encodeCall(IUniswapV3PositionManagerReads.tokenOfOwnerByIndex, (wallet, i)));
            if (i >= count) continue;
            uint256 id;
            (ok, id) = _wordOf(success, data, 0);
            if (!ok) continue;
            ids[found] = id;
            found += 1;
        }
        assembly ("memory-safe") {
            mstore(ids, found)
        }
    }

    function _position(Answers memory answers, address positionManager, uint256 tokenId) private returns (Position memory position) {
        position.tokenId = tokenId;
        (bool success, bytes memory data) = _read(answers, positionManager, abi.encodeCall(IUniswapV3PositionManagerReads.positions, (tokenId)));
        if (!success || data.length < 12 * 32) return position;
        uint256[12] memory w;
        for (uint256 i; i < 12; ++i) (, w[i]) = _word(data, i);
        bool isValid = _isAddress(w[2]) && _isAddress(w[3]) && w[4] <= type(uint24).max && _isInt24(w[5]) && _isInt24(w[6]);
        if (!isValid || w[7] > MAX_UINT128 || w[10] > MAX_UINT128 || w[11] > MAX_UINT128) return position;
        position.isRead = true;
        position.token0 = address(uint160(w[2]));
        position.token1 = address(uint160(w[3]));
        position.fee = uint24(w[4]);
        position.tickLower = int24(int256(w[5]));
        position.tickUpper = int24(int256(w[6]));
        position.liquidity = uint128(w[7]);
        position.feeGrowthInside0LastX128 = w[8];
        position.feeGrowthInside1LastX128 = w[9];
        position.tokensOwed0 = uint128(w[10]);
        position.tokensOwed1 = uint128(w[11]);
    }

    function _poolIndex(PoolState[] memory pools, uint256 count, Position memory position) private pure returns (uint256) {
        for (uint256 i; i < count; ++i) {
            PoolState memory p = pools[i];
            if (p.token0 == position.token0 && p.token1 == position.token1 && p.fee == position.fee) return i;
        }
        return count;
    }

    /// The pool of a position: its address from the factory, slot0 (there and at the app's CREATE2 guess) and the global fee growth.
    function _pool(Answers memory answers, address factory, bytes32 v3InitCodeHash, Position memory position) private returns (PoolState memory state) {
        state.token0 = position.token0;
        state.token1 = position.token1;
        state.fee = position.fee;
        (bool success, bytes memory data) = _read(answers, factory, abi.encodeCall(IUniswapV3Reads.getPool, (position.token0, position.token1, position.fee)));
        (bool ok, uint256 pool) = _wordOf(success, data, 0);
        if (!ok || pool == 0 || !_isAddress(pool)) return state;
        state.pool = address(uint160(pool));
        address guess = _create2Address(factory, position, v3InitCodeHash);
        if (guess != state.pool) _read(answers, guess, abi.encodeCall(IUniswapV3Reads.slot0, ()));
        (success, data) = _read(answers, state.pool, abi.encodeCall(IUniswapV3Reads.slot0, ()));
        (bool hasTick, uint256 tick) = _wordOf(success, data, 1);
        (success, data) = _readQuietly(state.pool, abi.encodeCall(IUniswapV3Reads.feeGrowthGlobal0X128, ()));
        (bool has0, uint256 global0) = _wordOf(success, data, 0);
        (success, data) = _readQuietly(state.pool, abi.encodeCall(IUniswapV3Reads.feeGrowthGlobal1X128, ()));
        (bool has1, uint256 global1) = _wordOf(success, data, 0);
        if (!hasTick || !_isInt24(tick) || !has0 || !has1) return state;
        state.isRead = true;
        state.tick = int24(int256(tick));
        state.feeGrowthGlobal0X128 = global0;
        state.feeGrowthGlobal1X128 = global1;
    }

    /// Where the factory would deploy the position's pool if its pool init code hash were `initCodeHash`.
    function _create2Address(address factory, Position memory position, bytes32 initCodeHash) private pure returns (address) {
        bytes32 salt = keccak256(abi.encode(position.token0, position.token1, position.fee));
        return address(uint160(uint256(keccak256(abi.encodePacked(hex"ff", factory, salt, initCodeHash)))));
    }

    /// ticks(tick).feeGrowthOutside0X128 and feeGrowthOutside1X128 (members 2 and 3), into outside[first] and outside[first + 1].
    function _feeGrowthOutside(address pool, int24 tick, uint256[4] memory outside, uint256 first) private returns (bool) {
        (bool success, bytes memory data) = _readQuietly(pool, abi.encodeCall(IUniswapV3Reads.ticks, (tick)));
        (bool has0, uint256 value0) = _wordOf(success, data, 2);
        (bool has1, uint256 value1) = _wordOf(success, data, 3);
        outside[first] = value0;
        outside[first + 1] = value1;
        return has0 && has1;
    }

    /**
     * What collect(id, owner, max, max) pays now: with liquidity, the position manager pokes the pool (burn of 0) and
     * adds liquidity × (feeGrowthInside now − feeGrowthInsideLast) / 2^128 to tokensOwed; without, tokensOwed alone.
     */
    function _collectable(Position memory position, PoolState[] memory pools, uint256 poolCount) private returns (bool, uint256, uint256) {
        if (!position.isRead) return (false, 0, 0);
        if (position.liquidity == 0) return (true, position.tokensOwed0, position.tokensOwed1);
        uint256 index = _poolIndex(pools, poolCount, position);
        if (index == poolCount || !pools[index].isRead) return (false, 0, 0);
        PoolState memory pool = pools[index];
        // [lower token0, lower token1, upper token0, upper token1]
        uint256[4] memory outside;
        if (!_feeGrowthOutside(pool.pool, position.tickLower, outside, 0) || !_feeGrowthOutside(pool.pool, position.tickUpper, outside, 2)) {
            return (false, 0, 0);
        }
        (uint128 fees0, uint128 fees1) = _fees(position, pool, outside);
        return (true, fees0, fees1);
    }

    function _fees(Position memory position, PoolState memory pool, uint256[4] memory outside) private pure returns (uint128 fees0, uint128 fees1) {
        uint256 inside0 = _feeGrowthInside(pool.tick, position, pool.feeGrowthGlobal0X128, outside[0], outside[2]);
        fees0 = _owed(position.tokensOwed0, inside0, position.feeGrowthInside0LastX128, position.liquidity);
        uint256 inside1 = _feeGrowthInside(pool.tick, position, pool.feeGrowthGlobal1X128, outside[1], outside[3]);
        fees1 = _owed(position.tokensOwed1, inside1, position.feeGrowthInside1LastX128, position.liquidity);
    }

    /// tokensOwed + uint128(mulDiv(inside − insideLast, liquidity, 2^128)), wrapping as the position manager (0.7.6) does.
    function _owed(uint128 owed, uint256 inside, uint256 insideLast, uint128 liquidity) private pure returns (uint128) {
        unchecked {
            return owed + uint128(_mulShift128(inside - insideLast, liquidity));
        }
    }

    /// Tick.getFeeGrowthInside: global minus the growth below the lower tick and above the upper one, modulo 2^256.
    function _feeGrowthInside(int24 tick, Position memory position, uint256 global, uint256 outsideLower, uint256 outsideUpper)
        private
        pure
        returns (uint256)
    {
        unchecked {
            uint256 below = tick >= position.tickLower ? outsideLower : global - outsideLower;
            uint256 above = tick < position.tickUpper ? outsideUpper : global - outsideUpper;
            return global - below - above;
        }
    }

    /// floor(a × b / 2^128) with a 512-bit product (FullMath.mulDiv by Q128); b < 2^128, so it fits 256 bits.
    function _mulShift128(uint256 a, uint256 b) private pure returns (uint256) {
        unchecked {
            uint256 low = a * b;
            uint256 full = mulmod(a, b, type(uint256).max);
            uint256 high = full - low - (full < low ? 1 : 0);
            return (high << 128) | (low >> 128);
        }
    }

    // ---- Uniswap v2 ----------------------------------------------------------------------------------------------

    function _readUniswapV2(Answers memory answers, Request memory request) private {
        UniswapV2 memory v2 = request.uniswapV2;
        if (v2.factory == address(0)) return;
        uint256 n = v2.pairTokens.length;
        address[] memory pairs = new address[]((n * (n > 0 ? n - 1 : 0)) / 2 + v2.pairs.length);
        uint256 pairCount;
        for (uint256 i; i < n; ++i) {
            for (uint256 j = i + 1; j < n; ++j) {
                (bool success, bytes memory data) = _read(answers, v2.factory, abi.encodeCall(IUniswapV2Reads.getPair, (v2.pairTokens[i], v2.pairTokens[j])));
                (bool ok, uint256 pair) = _wordOf(success, data, 0);
                if (ok && pair != 0 && _isAddress(pair)) pairCount = _addUnique(pairs, pairCount, address(uint160(pair)));
            }
        }
        for (uint256 i; i < v2.pairs.length; ++i) pairCount = _addUnique(pairs, pairCount, v2.pairs[i]);
        TokenSet memory metadataDone = TokenSet(new address[](2 * pairCount), 0);
        for (uint256 i; i < pairCount; ++i) _readPair(answers, metadataDone, request, pairs[i]);
    }

    function _addUnique(address[] memory items, uint256 count, address item) private pure returns (uint256) {
        for (uint256 i; i < count; ++i) if (items[i] == item) return count;
        items[count] = item;
        return count + 1;
    }

    function _readPair(Answers memory answers, TokenSet memory metadataDone, Request memory request, address pair) private {
        (bool success, bytes memory data) = _read(answers, pair, abi.encodeCall(IErc20Reads.balanceOf, (request.wallet)));
        (bool ok, uint256 balance) = _wordOf(success, data, 0);
        _read(answers, pair, abi.encodeCall(IErc20Reads.totalSupply, ()));
        _read(answers, pair, abi.encodeCall(IUniswapV2Reads.getReserves, ()));
        (success, data) = _read(answers, pair, abi.encodeCall(IUniswapV2Reads.token0, ()));
        (bool has0, uint256 token0) = _wordOf(success, data, 0);
        (success, data) = _read(answers, pair, abi.encodeCall(IUniswapV2Reads.token1, ()));
        (bool has1, uint256 token1) = _wordOf(success, data, 0);
        if (!ok || balance == 0 || !has0 || !has1 || !_isAddress(token0) || !_isAddress(token1)) return;
        _readUnknownMetadata(answers, metadataDone, request.knownTokens, address(uint160(token0)));
        _readUnknownMetadata(answers, metadataDone, request.knownTokens, address(uint160(token1)));
    }
}
