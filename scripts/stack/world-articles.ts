/**
 * The demo world's help centre: the knowledge-base articles the seed script publishes, and a second version of one of
 * them published later by a second proposal. Written for non-developers; neutral (no vendor names).
 */

/** One help article of the seeded knowledge base. `category` is 1 + an index into TICKET_CATEGORIES of ./world-data.ts: 1 "Wallet setup & backup", 2 "Transactions & gas", 3 "dApp connection", 4 "Security & phishing", 5 "Asset recovery". */
export interface SeedArticle {
  /** Stable key used by the seed script and tests, e.g. "backup-seed-phrase". */
  key: string;
  category: 1 | 2 | 3 | 4 | 5;
  language: "en";
  title: string;
  /** Markdown: headings (##), paragraphs, bullet and numbered lists, **bold**, `code`, and at most a couple of https links to well-known neutral sources (e.g. ethereum.org). No raw HTML, no images. */
  body: string;
}

// The "fake support" article is split around the point where its second version adds a section, so that both
// versions share the rest of the text word for word.

const FAKE_SUPPORT_HEAD = `Scammers pose as wallet support, exchange staff or help desk agents, on social networks, chat servers, email and even phone. They are often friendly, fast and convincing. These rules never change.

## Real support never…

- **asks for your seed phrase**, recovery phrase or private key, in any form: typed, photographed, read aloud or "just the first few words";
- **messages you first**: if someone reaches out after you asked a question in public, it is a scammer;
- asks you to **"validate", "synchronise", "rectify" or "unlock"** your wallet on a website, or to fill in a form they send you;
- asks you to send funds to "verify" your wallet, pay a "release" fee, or move assets to a "safe" address;
- asks you to install screen-sharing or remote-access software, or to scan a QR code they send you.

## Warning signs

- Urgency: "your wallet will be suspended in 30 minutes".
- A name or handle that looks almost right: an extra letter, an underscore, "Support" added to a real name.
- Moving the conversation to private messages or another app.

## Verify an agent

Every official agent of this protocol's help desks is registered on-chain. On the **Verify** page, enter the handle or address that contacted you:

- **Official agent** means it is registered and active;
- **Unknown** means it is not an official agent: stop answering it;
- the page also warns you when a handle only looks like an official one.

In the **Ask them to prove it** section of the same page you can issue a challenge: a real agent signs it with their agent key in a minute, for free, and the page checks the signature.
`;

const FAKE_SUPPORT_CHECK = `
## Check before you trust

A lookup by address alone is not enough. A scammer can look up a real agent's address, see **Official agent**, and then quote that address to you as if it were theirs. Before you follow any advice:

1. Open the **Verify** page yourself and issue a challenge under **Ask them to prove it**.
2. Send the challenge link to the person and ask them to read back the challenge phrase.
3. Paste what they send back and check the signature. Only the holder of the agent key can produce a valid proof of control; someone quoting another agent's address cannot.

Even a verified agent will never ask for your seed phrase.
`;

const FAKE_SUPPORT_TAIL = `
## If you already shared something

- If you shared your seed phrase, move your funds to a new wallet with a new seed phrase right away: see "What to do right after a scam".
- Report the impostor from the **Verify** page so that others are warned.
`;

export const SEED_ARTICLES: readonly SeedArticle[] = [
  {
    key: "create-wallet",
    category: 1,
    language: "en",
    title: "Create a new wallet safely",
    body: `A wallet is the app that holds the keys to your accounts. Whoever has those keys controls the funds, so the few minutes you spend setting it up carefully matter more than anything you do later.

## Before you start

- Download the wallet only from its official website or your device's official app store. Check the publisher's name: fake wallet apps exist.
- Use a device you trust, with up-to-date software and no pirated programs or unknown browser extensions.
- Pick a private moment: nobody looking over your shoulder, no screen sharing, no camera pointed at the screen.

## Setting it up

1. Choose **Create a new wallet**. Only choose *Import* or *Restore* when you already have a recovery phrase of your own.
2. Set a strong password or PIN. It unlocks the app on this device only; it does not replace the recovery phrase.
3. Write down the recovery phrase (seed phrase) the wallet shows you, on paper, in order. "Back up your seed phrase" explains how to store it.
4. Confirm the phrase when the wallet asks you to. This proves your copy is complete and correct.
5. Receive a small amount first, and practise sending it, before you move larger sums.

## Red flags

- A recovery phrase that was given to you, printed on a card in the box, or filled in by someone else. A wallet you did not generate yourself is not yours: start over with a new one.
- A website or "support agent" asking you to enter your phrase to "activate" or "register" the wallet.
- Anyone offering to set the wallet up for you.

Learn more: [ethereum.org: wallets](https://ethereum.org/en/wallets/).
`,
  },
  {
    key: "backup-seed-phrase",
    category: 1,
    language: "en",
    title: "Back up your seed phrase",
    body: `Your seed phrase (also called recovery phrase or secret recovery phrase) is a list of 12 or 24 words. It is the master key to every account in your wallet: anyone who has it can take your funds from any device, and if you lose it and your device breaks, nobody can restore your wallet for you.

## Write it down the right way

1. Write the seed phrase on paper, word by word, in the exact order shown, in clear handwriting.
2. Number the words from 1 to 12 (or 24).
3. Check the spelling of each word against the screen.
4. Complete the wallet's confirmation step to make sure your copy is right.

## Store it safely

- Keep at least two copies in separate safe places, for example a home safe and a bank deposit box.
- Consider a metal backup plate if you worry about fire or water.
- Keep it offline: **no photos, screenshots, cloud notes, emails or messages**. Anything on a connected device can be stolen by malware.
- Do not cut your seed phrase into pieces shared among friends: losing one piece can lock you out, and it makes theft easier, not harder.

## Never share it

- Nobody legitimate will ever ask for your seed phrase: not your wallet, not an exchange, not this help desk.
- Never type your seed phrase into a website, a form, a chat or a "wallet validation" page. The only place it is ever entered is your wallet app itself, when you restore a wallet.
- If someone else has seen your seed phrase, treat the wallet as compromised: move your funds to a new wallet with a new seed phrase.

## Test your backup

While the balance is still small, practise restoring the wallet from your written seed phrase (see "Restore your wallet on a new device"). Knowing that your backup works is worth ten minutes.
`,
  },
  {
    key: "restore-wallet",
    category: 1,
    language: "en",
    title: "Restore your wallet on a new device",
    body: `Lost your phone, replaced your computer or reinstalled your wallet app? Your funds are not stored in the app: they live on the blockchain, and your recovery phrase is what gives you access to them again.

## What you need

- Your written recovery phrase (12 or 24 words), in the right order.
- The official wallet app, installed from its official website or your device's app store.
- A private place and a device you trust.

## Step by step

1. Open the wallet app and choose **Import** or **Restore with recovery phrase** (the wording varies), not *Create*.
2. Type the words directly into the wallet app, one per field, in order. Check for spelling mistakes and extra spaces.
3. Set a new password or PIN for this device. Your old password is not needed.
4. Wait for the wallet to load your accounts and balances.

## Missing accounts or tokens?

- **Only the first account appears**: many wallets restore only the first account. Use **Add account** to bring back the others; they come back in the same order, with the same addresses.
- **A token is missing**: the funds are there, but the wallet may not list the token. Add it by its contract address, taken from a trustworthy source.
- **Funds on another network**: add or switch to that network; your address is the same there.
- **Different addresses than before**: your previous wallet may have used a different derivation path. Look at the advanced import options, or ask a help desk.

## Stay safe

- Enter the recovery phrase only in the wallet app itself: never in a website, a form or a chat, and never for "support".
- If your old device was lost or stolen and the wallet on it had no strong password, move your funds to a new wallet with a new recovery phrase.
`,
  },
  {
    key: "stuck-transaction",
    category: 2,
    language: "en",
    title: "Why is my transaction pending, and how do I speed it up?",
    body: `A transaction stays *pending* until a validator includes it in a block. Until then nothing has happened: the funds have not left your wallet.

## Common reasons

- **The fee is too low.** On networks that use EIP-1559 you set a **max fee** (the most you will pay per unit of gas) and a **priority fee** (the tip for the validator). If the network's base fee rises above your max fee, the transaction waits until it falls again.
- **An earlier transaction is stuck.** Every transaction from your account has a number, the **nonce**, and they are confirmed strictly in order. If nonce 14 is stuck, 15 and 16 wait behind it, however high their fees.
- **The network is busy**, for example during a popular mint or sharp price moves.

## Speed it up

Most wallets offer **Speed up**: it sends the same transaction again with the same nonce and a higher fee. Only one version can be confirmed; the other is dropped. A replacement usually needs both the max fee and the priority fee to be at least about 10% higher than the original's.

## Cancel it

**Cancel** sends a transaction of zero value to your own address, with the same nonce and a higher fee. If it is confirmed first, the original can never be. Cancelling still costs a fee, and it only works while the original is pending.

## What not to do

- Do not send the same payment again as a new transaction: if both are confirmed, you pay twice.
- If your wallet lets you set a custom nonce, only reuse the nonce of the stuck transaction; never skip numbers.
- Ignore anyone who says you must pay to "unlock" a pending transaction, or share your recovery phrase to "push" it.

Learn more: [ethereum.org: gas and fees](https://ethereum.org/en/developers/docs/gas/).
`,
  },
  {
    key: "failed-transaction",
    category: 2,
    language: "en",
    title: "My transaction failed but I still paid a fee",
    body: `A failed transaction shows as *Failed*, *Reverted* or *Error* in your wallet and on a block explorer. The transfer or swap did not happen and your tokens are still where they were, but the network fee is spent. Validators did the computation up to the point of failure, and that work is paid for whether or not it succeeds. Nobody can refund it.

## Out of gas

Every transaction has a **gas limit**: the most computation it may use. If it needs more, it stops, its changes are undone, and the whole limit is charged. This usually happens when the gas limit was lowered by hand. Let your wallet estimate it unless you know exactly why you are changing it.

## Reverted by the contract

A smart contract can refuse to continue, for example because:

- the price moved more than your **slippage** tolerance during a swap;
- a deadline passed while the transaction was pending;
- you did not approve the token first, or approved too little;
- the sale or mint had ended, or you were not eligible;
- your balance changed before the transaction ran.

The block explorer often shows the reason next to the status, for example \`execution reverted\` followed by a short message.

## What to do next

1. Open the transaction on a block explorer and read its status and error message.
2. Fix the cause: refresh the quote, raise the slippage slightly, approve the token, or wait until the sale opens.
3. Try again only once you know why it failed. If your wallet warns that a transaction is likely to fail, believe it.

If you cannot tell why, open a ticket with the transaction hash (it starts with \`0x\`). The hash is all a help desk needs: never share your recovery phrase.
`,
  },
  {
    key: "token-approvals",
    category: 3,
    language: "en",
    title: "Token approvals: what they are and how to revoke them",
    body: `Before a dApp can move one of your tokens (for a swap, a deposit or a marketplace listing) you give its smart contract an **approval**, also called an **allowance**. It is a separate transaction that says "this contract may spend up to this amount of this token from my wallet".

## Why it matters

- Approvals **stay active** after you leave the site, until you revoke them or they are used up.
- Many dApps ask for an **unlimited** amount by default, to save you fees later. If that contract is hacked, or was malicious all along, it can take all of that token from your wallet, at any time, without asking again.
- For NFTs, an approval "for all" covers every item you hold in that collection.

## Approve carefully

- Check the site's domain before approving, and read which token and which spender your wallet shows.
- When your wallet lets you edit the amount, approve only what this action needs.
- Be suspicious of an approval request when you expected something else, such as a "claim" or a login.

## Review and revoke

1. Open your wallet's list of token approvals, if it has one, or the token approval checker of a block explorer you trust, and look up your address.
2. Look for approvals to contracts you do not recognise or no longer use, and for unlimited ones.
3. Choose **Revoke**. This sends a transaction that sets the allowance to zero, so it costs a small network fee.

## What revoking can and cannot do

Revoking stops future spending by that contract. It does **not** return tokens already taken, and it does not help if your recovery phrase was exposed: then you need a new wallet.

Learn more: [ethereum.org: how to revoke token access](https://ethereum.org/en/guides/how-to-revoke-token-access/).
`,
  },
  {
    key: "connect-dapp",
    category: 3,
    language: "en",
    title: "Connect your wallet to a dApp safely",
    body: `dApps (decentralised apps such as exchanges, marketplaces or games) ask you to **connect** your wallet, either through your browser extension wallet or by scanning a WalletConnect QR code with your mobile wallet.

## What connecting does

- It shows the site your **public address**, so it can read your balances and history (which are public on the blockchain anyway).
- It lets the site **ask** your wallet for things: switch network, sign a message, send a transaction.

## What connecting does not do

- It does not let the site move your funds by itself. Every transaction and every signature needs your approval in your wallet.
- It never needs your recovery phrase or private key. A site that asks for them is a scam, always.

The danger lies in what you approve *after* connecting, so read every request (see "Signing requests: messages vs transactions" and "Token approvals: what they are and how to revoke them").

## Before you connect

1. Open the site from a bookmark or by typing its address, not from an ad, an email, a direct message or a reply under a social post.
2. Check the domain in the address bar letter by letter: look-alikes with extra words, swapped letters or a different ending are common.
3. In your wallet's connection prompt, check that the domain shown is the site you meant to open.

## With WalletConnect

- Scan only QR codes shown by a site you opened yourself. A QR code sent to you by "support" connects your wallet to a site the sender controls.
- Your mobile wallet shows the requesting site's name and domain: read them before you approve. If the wallet flags the domain as unverified or malicious, stop.

## Afterwards

Disconnect the sites you no longer use, from your wallet's list of connected sites or WalletConnect sessions. Disconnecting stops new requests; it does not cancel token approvals you already gave.
`,
  },
  {
    key: "signing-requests",
    category: 3,
    language: "en",
    title: "Signing requests: messages vs transactions",
    body: `Your wallet asks for your confirmation in two different situations, and they carry different risks.

## Transactions

A transaction changes something on the blockchain: sending coins, swapping, approving a token, minting. It costs a network fee, and your wallet shows what it will do: recipient, amount, contract, and often a preview of balance changes. Once confirmed, it cannot be undone.

## Message signatures

A signature costs nothing and sends nothing to the blockchain by itself. Plain, readable messages, such as "Sign in to example.org" with a one-time code, are normally used to prove that you own an address, and are low risk.

But a signature can still be powerful, because someone else can later submit it to a contract:

- **Permit** signatures (structured EIP-712 data with fields like *spender*, *value* and *deadline*) grant a token allowance without any transaction from you. The spender can then move your tokens.
- **Marketplace orders** can list your NFTs or tokens for sale, possibly for nothing.
- **Unreadable requests**, such as a long hexadecimal string or a warning that the request cannot be decoded, can be anything at all.

## Before you sign

1. Check which site is asking, and that you started the action yourself.
2. Read the request. If you see *Permit*, *spender*, *approve*, *order* or an unlimited amount, ask yourself why a login or a "claim" would need that.
3. Refuse anything you cannot read. A legitimate site does not need you to sign blind.
4. Take your wallet's warnings seriously; do not click through them.

If you signed something you regret, revoke the approvals it may have granted right away (see "Token approvals: what they are and how to revoke them") and, if assets are already moving, follow "What to do right after a scam".
`,
  },
  {
    key: "fake-support",
    category: 4,
    language: "en",
    title: "Recognise fake support agents",
    body: FAKE_SUPPORT_HEAD + FAKE_SUPPORT_TAIL,
  },
  {
    key: "phishing-sites",
    category: 4,
    language: "en",
    title: "Spot phishing sites and airdrop scams",
    body: `Phishing sites copy the look of a real wallet, exchange or dApp to make you sign a malicious request or type in your recovery phrase. Airdrop scams use "free tokens" as bait. No legitimate site will ever ask for your recovery phrase.

## Look-alike domains

- Extra, missing or swapped letters, hyphens or words: *examp1e.org*, *example-claim.app* or *example.org.wallet-verify.net* instead of *example.org*.
- Characters from other alphabets that look identical, such as a Cyrillic "а" in place of a Latin "a".
- Sponsored search results and ads that lead to copies of popular sites.
- Links in direct messages, emails, or replies under an official account's posts.

Bookmark the sites you use and open them only from your bookmarks. If your wallet warns you about a known phishing domain, leave the site.

## Airdrop scams

- Unknown tokens or NFTs appear in your wallet, often with a website address in their name. Do not visit it.
- The "claim" page then asks for an approval, a *Permit* signature or your recovery phrase. Any of these can empty your wallet.
- Do not try to sell or swap unknown tokens either: it usually means approving a contract you know nothing about. Hide them in your wallet instead.

## Address poisoning

Scammers send you a tiny or zero-value transfer from an address that starts and ends with the same characters as one you use often. They hope that next time you copy an address from your transaction history, you pick theirs.

- Never copy a recipient from your history. Use your wallet's address book or the original source.
- Compare the **whole** address, not just the first and last few characters.
- For large amounts, send a small test first and confirm with the recipient that it arrived.

Learn more: [ethereum.org: security](https://ethereum.org/en/security/).
`,
  },
  {
    key: "after-a-scam",
    category: 5,
    language: "en",
    title: "What to do right after a scam",
    body: `Act fast but calmly. Attackers often drain a wallet in several steps, so minutes can matter.

## 1. Stop the damage

- Stop answering the scammer and close the site. Do not sign or approve anything else.
- Disconnect the site from your wallet.

## 2. If your seed phrase may be exposed

You typed or showed your seed phrase or private key anywhere, or installed software someone sent you: the whole wallet is compromised, and revoking approvals will not help.

1. On a clean device, create a **new wallet with a new seed phrase**. Never import the old one.
2. Move your remaining assets to the new wallet, most valuable first.
3. If the old wallet has no coins left for fees, ask a help desk before topping it up: attackers often run bots that take any coins sent to it within seconds.

## 3. If you only signed or approved something

Revoke the approvals right away (see "Token approvals: what they are and how to revoke them"). To be safe, move your remaining assets to a new wallet as well.

## 4. Record and report

- Note the transaction hashes, the scammer's addresses, handles, website and messages, and take screenshots.
- If funds went to an exchange, contact that exchange through its official website with the transaction hashes; it may be able to freeze them.
- Report the theft to your local police or national cybercrime reporting service.
- Report a fake agent on this protocol's **Verify** page, and open a ticket with a help desk if you need guidance.

## 5. Beware of the second scam

After a theft, "recovery experts" and "blockchain investigators" often contact victims and promise to get the funds back for an upfront fee. They are scammers too: see "What asset recovery can and cannot mean".
`,
  },
  {
    key: "asset-recovery-limits",
    category: 5,
    language: "en",
    title: "What asset recovery can and cannot mean",
    body: `"Asset recovery" sounds like a promise. On a blockchain it is a narrow one, and knowing its limits protects you from a second loss.

## What nobody can do

- **Reverse a transaction.** Once confirmed, a transfer is final. No wallet, help desk, developer or "hacker" can undo it or call the funds back.
- **Recover a lost recovery phrase.** Your wallet never sends it anywhere. Without it, or a device where the wallet is still unlocked, nobody can restore access.
- **Seize funds for a fee.** Only exchanges, acting on their own rules or on orders from courts and law enforcement, can freeze funds held with them, and victims never pay upfront for that.

## Recovery-service scams

Be wary of anyone who offers to recover your funds, especially if they:

- ask for an upfront fee, a "gas deposit" or a "release tax";
- ask for your recovery phrase, or ask you to connect your wallet to their site;
- claim special access to "the blockchain", or guarantee success.

These are scams, every time.

## What a help desk can legitimately do

- **Wrong network, same address**: if you sent tokens to your own address on another compatible network, they are still yours; we help you add that network and move them back.
- **Exchange deposits**: if you sent to an exchange on a network it does not support, or forgot a required memo or tag, we help you contact the exchange with the right details. Exchanges can sometimes credit or return such deposits.
- **Understanding what happened**: we read the transaction with you on a block explorer, check for approvals still open, and help you secure what remains.
- **Reports**: we help you gather the evidence for the exchange and the police.

A real help desk never charges a recovery fee and never asks for your recovery phrase.
`,
  },
  {
    key: "wrong-network",
    category: 5,
    language: "en",
    title: "Sent funds on the wrong network?",
    body: `Ethereum and the many networks compatible with it (often called EVM networks) use the same address format. So you can send tokens to the right address but on the wrong network, for example on a layer 2 instead of Ethereum mainnet. The transaction succeeds, but the recipient does not see the funds where they expect them.

## If you sent to your own address

Good news: the same recovery phrase controls the same address on every EVM network.

1. Find the transaction on a block explorer for the network you actually used, to confirm where it landed.
2. In your wallet, add or switch to that network. The funds are there; add the token by its contract address if it is not listed.
3. To move them back, you need a little of that network's own coin to pay fees. Then use a bridge you trust, or an exchange that supports both networks.

## If you sent to an exchange or someone else

- **Exchange**: contact the exchange's support through its official website, with the transaction hash, the network and the token. Exchanges can sometimes credit a deposit made on a network they do not support, sometimes for a fee; it is their decision.
- **Another person's wallet**: if it is an ordinary wallet, they control that address on the other network too and can send the funds back.
- **A smart-contract wallet (such as a multisig) or a contract address**: the same address may not exist on that network. Recovery may be hard or impossible; ask a help desk before trying anything.

## Prevent it next time

- Check the network selector in your wallet before sending, and the network the recipient asked for.
- Send a small test amount first.
- When withdrawing from an exchange, choose the network that matches your wallet.

Anyone who asks for a fee or your recovery phrase to "move funds between networks" for you is a scammer.
`,
  },
];

/** A second version of one of the articles above (published later by a second proposal): same key, improved body (e.g. a section added), title may stay the same. */
export const SEED_ARTICLE_UPDATE: SeedArticle = {
  key: "fake-support",
  category: 4,
  language: "en",
  title: "Recognise fake support agents",
  body: FAKE_SUPPORT_HEAD + FAKE_SUPPORT_CHECK + FAKE_SUPPORT_TAIL,
};
