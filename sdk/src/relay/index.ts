/** Gasless actions through a relayer: the HTTP contract, a client, and the ballots a voter signs. */
export * from "./ballot.js";
export * from "./client.js";
export * from "./rating.js";
export * from "./wire.js";
