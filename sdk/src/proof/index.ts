export * from "./challenge.js";
