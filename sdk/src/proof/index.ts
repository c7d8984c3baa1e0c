export * from "./challenge.js";
export * from "./verify.js";
