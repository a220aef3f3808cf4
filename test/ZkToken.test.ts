import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import type { ZkToken } from "../typechain-types";
import { signPermit } from "../tools/permit";

const CAP = ethers.parseEther("21000000000");
const INITIAL = ethers.parseEther("1000000000");

async function signDelegation(
  token: ZkToken,
  signer: Signer,
  owner: string,
  delegatee: string,
  nonce: bigint,
  expiry: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  return signer.signTypedData(
    { name: "ZKsync", version: "1", chainId, verifyingContract: await token.getAddress() },
    {
      Delegation: [
        { name: "owner", type: "address" },
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    { owner, delegatee, nonce, expiry },
  );
}

describe("ZkToken", function () {
  async function tokenFixture() {
    const [admin, holder, minter, burner, alice, bob] = await ethers.getSigners();
    const token = await ethers.deployContract("ZkToken", [admin.address, holder.address, INITIAL]);
    await token.connect(admin).grantRole(await token.MINTER_ROLE(), minter.address);
    await token.connect(admin).grantRole(await token.BURNER_ROLE(), burner.address);
    const wallet = await ethers.deployContract("ERC1271WalletMock", [alice.address]);
    return { token, wallet, admin, holder, minter, burner, alice, bob };
  }

  describe("metadata and clock", function () {
    it("matches the live token's name, symbol, decimals and permit domain", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.name()).to.equal("ZKsync");
      expect(await token.symbol()).to.equal("ZK");
      expect(await token.decimals()).to.equal(18);
      const domain = await token.eip712Domain();
      expect(domain.name).to.equal("ZKsync");
      expect(domain.version).to.equal("1");
      const { chainId } = await ethers.provider.getNetwork();
      expect(await token.DOMAIN_SEPARATOR()).to.equal(
        ethers.TypedDataEncoder.hashDomain({
          name: "ZKsync",
          version: "1",
          chainId,
          verifyingContract: await token.getAddress(),
        }),
      );
    });

    it("keeps votes on a timestamp clock", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
      const latest = await time.latest();
      expect(await token.clock()).to.equal(latest);
    });

    it("exposes the 21 billion cap", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.maxSupply()).to.equal(CAP);
      expect(await token.cap()).to.equal(CAP);
      expect(await token.totalSupply()).to.equal(INITIAL);
    });

    it("rejects an initial mint above the cap", async function () {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("ZkToken");
      await expect(factory.deploy(admin.address, admin.address, CAP + 1n))
        .to.be.revertedWithCustomError(factory, "ERC20ExceededCap")
        .withArgs(CAP + 1n, CAP);
    });
  });

  describe("roles", function () {
    it("gives the admin the default admin role and both role-admin roles, and nothing else", async function () {
      const { token, admin } = await loadFixture(tokenFixture);
      expect(await token.hasRole(await token.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await token.hasRole(await token.MINTER_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await token.hasRole(await token.BURNER_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await token.hasRole(await token.MINTER_ROLE(), admin.address)).to.equal(false);
      expect(await token.hasRole(await token.BURNER_ROLE(), admin.address)).to.equal(false);
    });

    it("administers MINTER_ROLE through MINTER_ADMIN_ROLE and BURNER_ROLE through BURNER_ADMIN_ROLE", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.getRoleAdmin(await token.MINTER_ROLE())).to.equal(await token.MINTER_ADMIN_ROLE());
      expect(await token.getRoleAdmin(await token.BURNER_ROLE())).to.equal(await token.BURNER_ADMIN_ROLE());
      expect(await token.getRoleAdmin(await token.MINTER_ADMIN_ROLE())).to.equal(await token.DEFAULT_ADMIN_ROLE());
    });

    it("lets a minter admin grant and revoke the minter role, and no one else", async function () {
      const { token, admin, alice, bob } = await loadFixture(tokenFixture);
      const MINTER_ROLE = await token.MINTER_ROLE();
      const MINTER_ADMIN_ROLE = await token.MINTER_ADMIN_ROLE();
      await expect(token.connect(alice).grantRole(MINTER_ROLE, bob.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, MINTER_ADMIN_ROLE);
      await expect(token.connect(admin).grantRole(MINTER_ROLE, bob.address))
        .to.emit(token, "RoleGranted")
        .withArgs(MINTER_ROLE, bob.address, admin.address);
      await token.connect(admin).revokeRole(MINTER_ROLE, bob.address);
      expect(await token.hasRole(MINTER_ROLE, bob.address)).to.equal(false);
    });

    it("lets a burner admin grant the burner role, and no one else", async function () {
      const { token, admin, alice, bob } = await loadFixture(tokenFixture);
      const BURNER_ROLE = await token.BURNER_ROLE();
      const BURNER_ADMIN_ROLE = await token.BURNER_ADMIN_ROLE();
      await expect(token.connect(alice).grantRole(BURNER_ROLE, bob.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, BURNER_ADMIN_ROLE);
      await token.connect(admin).grantRole(BURNER_ROLE, bob.address);
      expect(await token.hasRole(BURNER_ROLE, bob.address)).to.equal(true);
    });
  });

  describe("mint", function () {
    it("mints with MINTER_ROLE", async function () {
      const { token, minter, alice } = await loadFixture(tokenFixture);
      await expect(token.connect(minter).mint(alice.address, 5n)).to.changeTokenBalance(token, alice, 5n);
    });

    it("reverts without MINTER_ROLE", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      const MINTER_ROLE = await token.MINTER_ROLE();
      await expect(token.connect(alice).mint(alice.address, 5n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, MINTER_ROLE);
    });

    it("mints exactly to the cap, and one wei more reverts with the would-be supply and the cap", async function () {
      const { token, minter, alice } = await loadFixture(tokenFixture);
      await token.connect(minter).mint(alice.address, CAP - INITIAL);
      expect(await token.totalSupply()).to.equal(CAP);
      await expect(token.connect(minter).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20ExceededCap")
        .withArgs(CAP + 1n, CAP);
    });
  });

  describe("burn", function () {
    it("burns the caller's own balance without any role and lowers supply and votes", async function () {
      const { token, holder } = await loadFixture(tokenFixture);
      await token.connect(holder).delegate(holder.address);
      const amount = ethers.parseEther("1234");
      await expect(token.connect(holder)["burn(uint256)"](amount))
        .to.emit(token, "Transfer")
        .withArgs(holder.address, ethers.ZeroAddress, amount);
      expect(await token.totalSupply()).to.equal(INITIAL - amount);
      expect(await token.getVotes(holder.address)).to.equal(INITIAL - amount);
    });

    it("reverts a burn above the balance", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.connect(alice)["burn(uint256)"](1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 0n, 1n);
    });

    it("burnFrom needs BURNER_ROLE, as the live token: an allowance alone burns nothing", async function () {
      const { token, holder, burner, alice } = await loadFixture(tokenFixture);
      await token.connect(holder).approve(alice.address, 100n);
      const BURNER_ROLE = await token.BURNER_ROLE();
      await expect(token.connect(alice).burnFrom(holder.address, 60n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, BURNER_ROLE);
      await expect(token.connect(burner).burnFrom(holder.address, 60n)).to.changeTokenBalance(token, holder, -60n);
      expect(await token.allowance(holder.address, alice.address)).to.equal(100n);
      expect(await token.totalSupply()).to.equal(INITIAL - 60n);
    });

    it("burn(address,uint256) needs BURNER_ROLE and burns without allowance", async function () {
      const { token, holder, burner, alice } = await loadFixture(tokenFixture);
      const BURNER_ROLE = await token.BURNER_ROLE();
      await expect(token.connect(alice)["burn(address,uint256)"](holder.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, BURNER_ROLE);
      await expect(token.connect(burner)["burn(address,uint256)"](holder.address, 7n)).to.changeTokenBalance(
        token,
        holder,
        -7n,
      );
      expect(await token.totalSupply()).to.equal(INITIAL - 7n);
    });
  });

  describe("ERC-20 rules", function () {
    it("transfers, approves and spends allowances as OpenZeppelin's ERC-20 does, with its events", async function () {
      const { token, holder, alice, bob } = await loadFixture(tokenFixture);
      await expect(token.connect(holder).transfer(alice.address, 50n))
        .to.emit(token, "Transfer")
        .withArgs(holder.address, alice.address, 50n);
      await expect(token.connect(alice).approve(bob.address, 30n))
        .to.emit(token, "Approval")
        .withArgs(alice.address, bob.address, 30n);
      await expect(token.connect(bob).transferFrom(alice.address, bob.address, 20n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 20n)
        .and.not.to.emit(token, "Approval");
      expect(await token.allowance(alice.address, bob.address)).to.equal(10n);
      await token.connect(alice).approve(bob.address, ethers.MaxUint256);
      await token.connect(bob).transferFrom(alice.address, bob.address, 5n);
      expect(await token.allowance(alice.address, bob.address)).to.equal(ethers.MaxUint256);
      expect(await token.balanceOf(alice.address)).to.equal(25n);
      expect(await token.balanceOf(bob.address)).to.equal(25n);
      expect(await token.totalSupply()).to.equal(INITIAL);
      await expect(token.connect(alice).transfer(bob.address, 26n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 25n, 26n);
    });

    it("rejects the zero address as receiver, spender, approver, minted-to and burned-from", async function () {
      const { token, holder, minter, burner, alice, admin } = await loadFixture(tokenFixture);
      const zero = ethers.ZeroAddress;
      await expect(token.connect(holder).transfer(zero, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(zero);
      await expect(token.connect(holder).approve(zero, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
        .withArgs(zero);
      await expect(token.connect(alice).transferFrom(zero, alice.address, 0n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidApprover")
        .withArgs(zero);
      await expect(token.connect(minter).mint(zero, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(zero);
      await expect(token.connect(burner)["burn(address,uint256)"](zero, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidSender")
        .withArgs(zero);
      await expect(ethers.deployContract("ZkToken", [admin.address, zero, 1n])).to.be.revertedWithCustomError(
        token,
        "ERC20InvalidReceiver",
      );
    });

    it("moves no votes between holders who have not delegated, and counts them once they do", async function () {
      const { token, holder, alice, bob } = await loadFixture(tokenFixture);
      await token.connect(holder).transfer(alice.address, 100n);
      expect(await token.getVotes(alice.address)).to.equal(0n);
      expect(await token.numCheckpoints(alice.address)).to.equal(0n);
      await expect(token.connect(alice).delegate(bob.address))
        .to.emit(token, "DelegateChanged")
        .withArgs(alice.address, ethers.ZeroAddress, bob.address)
        .and.to.emit(token, "DelegateVotesChanged")
        .withArgs(bob.address, 0n, 100n);
      expect(await token.delegates(alice.address)).to.equal(bob.address);
      // The delegatee shares the balance's slot: moving the balance must leave it intact, and the reverse.
      await token.connect(holder).transfer(alice.address, 5n);
      expect(await token.delegates(alice.address)).to.equal(bob.address);
      expect(await token.balanceOf(alice.address)).to.equal(105n);
      expect(await token.getVotes(bob.address)).to.equal(105n);
      await token.connect(alice).delegate(alice.address);
      expect(await token.balanceOf(alice.address)).to.equal(105n);
      expect(await token.getVotes(bob.address)).to.equal(0n);
      expect(await token.getVotes(alice.address)).to.equal(105n);
      const [last] = [await token.checkpoints(bob.address, (await token.numCheckpoints(bob.address)) - 1n)];
      expect(last._value).to.equal(0n);
    });
  });

  describe("permit", function () {
    it("sets an allowance from a signature and consumes the nonce", async function () {
      const { token, holder, alice } = await loadFixture(tokenFixture);
      const deadline = BigInt(await time.latest()) + 3600n;
      const signature = await signPermit(holder, token, alice.address, 99n, deadline);
      await token.permit(holder.address, alice.address, 99n, deadline, signature.v, signature.r, signature.s);
      expect(await token.allowance(holder.address, alice.address)).to.equal(99n);
      expect(await token.nonces(holder.address)).to.equal(1n);
      await expect(
        token.permit(holder.address, alice.address, 99n, deadline, signature.v, signature.r, signature.s),
      ).to.be.revertedWithCustomError(token, "ERC2612InvalidSigner");
    });

    it("rejects a permit past its deadline with the deadline", async function () {
      const { token, holder, alice } = await loadFixture(tokenFixture);
      const deadline = BigInt(await time.latest()) - 1n;
      const signature = await signPermit(holder, token, alice.address, 99n, deadline);
      await expect(token.permit(holder.address, alice.address, 99n, deadline, signature.v, signature.r, signature.s))
        .to.be.revertedWithCustomError(token, "ERC2612ExpiredSignature")
        .withArgs(deadline);
    });
  });

  describe("delegateOnBehalf", function () {
    it("delegates an EOA's votes from its signature", async function () {
      const { token, holder, bob, alice } = await loadFixture(tokenFixture);
      const expiry = BigInt(await time.latest()) + 3600n;
      const signature = await signDelegation(token, holder, holder.address, bob.address, 0n, expiry);
      await expect(token.connect(alice).delegateOnBehalf(holder.address, bob.address, expiry, signature))
        .to.emit(token, "DelegateChanged")
        .withArgs(holder.address, ethers.ZeroAddress, bob.address);
      expect(await token.delegates(holder.address)).to.equal(bob.address);
      expect(await token.getVotes(bob.address)).to.equal(INITIAL);
      expect(await token.nonces(holder.address)).to.equal(1n);
    });

    it("delegates a contract wallet's votes from an ERC-1271 signature", async function () {
      const { token, wallet, holder, alice, bob } = await loadFixture(tokenFixture);
      const walletAddress = await wallet.getAddress();
      await token.connect(holder).transfer(walletAddress, 500n);
      const expiry = BigInt(await time.latest()) + 3600n;
      const signature = await signDelegation(token, alice, walletAddress, bob.address, 0n, expiry);
      await token.delegateOnBehalf(walletAddress, bob.address, expiry, signature);
      expect(await token.delegates(walletAddress)).to.equal(bob.address);
      expect(await token.getVotes(bob.address)).to.equal(500n);
    });

    it("rejects a contract wallet signature its owner did not make", async function () {
      const { token, wallet, bob } = await loadFixture(tokenFixture);
      const walletAddress = await wallet.getAddress();
      const expiry = BigInt(await time.latest()) + 3600n;
      const signature = await signDelegation(token, bob, walletAddress, bob.address, 0n, expiry);
      await expect(token.delegateOnBehalf(walletAddress, bob.address, expiry, signature))
        .to.be.revertedWithCustomError(token, "ZkTokenInvalidDelegationSignature")
        .withArgs(walletAddress);
    });

    it("reverts after the expiry with the expiry and the time", async function () {
      const { token, holder, bob } = await loadFixture(tokenFixture);
      const expiry = BigInt(await time.latest()) + 10n;
      const signature = await signDelegation(token, holder, holder.address, bob.address, 0n, expiry);
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(token.delegateOnBehalf(holder.address, bob.address, expiry, signature))
        .to.be.revertedWithCustomError(token, "ZkTokenDelegationExpired")
        .withArgs(expiry, expiry + 1n);
    });

    it("rejects a replayed signature", async function () {
      const { token, holder, bob } = await loadFixture(tokenFixture);
      const expiry = BigInt(await time.latest()) + 3600n;
      const signature = await signDelegation(token, holder, holder.address, bob.address, 0n, expiry);
      await token.delegateOnBehalf(holder.address, bob.address, expiry, signature);
      await expect(token.delegateOnBehalf(holder.address, bob.address, expiry, signature))
        .to.be.revertedWithCustomError(token, "ZkTokenInvalidDelegationSignature")
        .withArgs(holder.address);
    });

    it("rejects a signature by someone other than the owner", async function () {
      const { token, holder, alice, bob } = await loadFixture(tokenFixture);
      const expiry = BigInt(await time.latest()) + 3600n;
      const signature = await signDelegation(token, alice, holder.address, bob.address, 0n, expiry);
      await expect(token.delegateOnBehalf(holder.address, bob.address, expiry, signature))
        .to.be.revertedWithCustomError(token, "ZkTokenInvalidDelegationSignature")
        .withArgs(holder.address);
    });

    it("shares its nonce with permit, so a delegation signed before a permit is void", async function () {
      const { token, holder, alice, bob } = await loadFixture(tokenFixture);
      const expiry = BigInt(await time.latest()) + 3600n;
      const signature = await signDelegation(token, holder, holder.address, bob.address, 0n, expiry);
      const permit = await signPermit(holder, token, alice.address, 1n, expiry);
      await token.permit(holder.address, alice.address, 1n, expiry, permit.v, permit.r, permit.s);
      await expect(
        token.delegateOnBehalf(holder.address, bob.address, expiry, signature),
      ).to.be.revertedWithCustomError(token, "ZkTokenInvalidDelegationSignature");
    });
  });

  describe("votes", function () {
    it("moves votes with transfers between delegated holders and records past votes by timestamp", async function () {
      const { token, holder, alice } = await loadFixture(tokenFixture);
      await token.connect(holder).delegate(holder.address);
      await token.connect(alice).delegate(alice.address);
      await token.connect(holder).transfer(alice.address, 10n);
      const t = await time.latest();
      await time.increase(5);
      expect(await token.getPastVotes(alice.address, t)).to.equal(10n);
      expect(await token.getPastTotalSupply(t)).to.equal(INITIAL);
    });

    it("supports the ERC-165 interface of AccessControl", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.supportsInterface("0x7965db0b")).to.equal(true);
    });
  });
});
